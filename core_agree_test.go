package main

import (
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/cdr"
)

// savedJSON is a site's latest audit as stored, for comparing field by field.
func savedJSON(t *testing.T, store *sitestore.Store, site string) string {
	t.Helper()
	a, err := store.LatestAudit(site)
	if err != nil || a == nil {
		t.Fatalf("no audit of %s was saved: %v", site, err)
	}
	// The file connector stamps its read with the computer's clock rather
	// than the run's, so the two reads differ there and only there.
	a.Inventory.Source.FetchedAt = time.Time{}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func twinStore(t *testing.T) *sitestore.Store {
	t.Helper()
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateSite(checklist.Site{Name: "Acme"}); err != nil {
		t.Fatal(err)
	}
	return store
}

func coreOpener(site checklist.Site) (core.Source, error) {
	src, err := connectors.Open(builtin, site, connectors.Secrets{})
	if err != nil {
		return nil, err
	}
	return connectors.ForAudit(src, nil), nil
}

// 'ringfence audit --site' saves exactly the audit the core starts (which is
// what the app starts too) from the same file, hours and staff list.
func TestTheCommandLineAuditIsTheCoresAudit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	phones, staffFile := vetsSite(t, dir) // the site "Vets", audited once
	if r := ringfence(t, dir, "audit", "--site", "Vets", "--hours", "mon-sat 7:00-19:00", "--hr", staffFile, "--auditor", "Sam"); r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	cli, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}

	twin, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := twin.CreateSite(checklist.Site{Name: "Vets"}); err != nil {
		t.Fatal(err)
	}
	staff, err := readStaffList(staffFile, env{stdout: io.Discard, stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	cat := checklist.Builtin()
	if _, err := core.StartAudit(t.Context(), twin, cat, core.AuditRun{Site: "Vets", Open: coreOpener, CSVFile: phones, Staff: staff}, fixedNow); err != nil {
		t.Fatal(err)
	}
	if _, err := core.StartAudit(t.Context(), twin, cat, core.AuditRun{Site: "Vets", Open: coreOpener, Hours: "Mon-Sat 07:00-19:00", Staff: staff, Auditor: "Sam"}, fixedNow); err != nil {
		t.Fatal(err)
	}
	if got, want := savedJSON(t, cli, "Vets"), savedJSON(t, twin, "Vets"); got != want {
		t.Errorf("the command line saved a different audit from the core's:\n%s\nwant\n%s", got, want)
	}
}

// 'ringfence cdr --site' reads the file with the concurrent scanner and
// records MON-02 as the core does, which is what the app's call-record
// screen runs.
func TestTheCommandLineRecordsCallsAsTheCoreDoes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ringfence(t, dir, "sites", "add", "Acme")
	ringfence(t, dir, "audit", "--site", "Acme")
	fraud := writeMasterCSV(t, dir, true)
	if r := ringfence(t, dir, "cdr", fraud, "--site", "Acme", "--hours", "mon-sat 7:00-19:00"); r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	cli, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}

	twin, cat := twinStore(t), checklist.Builtin()
	if _, err := core.StartAudit(t.Context(), twin, cat, core.AuditRun{Site: "Acme", Open: coreOpener}, fixedNow); err != nil {
		t.Fatal(err)
	}
	a, err := twin.LatestAudit("Acme")
	if err != nil {
		t.Fatal(err)
	}
	a.Hours = "Mon-Sat 07:00-19:00"
	incidents, err := core.ReviewCalls(t.Context(), a.CallScanConfig(fixedNow), (&cdr.File{Path: fraud}).Scan, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := core.RecordCalls(twin, cat, "Acme", fraud, len(incidents), "Mon-Sat 07:00-19:00", fixedNow); err != nil {
		t.Fatal(err)
	}
	if got, want := savedJSON(t, cli, "Acme"), savedJSON(t, twin, "Acme"); got != want {
		t.Errorf("the command line recorded the calls differently from the core:\n%s\nwant\n%s", got, want)
	}
}

// 'ringfence leavers --site' keeps the staff list it read in the site's
// latest audit, as the app's leavers screen does, so later audits and the
// leaver checks use it; the output says so.
func TestTheCommandLineLeaversCheckKeepsTheStaffListAsTheAppDoes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	vetsSite(t, dir) // audited with a staff list of Jo Whitaker alone
	newer := writeFile(t, dir, "newer-staff.csv", "Name,Email,Status,Leave date\nJo Whitaker,,Active,\nSam Thompson,,Left,2026-10-01\n")
	r := ringfence(t, dir, "leavers", "--site", "Vets", "--hr", newer)
	if r.code != exitOK || !strings.Contains(r.stdout, "staff list is saved") {
		t.Fatalf("the output should say the staff list is saved: %+v", r)
	}
	staff, err := readStaffList(newer, env{stdout: io.Discard, stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	cli, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := cli.LatestAudit("Vets")
	if err != nil || got == nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Inventory.Staff, staff) {
		t.Fatalf("the latest audit should hold the staff list read:\n got %+v\nwant %+v", got.Inventory.Staff, staff)
	}
	// The app saves the list with core.Staff through core.Apply: doing the
	// same to what the command line saved changes nothing further.
	again, err := core.Apply(cli, "Vets", core.Staff(checklist.Builtin(), staff, fixedNow))
	if err != nil {
		t.Fatal(err)
	}
	if a, b := savedResults(t, got), savedResults(t, again); a != b {
		t.Errorf("the command line's results differ from the app's for the same staff list:\n%s\n%s", a, b)
	}
	if rep := core.Leavers(got, nil, fixedNow); len(rep.Leavers) != 1 {
		t.Errorf("the saved list should find Sam Thompson still able to use the phones: %+v", rep.Leavers)
	}
}

func savedResults(t *testing.T, a *checklist.Audit) string {
	t.Helper()
	b, err := json.Marshal(a.Results)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
