package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

func TestFirstLaunchExplainsAndChangesNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false, 80, 24)
	h.mustSee("It only reads: it never changes your phone system.")
	h.mustSee("You have no saved sites yet")
	h.mustSee("Try the demo company")
}

func TestDemoOpensOnTheAuditAndIsNotSaved(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	if _, ok := h.top().(*auditScreen); !ok {
		t.Fatalf("demo should open the audit, got %T", h.top())
	}
	h.mustSee("Brightwater Kitchens Ltd (demo)")
	h.mustSee("Phones and endpoints")
	if sites, _ := h.store.Sites(); len(sites) != 0 {
		t.Fatalf("the demo must not be saved, found %d sites", len(sites))
	}
}

func TestHomeKeysOpenTheDemoAndEscGoesBack(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false, 80, 24)
	h.press("d")
	if _, ok := h.top().(*auditScreen); !ok {
		t.Fatalf("d should open the demo, got %T", h.top())
	}
	h.press("esc")
	if _, ok := h.top().(*home); !ok {
		t.Fatalf("esc should go home, got %T", h.top())
	}
	if h.app.sh.sess != nil {
		t.Fatal("leaving the audit should close it")
	}
}

func TestSidebarMovesBetweenAreasAndTabBrowsesItems(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	a := h.top().(*auditScreen)
	h.press("down")
	if a.domain() != checklist.DomainPINs {
		t.Fatalf("down should move to voicemail PINs, at %s", a.domain())
	}
	h.press("up", "tab")
	if a.focus != focusItems {
		t.Fatal("tab should move to the items found")
	}
	h.press("down")
	if a.table.cursor != 1 {
		t.Fatalf("down in the table should move the row cursor, at %d", a.table.cursor)
	}
	h.press("/")
	h.typeText("ep-07")
	h.press("enter")
	if len(a.table.shown) == 0 || len(a.table.shown) == len(a.table.rows) {
		t.Fatalf("the filter should narrow the rows: %d of %d", len(a.table.shown), len(a.table.rows))
	}
	h.mustSee("EP-07")
	h.press("esc", "tab")
	if a.focus != focusAreas {
		t.Fatal("tab should go back to the areas")
	}
}

func TestAnsweringAQuestionSavesAndMovesOn(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false, 80, 24)
	if err := h.store.CreateSite(checklist.Site{Name: "Acme Dental"}); err != nil {
		t.Fatal(err)
	}
	h.send(siteOpenMsg{name: "Acme Dental"})
	a, ok := h.top().(*auditScreen)
	if !ok {
		t.Fatalf("opening a site should show the audit, got %T", h.top())
	}
	first := a.questions(a.domain())[0]
	h.press("enter")
	if a.focus != focusQuestion {
		t.Fatal("enter should open the first question")
	}
	h.mustSee("Why this matters")
	h.press("down", "enter") // the first answer, below the empty choice
	ans, ok := a.audit().Answers[first.ID]
	if !ok || ans.Value != first.Question.Options[0].Value {
		t.Fatalf("answer not recorded: %+v", ans)
	}
	saved, err := h.store.LatestAudit("Acme Dental")
	if err != nil || saved == nil {
		t.Fatalf("no saved audit: %v", err)
	}
	if saved.Answers[first.ID].Value != ans.Value {
		t.Fatal("the answer was not saved at once")
	}
	if a.q.check.ID == first.ID {
		t.Fatal("the next question should follow")
	}
}

func TestNotApplicableAsksForAReason(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false, 80, 24)
	if err := h.store.CreateSite(checklist.Site{Name: "Acme Dental"}); err != nil {
		t.Fatal(err)
	}
	h.send(siteOpenMsg{name: "Acme Dental"})
	a := h.top().(*auditScreen)
	first := a.questions(a.domain())[0]
	h.press("enter")
	for range len(first.Question.Options) { // not applicable is last, below the empty choice
		h.press("down")
	}
	h.press("enter")
	h.mustSee("Why does this not apply?")
	h.press("enter") // empty: refused
	if _, ok := a.audit().Answers[first.ID]; ok {
		t.Fatal("not applicable must not be saved without a reason")
	}
	h.typeText("No desk phones: softphones only")
	h.press("enter")
	got := a.audit().Answers[first.ID]
	if got.Value != checklist.AnswerNotApplicable || got.Reason != "No desk phones: softphones only" {
		t.Fatalf("got %+v", got)
	}
}

func TestResumeReturnsToTheLastArea(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	h.press("down", "down", "esc")
	h.press("d")
	if a := h.top().(*auditScreen); a.domain() != checklist.DomainLeavers {
		t.Fatalf("should resume on leavers, got %s", a.domain())
	}
}

func TestReopeningASiteResumesOnTheFirstUnansweredArea(t *testing.T) {
	t.Parallel()
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateSite(checklist.Site{Name: "Acme Dental"}); err != nil {
		t.Fatal(err)
	}
	cat := checklist.Builtin()
	a := checklist.NewAudit(cat, "Acme Dental", inventory.Inventory{}, nil, fixedNow)
	for _, ch := range cat.Checks {
		if ch.Question != nil && (ch.Domain == checklist.DomainEndpoints || ch.Domain == checklist.DomainPINs) {
			if err := a.SetAnswer(cat, ch.ID, checklist.Answer{Value: checklist.AnswerDontKnow}, fixedNow); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := putAudit(t, store, a); err != nil {
		t.Fatal(err)
	}
	h := newHarnessWithStore(t, store, false, 80, 24)
	h.press("enter") // the site
	h.mustSee("Carry on with the audit")
	h.press("enter")
	au, ok := h.top().(*auditScreen)
	if !ok {
		t.Fatalf("got %T", h.top())
	}
	if au.domain() != checklist.DomainLeavers {
		t.Fatalf("should resume on the first area with open questions, got %s", au.domain())
	}
}

func TestASecondWindowCannotOpenALockedSite(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false, 80, 24)
	if err := h.store.CreateSite(checklist.Site{Name: "Acme Dental"}); err != nil {
		t.Fatal(err)
	}
	claim, err := h.store.Claim("Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	defer claim.Release()
	h.send(siteOpenMsg{name: "Acme Dental"})
	if _, ok := h.top().(*home); !ok {
		t.Fatalf("should stay home, got %T", h.top())
	}
	if !h.app.note.bad || h.app.note.text == "" {
		t.Fatal("should say why the site cannot be opened")
	}
	if strings.Contains(h.screen(), "&{") {
		t.Fatal("error shown as a Go value")
	}
}

func TestResultsFindingAcceptRiskAndDone(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	h.press("r")
	r, ok := h.top().(*results)
	if !ok {
		t.Fatalf("r should show results, got %T", h.top())
	}
	h.mustSee("Do these first")
	h.mustSee("Overall")
	id := r.findings[0].CheckID
	h.press("enter")
	f, ok := h.top().(*finding)
	if !ok {
		t.Fatalf("enter should open the finding, got %T", h.top())
	}
	h.mustSee("How to fix it")
	h.mustSee("1. ")
	h.press("a")
	h.typeText("Replacing the phones in March")
	h.press("enter")
	h.typeText("Office manager")
	h.press("enter", "enter")
	acc, ok := h.app.sh.sess.audit.Accepted[id]
	if !ok || acc.Owner != "Office manager" || acc.Expires.Format("2006-01-02") != "2027-02-20" {
		t.Fatalf("risk not accepted: %+v", acc)
	}
	_ = f
	h.press("d")
	if h.app.sh.sess.audit.Tracking[id].Done.IsZero() {
		t.Fatal("d should mark the action done")
	}
	h.press("esc")
	if _, ok := h.top().(*results); !ok {
		t.Fatalf("esc should go back to results, got %T", h.top())
	}
	r = h.top().(*results)
	for _, f := range r.findings {
		if f.CheckID == id && f.Status != checklist.StatusAccepted {
			t.Fatalf("results still show %s as %s", id, f.Status)
		}
	}
}

func TestPlanSetsOwnerAndDueDate(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	h.press("p")
	p, ok := h.top().(*planScreen)
	if !ok {
		t.Fatalf("p should show the plan, got %T", h.top())
	}
	id := p.plan()[0].CheckID
	h.press("o")
	h.typeText("Sam")
	h.press("enter")
	for range 10 {
		h.send(keyMsg("backspace"))
	}
	h.typeText("2026-12-01")
	h.press("enter")
	got := h.app.sh.sess.audit.Tracking[id]
	if got.Owner != "Sam" || got.Due.Format("2006-01-02") != "2026-12-01" {
		t.Fatalf("got %+v", got)
	}
	h.mustSee("Sam")
}

func TestExportWritesTheJSONReport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h := newHarness(t, true, 80, 24)
	h.press("e")
	if _, ok := h.top().(*exportScreen); !ok {
		t.Fatalf("e should open export, got %T", h.top())
	}
	h.press("enter") // formats: all ticked
	for range 1 {
		h.send(keyMsg("backspace"))
	}
	h.typeText(dir)
	h.press("enter")
	h.press("enter", "enter") // A4, no logo
	want := filepath.Join(dir, "brightwater-kitchens-ltd-2026-11-20.json")
	h.mustSee("Written:")
	data, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"site": "Brightwater Kitchens Ltd"`) {
		t.Fatal("the report does not name the site")
	}
	for _, ext := range []string{"pdf", "md", "csv"} {
		if _, err := os.Stat(filepath.Join(dir, "brightwater-kitchens-ltd-2026-11-20."+ext)); err != nil {
			t.Errorf("no %s file: %v", ext, err)
		}
	}
}

func TestSaveDemoAsANewSite(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	h.press("s")
	h.press("enter")
	sites, _ := h.store.Sites()
	if len(sites) != 1 || sites[0].Name != "Brightwater Kitchens Ltd (practice)" || sites[0].Audits != 1 {
		t.Fatalf("got %+v", sites)
	}
	if h.app.sh.sess.demo || !h.app.sh.sess.saved() {
		t.Fatal("the open audit should now be the saved site's")
	}
}

func TestCompareShowsWhatChanged(t *testing.T) {
	t.Parallel()
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateSite(checklist.Site{Name: "Acme Dental"}); err != nil {
		t.Fatal(err)
	}
	cat := checklist.Builtin()
	ch := cat.InDomain(checklist.DomainBreach)[0]
	var failVal, passVal string
	for _, o := range ch.Question.Options {
		switch o.Status {
		case checklist.StatusFail:
			failVal = o.Value
		case checklist.StatusPass:
			passVal = o.Value
		}
	}
	before := checklist.NewAudit(cat, "Acme Dental", inventory.Inventory{}, checklist.Answers{ch.ID: {Value: failVal}}, fixedNow.AddDate(0, -3, 0))
	after := checklist.NewAudit(cat, "Acme Dental", inventory.Inventory{}, checklist.Answers{ch.ID: {Value: passVal}}, fixedNow)
	for _, a := range []*checklist.Audit{before, after} {
		if err := putAudit(t, store, a); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarnessWithStore(t, store, false, 80, 24)
	h.press("enter", "enter", "c")
	if _, ok := h.top().(*compareScreen); !ok {
		t.Fatalf("c should compare, got %T", h.top())
	}
	h.mustSee("Fixed (1)")
	h.mustSee(ch.ID)
}

func TestNewSiteWithoutAnAPI(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false, 80, 24)
	h.press("n")
	if _, ok := h.top().(*newSite); !ok {
		t.Fatalf("n should add a site, got %T", h.top())
	}
	h.press("q") // typed into the name, not a quit
	if h.quit {
		t.Fatal("q in a text field must not quit")
	}
	h.send(keyMsg("backspace"))
	h.typeText("Acme Dental")
	h.press("enter")
	h.typeText("Jo")
	h.press("enter", "enter")
	if _, ok := h.top().(*auditScreen); !ok {
		t.Fatalf("the new site should open its audit, got %T\n%s", h.top(), h.screen())
	}
	site, err := h.store.Site("Acme Dental")
	if err != nil || site.Contact != "Jo" {
		t.Fatalf("site not saved: %+v %v", site, err)
	}
}

func TestSmallWindowAsksForMoreRoom(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 60, 20)
	h.mustSee("at least 80 columns")
	h.send(tea_WindowSize(80, 24))
	h.mustSee("Phones and endpoints")
}

func TestQuitSaysWhatWasSaved(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	h.press("?")
	h.mustSee("Keys on this screen")
	h.press("x") // closes the key list
	h.press("q")
	if !h.quit {
		t.Fatal("q should quit")
	}
	if got := farewell(h.app.sh.sess, h.store); !strings.Contains(got, "demo audit was not saved") {
		t.Fatal(got)
	}
}

func TestPlainErrorReadsAsASentence(t *testing.T) {
	t.Parallel()
	if got := plainError(os.ErrPermission); got != "Permission denied." {
		t.Fatalf("got %q", got)
	}
}
