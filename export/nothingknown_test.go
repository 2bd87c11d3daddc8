package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// An audit nobody has answered has an empty plan because nothing is known,
// not because nothing is wrong; both texts must say so and what to do.
func TestUnansweredAuditSaysNothingIsKnownYet(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	a := checklist.NewAudit(checklist.Builtin(), "Acme Dental", inventory.Inventory{}, checklist.Answers{}, now)
	var sum, md bytes.Buffer
	if err := WriteSummary(&sum, a, 10); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&md, a, Options{}); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"summary": sum.String(), "Markdown": md.String()} {
		for _, wrong := range []string{"No failed checks", "Nothing has failed", "nothing to fix"} {
			if strings.Contains(text, wrong) {
				t.Errorf("the %s says %q of an audit nobody has answered", name, wrong)
			}
		}
		if !strings.Contains(text, "Nothing is known yet") || !strings.Contains(text, "Answer the questions") {
			t.Errorf("the %s does not say nothing is known yet and what to do:\n%s", name, text)
		}
	}
}

// Some checks passed and the rest are unknown: the plan is empty only because
// the rest were not judged, and the summary must not read as an all-clear.
func TestSummaryWithOnlyUnknownsLeftIsNoAllClear(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	a := checklist.NewAudit(checklist.Builtin(), "Acme Dental", inventory.Inventory{},
		checklist.Answers{"BR-01": {Value: "yes", At: now}}, now)
	card := checklist.Score(a.Results)
	if card.Counts.Pass == 0 || card.Counts.Unknown == 0 || card.Counts.Fail != 0 {
		t.Fatalf("set-up: want passes and unknowns and no failure, got %+v", card.Counts)
	}
	var sum bytes.Buffer
	if err := WriteSummary(&sum, a, 10); err != nil {
		t.Fatal(err)
	}
	text := sum.String()
	if strings.Contains(text, "No failed checks: nothing in the action plan") {
		t.Errorf("the summary reads as an all-clear with %d checks unknown:\n%s", card.Counts.Unknown, text)
	}
	if !strings.Contains(text, "could not be judged") {
		t.Errorf("the summary does not say how many checks could not be judged:\n%s", text)
	}
}
