package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/reconcile"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// writeFile puts a test file in a temporary folder and returns its path.
func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// demoStaffList leaves out most of the demo company, names two people in a
// way Ringfence cannot be sure of, and has a row it must leave out.
const demoStaffList = "Name,Email,Status,Leave date\n" +
	"Thomas Fletcher,,Active,\n" +
	"Declan O Briain,,Leaver,30/10/2026\n" +
	"Bad Row,not-an-email,Active,\n" +
	"Jo Whitaker,jo.whitaker@brightwater.example.co.uk,Active,\n" +
	"M Bell,,Active,\n"

func result(a *checklist.Audit, id string) checklist.Result {
	for _, r := range a.Results {
		if r.CheckID == id {
			return r
		}
	}
	return checklist.Result{}
}

func TestLeaversShowsTheDemoReportStraightAway(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	h.press("r", "l")
	l, ok := h.top().(*leaversScreen)
	if !ok {
		t.Fatalf("l on the results should open the leavers, got %T", h.top())
	}
	if l.form != nil {
		t.Fatal("the demo has a staff list: the report should show without asking for a file")
	}
	h.mustSee("45 people on the staff list")
	h.mustSee("LV-01 ✗ fail")
	h.mustSee("Leavers who can still use the phone system (1)")
	h.mustSee("Declan Ó Briain, extension 214: left 30 Oct 2026, 21 days ago, 9 calls")
	h.mustSee("voicemail box still open")
	h.press("end")
	h.mustSee("Calls forwarded outside the business (2)")
	h.mustSee("214 Declan Ó Briain: to 07700900461 (a leaver)")
	h.press("esc")
	if _, ok := h.top().(*results); !ok {
		t.Fatalf("esc should go back to the results, got %T", h.top())
	}
}

func TestImportingAStaffListListsLeftOutRowsAndSettlesMatches(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "staff.csv", demoStaffList)
	h := newHarness(t, true, 80, 24)
	h.press("l", "i")
	h.mustSee("Leave date")
	h.press("q") // typed, not a quit
	if h.quit {
		t.Fatal("q in the file field must not quit")
	}
	h.send(keyMsg("backspace"))
	h.typeText(path)
	h.press("enter")
	l := h.top().(*leaversScreen)
	a := h.app.sh.sess.audit
	if len(a.Inventory.Staff) != 4 {
		t.Fatalf("the audit should hold the 4 good rows, has %d", len(a.Inventory.Staff))
	}
	h.mustSee("Read 4 people from the staff list. 1 row was left out")
	h.mustSee("2 matches need you to confirm")
	h.press("end")
	h.mustSee("line 4: the e-mail address \"not-an-email\" has no @")

	h.press("tab")
	if l.pane != paneConfirm {
		t.Fatal("tab should show the matches to confirm")
	}
	h.mustSee("Extension 102 (Marcus Bell) might be M Bell: same surname and first initial.")
	h.press("y")
	if d := a.LeaverDecisions["102"]; d.Verdict != reconcile.Confirm || d.Staff != "M Bell" {
		t.Fatalf("y should confirm the match, got %+v", d)
	}
	h.mustSee("Extension 102 is M Bell's.")
	if len(l.rep.ToConfirm) != 1 || l.rep.ToConfirm[0].Extension != "204" {
		t.Fatalf("one match should be left: %+v", l.rep.ToConfirm)
	}
	h.press("s")
	if a.LeaverDecisions["204"].Verdict != reconcile.Shared {
		t.Fatal("s should mark the extension shared")
	}
	if l.pane != paneReport {
		t.Fatal("with nothing left to confirm the report should show")
	}
	if !slices.ContainsFunc(l.rep.Shared, func(f reconcile.Finding) bool { return f.Extension == "204" }) {
		t.Fatalf("204 should now be listed as shared: %+v", l.rep.Shared)
	}
	h.mustSee("That was the last match to confirm.")
}

// smallSite saves a site whose phone system has two extensions and no staff
// list, so the leaver checks wait for one.
func smallSite(t *testing.T) *sitestore.Store {
	t.Helper()
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateSite(checklist.Site{Name: "Acme Dental"}); err != nil {
		t.Fatal(err)
	}
	inv := inventory.Inventory{
		Source: inventory.SourceInfo{Connector: "test", FetchedAt: fixedNow, Collected: []inventory.Facet{inventory.FacetExtensions}},
		Extensions: []inventory.Extension{
			{Number: "101", Name: "Jo Whitaker", Enabled: true, Type: inventory.ExtUser},
			{Number: "102", Name: "Bob Smith", Enabled: true, Type: inventory.ExtUser},
		},
	}
	if err := putAudit(t, store, checklist.NewAudit(checklist.Builtin(), "Acme Dental", inv, nil, fixedNow)); err != nil {
		t.Fatal(err)
	}
	return store
}

func TestASavedSiteAsksForTheStaffListAndSavesEachDecision(t *testing.T) {
	t.Parallel()
	store := smallSite(t)
	h := newHarnessWithStore(t, store, false, 80, 24)
	h.press("enter", "enter") // the site, then carry on
	if _, ok := h.top().(*auditScreen); !ok {
		t.Fatalf("got %T\n%s", h.top(), h.screen())
	}
	h.press("l")
	l, ok := h.top().(*leaversScreen)
	if !ok || l.form == nil {
		t.Fatalf("with no staff list the leavers should ask for the file, got %T", h.top())
	}
	h.mustSee("Staff or leavers list")
	h.press("esc")
	if _, ok := h.top().(*auditScreen); !ok {
		t.Fatalf("esc with no list should go back, got %T", h.top())
	}

	h.press("l")
	h.typeText(filepath.Join(t.TempDir(), "missing.csv"))
	h.press("enter")
	h.mustSee("Could not open the staff list")
	h.mustSee("no such file or directory")

	path := writeFile(t, "staff.csv", "First name,Surname,Email\nJo,Whitaker,\nRobert,Smith,\n")
	h.press("i")
	h.mustSee("missing.csv") // the last path is kept, to mend a typing slip
	h.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	h.typeText(path)
	h.press("enter")
	a := h.app.sh.sess.audit
	if got := result(a, "LV-01").Status; got != checklist.StatusPass {
		t.Fatalf("LV-01 should pass while Bob is taken to be Robert Smith, got %s", got)
	}
	saved, err := store.LatestAudit("Acme Dental")
	if err != nil || len(saved.Inventory.Staff) != 2 {
		t.Fatalf("the staff list was not saved at once: %v", err)
	}
	h.mustSee("1 match needs you to confirm")
	h.press("tab", "n")
	if got := result(a, "LV-01").Status; got != checklist.StatusFail {
		t.Fatalf("LV-01 should fail once 102 belongs to nobody, got %s", got)
	}
	h.mustSee("Extensions nobody on the staff list owns (1)")
	h.mustSee("102 Bob Smith: you said the suggested person is wrong")
	saved, _ = store.LatestAudit("Acme Dental")
	if saved.LeaverDecisions["102"].Verdict != reconcile.Reject {
		t.Fatalf("the decision was not saved at once: %+v", saved.LeaverDecisions)
	}
	if result(saved, "LV-01").Status != checklist.StatusFail {
		t.Fatal("the saved audit should carry the re-judged check")
	}
}

// vetsPractice saves a vets' practice whose staff list names only Jo, with
// four role lines, one line that may be a role line and one stranger.
func vetsPractice(t *testing.T) *sitestore.Store {
	t.Helper()
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateSite(checklist.Site{Name: "Vets"}); err != nil {
		t.Fatal(err)
	}
	inv := inventory.Inventory{
		Source: inventory.SourceInfo{Connector: "test", FetchedAt: fixedNow, Collected: []inventory.Facet{inventory.FacetExtensions}},
	}
	for _, e := range [][2]string{{"200", "Jo Whitaker"}, {"201", "Pharmacy"}, {"202", "On-call Vet"}, {"203", "Kennels"},
		{"204", "Maintenance Hotline"}, {"205", "Rose Room"}, {"206", "Sam Thompson"}} {
		inv.Extensions = append(inv.Extensions, inventory.Extension{Number: e[0], Name: e[1], Enabled: true, Type: inventory.ExtUser})
	}
	inv = checklist.WithStaff(inv, []inventory.StaffMember{{Name: "Jo Whitaker"}})
	if err := putAudit(t, store, checklist.NewAudit(checklist.Builtin(), "Vets", inv, nil, fixedNow)); err != nil {
		t.Fatal(err)
	}
	return store
}

func TestLeaversSetsRoleLinesApartAndMarksLines(t *testing.T) {
	t.Parallel()
	store := vetsPractice(t)
	h := newHarnessWithStore(t, store, false, 80, 24)
	h.press("enter", "enter", "l")
	l, ok := h.top().(*leaversScreen)
	if !ok {
		t.Fatalf("got %T\n%s", h.top(), h.screen())
	}
	h.mustSee("3 personal extensions · 4 role and shared lines")
	h.mustSee("1 line may be a role line: press tab to settle it.")
	h.mustSee("Extensions nobody on the staff list owns (1)")
	h.press("end")
	h.mustSee("Lines that may be role lines (1)")
	h.mustSee("Role and shared lines (4)")
	h.mustSee("Pharmacy, On-call Vet, Kennels, Maintenance Hotline")

	h.press("tab")
	if l.pane != paneLines {
		t.Fatalf("with no matches to confirm, tab should show the lines, got pane %d\n%s", l.pane, h.screen())
	}
	h.mustSee("> 205   Rose Room")
	h.mustSee("may be a role line")
	h.press("s")
	h.mustSee("Extension 205 (Rose Room) is now a role or shared line.")
	h.mustSee("205   Rose Room                  role or shared line (you said)")
	a := h.app.sh.sess.audit
	if a.LeaverDecisions["205"].Verdict != reconcile.Shared {
		t.Fatalf("s should mark 205 as a role line: %+v", a.LeaverDecisions)
	}
	if got := result(a, "LV-01"); got.Status != checklist.StatusFail || len(got.Affected) != 1 {
		t.Fatalf("LV-01 should now fail on Sam Thompson alone: %s %+v", got.Status, got.Affected)
	}
	// Down to Maintenance Hotline, which is really the caretaker's own phone.
	for i := 0; i < 6 && !strings.Contains(h.screen(), "> 204"); i++ {
		h.press("down")
	}
	h.press("p")
	h.mustSee("Extension 204 (Maintenance Hotline) is now a person's line")
	if a.LeaverDecisions["204"].Verdict != reconcile.Person {
		t.Fatalf("p should mark 204 as a person's line: %+v", a.LeaverDecisions)
	}
	saved, err := store.LatestAudit("Vets")
	if err != nil || saved.LeaverDecisions["204"].Verdict != reconcile.Person || saved.LeaverDecisions["205"].Verdict != reconcile.Shared {
		t.Fatalf("the marks were not saved at once: %v %+v", err, saved.LeaverDecisions)
	}
	h.press("tab")
	if l.pane != paneReport {
		t.Fatalf("tab from the lines should go back to the report, got %d", l.pane)
	}
	h.mustSee("Extensions nobody on the staff list owns (2)")
}

// TestGoldenLeaverLines keeps the vets' practice report and its lines to mark.
func TestGoldenLeaverLines(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("report-%dx%d", size[0], size[1]), func(t *testing.T) {
			h := newHarnessWithStore(t, vetsPractice(t), false, size[0], size[1])
			h.press("enter", "enter", "l", "end")
			golden.RequireEqual(t, h.screen())
		})
		t.Run(fmt.Sprintf("lines-%dx%d", size[0], size[1]), func(t *testing.T) {
			h := newHarnessWithStore(t, vetsPractice(t), false, size[0], size[1])
			h.press("enter", "enter", "l", "tab")
			golden.RequireEqual(t, h.screen())
		})
	}
}
