package checklist

import (
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/reconcile"
)

func TestDecidingAnUncertainMatchChangesTheLeaverCheck(t *testing.T) {
	t.Parallel()
	cat := Builtin()
	inv := inventoryWith(inventory.FacetExtensions)
	// Only an initial and a surname: a possible match, not used until confirmed.
	inv.Extensions = []inventory.Extension{{Number: "207", Name: "R. Llewellyn", Enabled: true, Type: inventory.ExtUser}}
	a := NewAudit(cat, "Test", inv, nil, testNow)
	a.SetStaff(cat, []inventory.StaffMember{{Name: "Rhys Llewellyn", Email: "rhys@example.co.uk"}}, testNow)

	if got := resultFor(t, a.Results, "LV-01").Status; got != StatusFail {
		t.Fatalf("an unconfirmed possible match should leave LV-01 failing, got %s", got)
	}
	if rep := a.Leavers(testNow); len(rep.ToConfirm) != 1 || rep.ToConfirm[0].Name != "Rhys Llewellyn" {
		t.Fatalf("the match should wait for confirmation: %+v", rep.ToConfirm)
	}
	a.DecideMatch(cat, "207", reconcile.Decision{Verdict: reconcile.Confirm}, testNow)
	if got := resultFor(t, a.Results, "LV-01").Status; got != StatusPass {
		t.Errorf("after confirming, LV-01: %s", got)
	}
	a.DecideMatch(cat, "207", reconcile.Decision{Verdict: reconcile.Reject}, testNow)
	if got := resultFor(t, a.Results, "LV-01").Status; got != StatusFail {
		t.Errorf("after rejecting, LV-01: %s", got)
	}
}

func TestRecordCallReviewAnswersMON02(t *testing.T) {
	t.Parallel()
	cat := Builtin()
	a := NewAudit(cat, "Test", inventoryWith(), nil, testNow)
	if err := a.RecordCallReview(cat, "calls.csv", 3, testNow); err != nil {
		t.Fatal(err)
	}
	r := resultFor(t, a.Results, "MON-02")
	if r.Status != StatusFail || r.Basis != FromAnswer {
		t.Errorf("got %s from %s", r.Status, r.Basis)
	}
	if err := a.RecordCallReview(cat, "calls.csv", 0, testNow); err != nil {
		t.Fatal(err)
	}
	if got := resultFor(t, a.Results, "MON-02").Status; got != StatusPass {
		t.Errorf("a clean file: %s", got)
	}
}

func TestContinueAuditKeepsWhatTheLastVisitDecided(t *testing.T) {
	t.Parallel()
	cat := Builtin()
	prev := NewAudit(cat, "Acme Dental", inventoryWith(), Answers{"POL-01": {Value: "no"}, "ZZ-99": {Value: "yes"}}, testNow)
	prev.SetStaff(cat, []inventory.StaffMember{{Name: "Jo Whitaker"}}, testNow)
	prev.DecideMatch(cat, "102", reconcile.Decision{Verdict: reconcile.Shared}, testNow)
	if err := prev.AcceptRisk(cat, "POL-01", Acceptance{Reason: "r", Owner: "Jo", Expires: testNow.AddDate(0, 1, 0)}, testNow); err != nil {
		t.Fatal(err)
	}
	site := Site{Name: "Acme Dental", Hours: "Mon-Sat 07:00-19:00"}
	next := ContinueAudit(cat, site, inventoryWith(), prev, testNow.AddDate(0, 0, 7))
	switch {
	case len(next.Inventory.Staff) != 1 || !next.Inventory.Has(inventory.FacetStaff):
		t.Error("the staff list should carry over until a newer one is given")
	case next.LeaverDecisions["102"].Verdict != reconcile.Shared:
		t.Error("match decisions should carry over")
	case next.Answers["POL-01"].Value != "no":
		t.Error("answers should carry over")
	case next.Answers["ZZ-99"].Value != "":
		t.Error("an answer to a check the catalogue no longer has should be dropped")
	case resultFor(t, next.Results, "POL-01").Status != StatusAccepted:
		t.Error("the accepted risk should carry over")
	case next.Hours != site.Hours:
		t.Errorf("the site's business hours should apply, got %q", next.Hours)
	}
	next.DecideMatch(cat, "103", reconcile.Decision{Verdict: reconcile.Reject}, testNow)
	if _, changed := prev.LeaverDecisions["103"]; changed {
		t.Error("deciding in the new audit must not change the old one")
	}
}

func TestSetHoursNormalisesAndRefuses(t *testing.T) {
	t.Parallel()
	cat := Builtin()
	a := NewAudit(cat, "Test", inventoryWith(), nil, testNow)
	if err := a.SetHours(cat, "mon-fri 9:00-17:30", testNow); err != nil || a.Hours != "Mon-Fri 09:00-17:30" {
		t.Errorf("got %q, %v", a.Hours, err)
	}
	if err := a.SetHours(cat, "nine to five", testNow); err == nil || a.Hours != "Mon-Fri 09:00-17:30" {
		t.Errorf("bad hours must be refused and change nothing: %q, %v", a.Hours, err)
	}
}

// A vets' practice's role lines are set apart from LV-01's figures, a line
// whose name points both ways still counts against it until someone rules on
// it, and a ruling made on one visit holds on the next.
func TestRoleLinesAreSetApartAndRulingsLastAcrossAudits(t *testing.T) {
	t.Parallel()
	cat := Builtin()
	inv := inventoryWith(inventory.FacetExtensions)
	inv.Extensions = []inventory.Extension{
		{Number: "200", Name: "Jo Whitaker", Enabled: true, Type: inventory.ExtUser},
		{Number: "201", Name: "Pharmacy", Enabled: true, Type: inventory.ExtUser},
		{Number: "202", Name: "On-call Vet", Enabled: true, Type: inventory.ExtUser},
		{Number: "203", Name: "Kennels", Enabled: true, Type: inventory.ExtUser},
		{Number: "204", Name: "Maintenance Hotline", Enabled: true, Type: inventory.ExtUser},
		{Number: "205", Name: "Rose Room", Enabled: true, Type: inventory.ExtUser},
	}
	a := NewAudit(cat, "Vets", inv, nil, testNow)
	a.SetStaff(cat, []inventory.StaffMember{{Name: "Jo Whitaker"}}, testNow)
	r := resultFor(t, a.Results, "LV-01")
	if r.Status != StatusFail || len(r.Affected) != 1 || r.Affected[0].ID != "205" {
		t.Fatalf("LV-01 should fail on the Rose Room only until someone rules on it: %s %+v", r.Status, r.Affected)
	}
	if !strings.Contains(r.Evidence, "1 of 2") || !strings.Contains(r.Evidence, "4 role and shared lines set apart") {
		t.Errorf("LV-01 evidence = %q", r.Evidence)
	}
	a.DecideMatch(cat, "205", reconcile.Decision{Verdict: reconcile.Shared}, testNow)
	a.DecideMatch(cat, "204", reconcile.Decision{Verdict: reconcile.Person}, testNow)
	next := ContinueAudit(cat, Site{Name: "Vets"}, inventoryWith(inventory.FacetExtensions), a, testNow.AddDate(0, 3, 0))
	next.Inventory.Extensions = inv.Extensions
	next.Recompute(cat, testNow.AddDate(0, 3, 0))
	rep := next.Leavers(testNow.AddDate(0, 3, 0))
	var shared, unowned []string
	for _, f := range rep.Shared {
		shared = append(shared, f.Extension)
	}
	for _, f := range rep.Unowned {
		unowned = append(unowned, f.Extension)
	}
	if strings.Join(shared, ",") != "201,202,203,205" || strings.Join(unowned, ",") != "204" {
		t.Errorf("after a re-audit: role lines %v, unowned %v", shared, unowned)
	}
	if r := resultFor(t, next.Results, "LV-01"); r.Status != StatusFail || !strings.Contains(r.Evidence, "1 of 2") {
		t.Errorf("LV-01 after the re-audit: %s %q", r.Status, r.Evidence)
	}
}
