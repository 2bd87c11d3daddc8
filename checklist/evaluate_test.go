package checklist

import (
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

func TestInventoryOutranksAnswers(t *testing.T) {
	t.Parallel()
	cat := testCatalogue(t,
		checkSpec{id: "TF-01", domain: DomainTollFraud, severity: Critical, effort: Minutes, question: true},
		checkSpec{id: "POL-01", domain: DomainPolicies, severity: High, effort: Hours, question: true},
	)
	open := inventoryWith(inventory.FacetDialling)
	open.Dialling = &inventory.DiallingPolicy{InternationalOpen: true}
	noRules := inventoryWith()

	tests := []struct {
		name      string
		inv       inventory.Inventory
		answers   Answers
		id        string
		wantState Status
		wantBasis string
	}{
		{"inventory failure beats a hopeful answer", open, Answers{"TF-01": {Value: "yes"}}, "TF-01", StatusFail, FromInventory},
		{"answer fills in when the PBX cannot tell", noRules, Answers{"TF-01": {Value: "yes"}}, "TF-01", StatusPass, FromAnswer},
		{"no evidence and no answer is unknown", noRules, nil, "TF-01", StatusUnknown, FromNothing},
		{"question-only check answered no", noRules, Answers{"POL-01": {Value: "no"}}, "POL-01", StatusFail, FromAnswer},
		{"don't know stays unknown", noRules, Answers{"POL-01": {Value: AnswerDontKnow}}, "POL-01", StatusUnknown, FromAnswer},
		{"not applicable", noRules, Answers{"POL-01": {Value: AnswerNotApplicable, Reason: "sole trader"}}, "POL-01", StatusNA, FromAnswer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := resultFor(t, Evaluate(cat, &tt.inv, tt.answers, nil, testNow), tt.id)
			if r.Status != tt.wantState || r.Basis != tt.wantBasis {
				t.Errorf("got %s from %s, want %s from %s (evidence: %s)", r.Status, r.Basis, tt.wantState, tt.wantBasis, r.Evidence)
			}
			if r.Evidence == "" {
				t.Error("a result must always explain itself")
			}
		})
	}
}

func TestNotApplicableKeepsItsReason(t *testing.T) {
	t.Parallel()
	cat := testCatalogue(t, checkSpec{id: "NW-04", domain: DomainNetwork, severity: Medium, effort: Project, question: true})
	inv := inventoryWith()
	r := resultFor(t, Evaluate(cat, &inv, Answers{"NW-04": {Value: AnswerNotApplicable, Reason: "softphones only"}}, nil, testNow), "NW-04")
	if r.Status != StatusNA || r.NAReason != "softphones only" {
		t.Errorf("got %s with reason %q", r.Status, r.NAReason)
	}
}

func TestAcceptedRiskExpiresBackToFail(t *testing.T) {
	t.Parallel()
	cat := testCatalogue(t, checkSpec{id: "POL-01", domain: DomainPolicies, severity: High, effort: Hours, question: true})
	inv := inventoryWith()
	answers := Answers{"POL-01": {Value: "no"}}
	acc := Acceptance{Reason: "new HR system in spring", Owner: "Priya", Expires: testNow.Add(30 * 24 * time.Hour)}

	r := resultFor(t, Evaluate(cat, &inv, answers, map[string]Acceptance{"POL-01": acc}, testNow), "POL-01")
	if r.Status != StatusAccepted || r.Acceptance == nil || r.Acceptance.Owner != "Priya" {
		t.Fatalf("before expiry: got %s, acceptance %+v", r.Status, r.Acceptance)
	}

	later := acc.Expires.Add(time.Hour)
	r = resultFor(t, Evaluate(cat, &inv, answers, map[string]Acceptance{"POL-01": acc}, later), "POL-01")
	if r.Status != StatusFail {
		t.Fatalf("after expiry: got %s, want fail", r.Status)
	}
	if !strings.Contains(r.Evidence, "expired") {
		t.Errorf("evidence should say the acceptance expired: %q", r.Evidence)
	}
}

func TestAcceptanceDoesNotTouchPassingChecks(t *testing.T) {
	t.Parallel()
	cat := testCatalogue(t, checkSpec{id: "POL-01", domain: DomainPolicies, severity: High, effort: Hours, question: true})
	inv := inventoryWith()
	acc := map[string]Acceptance{"POL-01": {Reason: "r", Owner: "o", Expires: testNow.Add(time.Hour)}}
	r := resultFor(t, Evaluate(cat, &inv, Answers{"POL-01": {Value: "yes"}}, acc, testNow), "POL-01")
	if r.Status != StatusPass || r.Acceptance != nil {
		t.Errorf("got %s with acceptance %+v, want a plain pass", r.Status, r.Acceptance)
	}
}

func TestAuditOperationsValidateAndRecompute(t *testing.T) {
	t.Parallel()
	cat := testCatalogue(t, checkSpec{id: "POL-01", domain: DomainPolicies, severity: High, effort: Hours, question: true})
	a := NewAudit(cat, "Test site", inventoryWith(), nil, testNow)
	if got := resultFor(t, a.Results, "POL-01").Status; got != StatusUnknown {
		t.Fatalf("fresh audit: %s", got)
	}
	if err := a.SetAnswer(cat, "POL-01", Answer{Value: "maybe"}, testNow); err == nil {
		t.Fatal("a value the question does not offer must be refused")
	}
	if err := a.SetAnswer(cat, "POL-01", Answer{Value: "no"}, testNow); err != nil {
		t.Fatal(err)
	}
	if len(a.Plan) != 1 || a.Plan[0].CheckID != "POL-01" {
		t.Fatalf("plan after a failing answer: %+v", a.Plan)
	}
	if err := a.AcceptRisk(cat, "POL-01", Acceptance{Reason: "later", Expires: testNow.Add(time.Hour)}, testNow); err == nil ||
		!strings.Contains(err.Error(), "owner") {
		t.Fatalf("an acceptance without an owner must be refused, got %v", err)
	}
	if err := a.AcceptRisk(cat, "POL-01", Acceptance{Reason: "later", Owner: "Sam", Expires: testNow.Add(-time.Hour)}, testNow); err == nil {
		t.Fatal("an acceptance that has already expired must be refused")
	}
	if err := a.AcceptRisk(cat, "POL-01", Acceptance{Reason: "later", Owner: "Sam", Expires: testNow.Add(time.Hour)}, testNow); err != nil {
		t.Fatal(err)
	}
	if len(a.Plan) != 0 {
		t.Errorf("an accepted risk should leave the plan, got %+v", a.Plan)
	}
}
