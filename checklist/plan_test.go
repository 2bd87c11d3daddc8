package checklist

import (
	"testing"
	"time"
)

func TestPlanPutsDangerousQuickFixesFirst(t *testing.T) {
	t.Parallel()
	cat := testCatalogue(t,
		checkSpec{id: "AA-01", domain: DomainPINs, severity: High, effort: Project, question: true},
		checkSpec{id: "AA-02", domain: DomainPINs, severity: Critical, effort: Hours, question: true},
		checkSpec{id: "AA-03", domain: DomainPINs, severity: High, effort: Minutes, question: true},
		checkSpec{id: "AA-04", domain: DomainPINs, severity: Low, effort: Minutes, question: true},
		checkSpec{id: "AA-05", domain: DomainPINs, severity: Critical, effort: Minutes, question: true},
		checkSpec{id: "AA-06", domain: DomainPINs, severity: Critical, effort: Minutes, question: true},
	)
	inv := inventoryWith()
	answers := Answers{}
	for _, ch := range cat.Checks {
		answers[ch.ID] = Answer{Value: "no"}
	}
	answers["AA-06"] = Answer{Value: AnswerDontKnow}
	plan := Plan(cat, Evaluate(cat, &inv, answers, nil, testNow), nil, testNow)

	want := []string{"AA-05", "AA-02", "AA-03", "AA-01", "AA-04"}
	if len(plan) != len(want) {
		t.Fatalf("plan has %d actions, want %d (unknowns are not actions): %+v", len(plan), len(want), plan)
	}
	for i, id := range want {
		if plan[i].CheckID != id || plan[i].Rank != i+1 {
			t.Errorf("rank %d: got %s (rank %d), want %s", i+1, plan[i].CheckID, plan[i].Rank, id)
		}
	}
	if plan[0].Action != "Fix AA-05" || plan[0].Why != "Why AA-05 matters." {
		t.Errorf("action text %q, why %q", plan[0].Action, plan[0].Why)
	}
}

func TestPlanDueDatesFollowSeverity(t *testing.T) {
	t.Parallel()
	day := 24 * time.Hour
	for sev, want := range map[Severity]time.Duration{Critical: day, High: 14 * day, Medium: 30 * day, Low: 90 * day} {
		if got := DueWithin(sev); got != want {
			t.Errorf("%s: due within %v, want %v", sev, got, want)
		}
	}
	cat := testCatalogue(t, checkSpec{id: "AA-01", domain: DomainPINs, severity: High, effort: Minutes, question: true})
	inv := inventoryWith()
	plan := Plan(cat, Evaluate(cat, &inv, Answers{"AA-01": {Value: "no"}}, nil, testNow), nil, testNow)
	if want := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC); !plan[0].Due.Equal(want) {
		t.Errorf("due %v, want %v", plan[0].Due, want)
	}
}

func TestPlanKeepsOwnersAndDoneMarks(t *testing.T) {
	t.Parallel()
	cat := testCatalogue(t, checkSpec{id: "AA-01", domain: DomainPINs, severity: High, effort: Minutes, question: true})
	inv := inventoryWith()
	due := testNow.Add(3 * 24 * time.Hour)
	tracking := map[string]Tracking{"AA-01": {Owner: "Łukasz", Due: due, Done: testNow}}
	plan := Plan(cat, Evaluate(cat, &inv, Answers{"AA-01": {Value: "no"}}, nil, testNow), tracking, testNow)
	if plan[0].Owner != "Łukasz" || !plan[0].Due.Equal(due) || !plan[0].Done {
		t.Errorf("tracking lost: %+v", plan[0])
	}
}
