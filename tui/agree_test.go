package tui

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/cdr"
)

// The call-record screen and 'ringfence cdr --site' must read a file the same
// way and leave the same audit behind: the command line runs exactly
// core.ReviewCalls over a cdr.File and then core.RecordCalls, so the app,
// given the same site, file and hours, must save what those save.
func TestTheAppRecordsCallsAsTheCommandLineDoes(t *testing.T) {
	t.Parallel()
	for _, body := range []string{fraudCalls, quietCalls(40)} {
		path := writeFile(t, "calls.csv", body)
		const hours = "Mon-Sat 07:00-19:00"

		app := smallSite(t)
		h := newHarnessWithStore(t, app, false, 80, 24)
		h.press("enter", "enter", "r", "f")
		h.typeText(path)
		h.press("enter")
		h.send(keyMsg("ctrl+u"))
		h.typeText("mon-sat 7:00-19:00")
		h.press("enter", "enter")
		h.app.sh.sess.close()

		cli := smallSite(t)
		cat := checklist.Builtin()
		latest, err := cli.LatestAudit("Acme Dental")
		if err != nil {
			t.Fatal(err)
		}
		latest.Hours = hours
		file := &cdr.File{Path: path}
		incidents, err := core.ReviewCalls(t.Context(), latest.CallScanConfig(fixedNow), file.Scan, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := core.RecordCalls(cli, cat, "Acme Dental", path, len(incidents), hours, fixedNow); err != nil {
			t.Fatal(err)
		}

		got, err := app.LatestAudit("Acme Dental")
		if err != nil {
			t.Fatal(err)
		}
		want, err := cli.LatestAudit("Acme Dental")
		if err != nil {
			t.Fatal(err)
		}
		if got.Answers["MON-02"] != want.Answers["MON-02"] || want.Answers["MON-02"].Value == "" {
			t.Errorf("MON-02 differs: app %+v, command line %+v", got.Answers["MON-02"], want.Answers["MON-02"])
		}
		if !reflect.DeepEqual(got.Results, want.Results) {
			t.Error("the app and the command line judged the checks differently after the same call records")
		}
		if !reflect.DeepEqual(events(got), events(want)) {
			t.Errorf("the history differs: app %q, command line %q", events(got), events(want))
		}
		if got.Hours != want.Hours {
			t.Errorf("hours differ: app %q, command line %q", got.Hours, want.Hours)
		}
		gs, _ := app.Site("Acme Dental")
		ws, _ := cli.Site("Acme Dental")
		if gs.Hours != ws.Hours || ws.Hours != hours {
			t.Errorf("the site's hours differ: app %q, command line %q", gs.Hours, ws.Hours)
		}
		if c := h.top().(*callsScreen); c.result == nil || fmt.Sprint(c.result.stats) != fmt.Sprint(file.Stats) || len(c.result.incidents) != len(incidents) {
			t.Errorf("the app read the file differently from the command line: %v, want %v", c.result.stats, file.Stats)
		}
	}
}

func events(a *checklist.Audit) []string {
	var out []string
	for _, e := range a.History {
		out = append(out, e.What)
	}
	return out
}

// An audit the app starts is the audit the core starts, which is the audit
// 'ringfence audit --site' saves: the same inputs give the same saved fields.
func TestTheAppStartsTheAuditTheCommandLineStarts(t *testing.T) {
	t.Parallel()
	phones := writeFile(t, "phones.csv", sheetWithBadRows)
	site := checklist.Site{Name: "Acme Dental", Hours: "Mon-Fri 08:00-18:00", Connector: checklist.ConnectorSettings{Kind: "csv", File: phones}}
	stores := [2]*sitestore.Store{}
	for i := range stores {
		s, err := sitestore.OpenStore(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CreateSite(site); err != nil {
			t.Fatal(err)
		}
		stores[i] = s
	}
	h := newHarnessWithStore(t, stores[0], false, 100, 30)
	h.send(siteOpenMsg{name: site.Name})
	h.mustSee("phones.csv: skipped line 3")
	h.app.sh.sess.close()

	open := func(s checklist.Site) (core.Source, error) {
		src, err := connectors.Open(testKinds, s, connectors.Secrets{})
		if err != nil {
			return nil, err
		}
		return connectors.ForAudit(src, nil), nil
	}
	got, err := core.StartAudit(t.Context(), stores[1], checklist.Builtin(), core.AuditRun{Site: site.Name, Open: open}, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(h.app.sh.sess.imported, got.Account) {
		t.Errorf("the app showed %q of the import, the command line %q", h.app.sh.sess.imported, got.Account)
	}
	if a, b := savedJSON(t, stores[0], site.Name), savedJSON(t, stores[1], site.Name); a != b {
		t.Errorf("the app saved\n%s\nthe command line\n%s", a, b)
	}
}

func savedJSON(t *testing.T, store *sitestore.Store, site string) string {
	t.Helper()
	a, err := store.LatestAudit(site)
	if err != nil || a == nil {
		t.Fatalf("no audit of %s was saved: %v", site, err)
	}
	// The file connector stamps its read with the computer's clock.
	a.Inventory.Source.FetchedAt = time.Time{}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
