package tui

import (
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// A new question must not offer an answer already chosen: one stray Enter
// would otherwise record a pass nobody gave.
func TestEnterAloneOnANewQuestionRecordsNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false, 80, 24)
	if err := h.store.CreateSite(checklist.Site{Name: "Acme Dental"}); err != nil {
		t.Fatal(err)
	}
	h.send(siteOpenMsg{name: "Acme Dental"})
	a := h.top().(*auditScreen)
	before := checklist.Score(a.audit().Results).Overall
	h.press("enter") // opens the first question
	first := a.q.check.ID
	h.press("enter", "enter", "enter")
	if len(a.audit().Answers) != 0 {
		t.Fatalf("Enter alone recorded %+v", a.audit().Answers)
	}
	if a.focus != focusQuestion || a.q.check.ID != first {
		t.Fatal("Enter alone should leave the question open")
	}
	if after := checklist.Score(a.audit().Results).Overall; after != before {
		t.Fatalf("the score moved from %d to %d without an answer", before, after)
	}
}

// A site nobody has answered for yet must not be told "Nothing failed".
func TestUnansweredAuditScreensSayNothingIsKnownYet(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false, 80, 24)
	if err := h.store.CreateSite(checklist.Site{Name: "Acme Dental"}); err != nil {
		t.Fatal(err)
	}
	h.send(siteOpenMsg{name: "Acme Dental"})
	h.press("r")
	for _, wrong := range []string{"Nothing failed", "Keep it that way"} {
		if strings.Contains(h.screen(), wrong) {
			t.Fatalf("results say %q with nothing answered:\n%s", wrong, h.screen())
		}
	}
	h.mustSee("Nothing is known yet")
	h.press("p")
	if strings.Contains(h.screen(), "Nothing failed") {
		t.Fatalf("the plan says nothing failed with nothing answered:\n%s", h.screen())
	}
	h.mustSee("Nothing is known yet")
}

// With one check passed and the rest unknown the plan is empty, but only
// because most of the audit was not judged: no screen may read as an all-clear.
func TestPartlyAnsweredAuditIsNoAllClear(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB, bool, int, int) *harness{
		"styled": newHarness, "accessible": newAccessibleHarness,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			partlyAnsweredIsNoAllClear(t, open(t, false, 80, 24))
		})
	}
}

func partlyAnsweredIsNoAllClear(t *testing.T, h *harness) {
	if err := h.store.CreateSite(checklist.Site{Name: "Acme Dental"}); err != nil {
		t.Fatal(err)
	}
	_, err := h.store.StartAudit("Acme Dental", func(checklist.Site, *checklist.Audit) (*checklist.Audit, error) {
		return checklist.NewAudit(checklist.Builtin(), "Acme Dental", inventory.Inventory{},
			checklist.Answers{"BR-01": {Value: "yes", At: fixedNow}}, fixedNow), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.send(siteOpenMsg{name: "Acme Dental"})
	h.press("r")
	for _, wrong := range []string{"Nothing failed", "Keep it that way"} {
		if strings.Contains(h.screen(), wrong) {
			t.Fatalf("results say %q with most checks unknown:\n%s", wrong, h.screen())
		}
	}
	h.mustSee("not be judged")
	h.press("p")
	if strings.Contains(h.screen(), "Nothing failed") {
		t.Fatalf("the plan says nothing failed with most checks unknown:\n%s", h.screen())
	}
	h.mustSee("not be judged")
}

// Pressing enter on "(choose an answer)" is refused; at 80x24 the person must
// see why, or the app looks frozen.
func TestRefusalOfNoAnswerIsVisibleAt80x24(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false, 80, 24)
	if err := h.store.CreateSite(checklist.Site{Name: "Acme Dental"}); err != nil {
		t.Fatal(err)
	}
	h.send(siteOpenMsg{name: "Acme Dental"})
	h.press("enter") // opens the first question
	h.press("enter") // "(choose an answer)" is highlighted
	h.mustSee("Choose an answer with the arrow keys")
	h.mustSee("Not applicable (say why)") // and every option is still on screen
}
