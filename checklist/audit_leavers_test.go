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
