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
