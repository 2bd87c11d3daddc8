package checklist

import (
	"testing"

	"github.com/ringfence/ringfence/checklist/reconcile"
)

func TestDecidingAnUncertainMatchChangesTheLeaverCheck(t *testing.T) {
	cat := Builtin()
	inv := inventoryWith(FacetExtensions)
	// Only an initial and a surname: a possible match, not used until confirmed.
	inv.Extensions = []Extension{{Number: "207", Name: "R. Llewellyn", Enabled: true, Type: ExtUser}}
	a := NewAudit(cat, "Test", inv, nil, testNow)
	a.SetStaff(cat, []StaffMember{{Name: "Rhys Llewellyn", Email: "rhys@example.co.uk"}}, testNow)

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
	cat := Builtin()
	prev := NewAudit(cat, "Acme Dental", inventoryWith(), Answers{"POL-01": {Value: "no"}, "ZZ-99": {Value: "yes"}}, testNow)
	prev.SetStaff(cat, []StaffMember{{Name: "Jo Whitaker"}}, testNow)
	prev.DecideMatch(cat, "102", reconcile.Decision{Verdict: reconcile.Shared}, testNow)
	if err := prev.AcceptRisk(cat, "POL-01", Acceptance{Reason: "r", Owner: "Jo", Expires: testNow.AddDate(0, 1, 0)}, testNow); err != nil {
		t.Fatal(err)
	}
	site := Site{Name: "Acme Dental", Hours: "Mon-Sat 07:00-19:00"}
	next := ContinueAudit(cat, site, inventoryWith(), prev, testNow.AddDate(0, 0, 7))
	switch {
	case len(next.Inventory.Staff) != 1 || !next.Inventory.Has(FacetStaff):
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
	cat := Builtin()
	a := NewAudit(cat, "Test", inventoryWith(), nil, testNow)
	if err := a.SetHours(cat, "mon-fri 9:00-17:30", testNow); err != nil || a.Hours != "Mon-Fri 09:00-17:30" {
		t.Errorf("got %q, %v", a.Hours, err)
	}
	if err := a.SetHours(cat, "nine to five", testNow); err == nil || a.Hours != "Mon-Fri 09:00-17:30" {
		t.Errorf("bad hours must be refused and change nothing: %q, %v", a.Hours, err)
	}
}
