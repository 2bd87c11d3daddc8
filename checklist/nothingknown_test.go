package checklist

import (
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

func TestAnAuditWithNoAnswersAndNoFactsKnowsNothing(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	a := NewAudit(Builtin(), "Acme", inventory.Inventory{}, Answers{}, now)
	if !Score(a.Results).NothingKnown() {
		t.Fatalf("an unanswered audit should know nothing: %+v", Score(a.Results).Counts)
	}
	if err := a.SetAnswer(Builtin(), a.Results[len(a.Results)-1].CheckID, Answer{Value: AnswerDontKnow}, now); err == nil && !Score(a.Results).NothingKnown() {
		t.Fatal("\"I don't know\" must not count as knowing")
	}
}

// "I don't know" is never a pass, whatever the check, and answering it
// never raises the score.
func TestIDontKnowIsNeverAPass(t *testing.T) {
	cat := Builtin()
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	for _, ch := range cat.Checks {
		if ch.Question == nil {
			continue
		}
		for _, o := range ch.Question.Options {
			if o.Value == AnswerDontKnow && o.Status != StatusUnknown {
				t.Errorf("%s: \"I don't know\" leads to %s", ch.ID, o.Status)
			}
		}
		a := NewAudit(cat, "Acme", inventory.Inventory{}, Answers{}, now)
		before := Score(a.Results)
		if err := a.SetAnswer(cat, ch.ID, Answer{Value: AnswerDontKnow}, now); err != nil {
			continue // a check only the phone system can judge
		}
		if after := Score(a.Results); after.Overall > before.Overall || after.Counts.Pass != before.Counts.Pass {
			t.Errorf("%s: \"I don't know\" moved the score from %d to %d", ch.ID, before.Overall, after.Overall)
		}
	}
}
