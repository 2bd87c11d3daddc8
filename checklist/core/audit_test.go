package core

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

func TestAFirstAuditIsSavedWithWhatTheSourceLeftOut(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	src := &fakeSource{inv: twoLines(), account: []string{"phones.csv: skipped line 3"}}
	got, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: src.open, Auditor: "Sam"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if got.Previous != nil {
		t.Error("a first audit follows none")
	}
	if !reflect.DeepEqual(got.Account, src.account) {
		t.Errorf("the account %q was not passed on", got.Account)
	}
	saved, err := store.LatestAudit("Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	if saved.Auditor != "Sam" || len(saved.Inventory.Extensions) != 2 || !reflect.DeepEqual(saved.Results, got.Audit.Results) {
		t.Errorf("the audit on disk is not the one returned: %+v", saved)
	}
}

func TestANewAuditKeepsWhatWasDecidedAndComparesWithTheLastOne(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	src := &fakeSource{inv: twoLines()}
	if _, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: src.open}, now); err != nil {
		t.Fatal(err)
	}
	id, ans := failingAnswer(t, cat)
	acc := checklist.Acceptance{Reason: "replacing it in spring", Owner: "Sam", Expires: now.AddDate(0, 3, 0)}
	if _, err := Apply(store, "Acme Dental", Answer(cat, id, ans, now), Accept(cat, id, acc, now), Assign(cat, "MON-02", "Jo", now.AddDate(0, 1, 0), now)); err != nil {
		t.Fatal(err)
	}
	later := now.Add(24 * 60 * 60 * 1e9)
	got, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: src.open}, later)
	if err != nil {
		t.Fatal(err)
	}
	if got.Previous == nil || got.Previous.Answers[id].Value != ans.Value {
		t.Fatal("the new audit should follow the last one")
	}
	a := got.Audit
	if a.Answers[id].Value != ans.Value || a.Accepted[id] != acc || a.Tracking["MON-02"].Owner != "Jo" {
		t.Errorf("the answer, acceptance and owner must carry over: %+v %+v %+v", a.Answers[id], a.Accepted[id], a.Tracking["MON-02"])
	}
	if resultOf(a, id).Status != checklist.StatusAccepted {
		t.Errorf("%s should stay accepted, got %s", id, resultOf(a, id).Status)
	}
	latest, previous, err := Latest(store, "Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	if !latest.Started.Equal(a.Started) || !previous.Started.Equal(got.Previous.Started) {
		t.Error("Latest should give the new audit and the one before it")
	}
	if ch := Changes(latest, previous); !reflect.DeepEqual(ch, checklist.Compare(previous.Results, latest.Results)) {
		t.Error("Changes should compare the two audits")
	}
}

func TestASiteWithNoConnectorIsAuditedFromAnswersAlone(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	if _, err := store.UpdateSite("Acme Dental", func(s *checklist.Site) error { s.Connector = checklist.ConnectorSettings{}; return nil }); err != nil {
		t.Fatal(err)
	}
	src := &fakeSource{inv: twoLines()}
	got, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: src.open}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(src.opened) != 0 || got.Audit.Inventory.Source.Connector != "answers only" {
		t.Errorf("no source should be opened: opened %d, inventory from %q", len(src.opened), got.Audit.Inventory.Source.Connector)
	}
}

func TestAFailedFetchSavesNothing(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	src := &fakeSource{err: errFetch}
	_, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: src.open, CSVFile: sheetPath, Hours: "Mon-Fri 08:00-18:00"}, now)
	if !errors.Is(err, errFetch) {
		t.Fatalf("the fetch's error should come back, got %v", err)
	}
	if refs, _ := store.Audits("Acme Dental"); len(refs) != 0 {
		t.Error("a failed fetch must not save an audit")
	}
	site, _ := store.Site("Acme Dental")
	if site.Connector.Kind != "fake" || site.Hours != "" {
		t.Errorf("a failed fetch must not change the site: %+v", site)
	}
}

func TestAFileAndHoursGivenForOneAuditAreRemembered(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	src := &fakeSource{inv: twoLines()}
	staff := []inventory.StaffMember{{Name: "Jo Whitaker"}}
	got, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: src.open, CSVFile: sheetPath, Hours: "Mon-Sat 07:00-19:00", Staff: staff,
		Answers: checklist.Answers{"MON-02": {Value: "yes"}}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(src.opened) != 1 || src.opened[0].Connector.Kind != "csv" || src.opened[0].Connector.File != sheetPath {
		t.Errorf("the source should be opened on the file: %+v", src.opened)
	}
	site, _ := store.Site("Acme Dental")
	if site.Connector.File != sheetPath || site.Hours != "Mon-Sat 07:00-19:00" || got.Site.Hours != site.Hours {
		t.Errorf("the site should remember the file and hours: %+v", site)
	}
	a := got.Audit
	if a.Hours != site.Hours || !a.Answers["MON-02"].At.Equal(now) || len(a.Inventory.Staff) != 1 {
		t.Errorf("the audit should use the hours, answers and staff given: %q %+v %d", a.Hours, a.Answers["MON-02"], len(a.Inventory.Staff))
	}
}

func TestAnUnknownSiteIsRefusedBeforeAnythingIsRead(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	src := &fakeSource{inv: twoLines()}
	if _, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Nobody Ltd", Open: src.open}, now); err == nil {
		t.Fatal("an unknown site should be refused")
	}
	if src.reads != 0 {
		t.Error("nothing should be read for an unknown site")
	}
}

// sheetPath is an inventory file given in full, as every front end saves it.
var sheetPath = filepath.Join(os.TempDir(), "ringfence-sheet", "phones.csv")
