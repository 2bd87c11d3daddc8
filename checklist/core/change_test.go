package core

import (
	"fmt"
	"github.com/ringfence/ringfence/checklist/inventory"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/reconcile"
)

func started(t *testing.T) *checklist.Audit {
	t.Helper()
	store := newStore(t)
	got, err := StartAudit(t.Context(), store, checklist.Builtin(), AuditRun{Site: "Acme Dental", Open: (&fakeSource{inv: twoLines()}).open}, now)
	if err != nil {
		t.Fatal(err)
	}
	return got.Audit
}

// An owner set in one window and a done date set in another must both
// survive, whichever is saved first: each change sets only its own part.
func TestOwnerAndDoneDateNeverOverwriteEachOther(t *testing.T) {
	cat := checklist.Builtin()
	due, done := now.AddDate(0, 1, 0), now.Add(time.Hour)
	for _, order := range [][]Change{
		{Assign(cat, "MON-02", "Jo", due, now), MarkDone(cat, "MON-02", done, now)},
		{MarkDone(cat, "MON-02", done, now), Assign(cat, "MON-02", "Jo", due, now)},
	} {
		a := started(t)
		for _, c := range order {
			if err := c(a); err != nil {
				t.Fatal(err)
			}
		}
		want := checklist.Tracking{Owner: "Jo", Due: due, Done: done}
		if got := a.Tracking["MON-02"]; !reflect.DeepEqual(got, want) {
			t.Errorf("tracking is %+v, want %+v", got, want)
		}
	}
}

func TestAMarkOnAnUnknownLineChangesNothing(t *testing.T) {
	cat := checklist.Builtin()
	a := started(t)
	before := snapshotOf(a)
	err := MarkLines(cat, []Mark{{Extension: "101", Verdict: reconcile.Shared}, {Extension: "999", Verdict: reconcile.Shared}}, now)(a)
	if err == nil {
		t.Fatal("an extension not in the audit should be refused")
	}
	if !reflect.DeepEqual(snapshotOf(a), before) {
		t.Error("a refused mark must leave the audit as it was")
	}
	if err := MarkLines(cat, []Mark{{Extension: "101", Verdict: reconcile.Shared}}, now)(a); err != nil {
		t.Fatal(err)
	}
	if a.LeaverDecisions["101"].Verdict != reconcile.Shared {
		t.Errorf("101 should now be a shared line: %+v", a.LeaverDecisions["101"])
	}
}

func snapshotOf(a *checklist.Audit) any {
	return []any{a.LeaverDecisions, a.Results, len(a.History)}
}

func TestAppliedChangesLandOnTheAuditOnDiskInOrder(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	if _, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: (&fakeSource{inv: twoLines()}).open}, now); err != nil {
		t.Fatal(err)
	}
	_, err := Apply(store, "Acme Dental", Answer(cat, "MON-02", checklist.Answer{Value: "yes"}, now), Answer(cat, "MON-02", checklist.Answer{Value: "found", Reason: "two calls to Latvia"}, now))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(store, "Acme Dental", Answer(cat, "MON-02", checklist.Answer{Value: "no such option"}, now)); err == nil {
		t.Error("an answer the question does not offer should be refused")
	}
	saved, err := store.LatestAudit("Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	if saved.Answers["MON-02"].Value != "found" {
		t.Errorf("the later answer should win, got %+v", saved.Answers["MON-02"])
	}
}

// The leavers report is the same whether the staff list is given (as on the
// command line) or first saved in the audit (as in the app).
func TestTheLeaversReportIsTheSameGivenOrSaved(t *testing.T) {
	cat := checklist.Builtin()
	staff := []inventory.StaffMember{{Name: "Jo Whitaker"}}
	given := started(t)
	if err := MarkLines(cat, []Mark{{Extension: "102", Verdict: reconcile.Shared}}, now)(given); err != nil {
		t.Fatal(err)
	}
	saved := started(t)
	for _, c := range []Change{MarkLines(cat, []Mark{{Extension: "102", Verdict: reconcile.Shared}}, now), Staff(cat, staff, now)} {
		if err := c(saved); err != nil {
			t.Fatal(err)
		}
	}
	a, b := Leavers(given, staff, now), Leavers(saved, nil, now)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the report differs:\n%+v\n%+v", a, b)
	}
	if a.Personal != 1 {
		t.Errorf("101 is Jo's and 102 is shared, so one personal line; got %d", a.Personal)
	}
}

// A decision saved while another run starts a new audit of the same site is
// never lost: either it lands on the old audit and is carried over, or it
// lands on the new one.
func TestADecisionRacingANewAuditIsKept(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	src := &fakeSource{inv: twoLines()}
	if _, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: src.open}, now); err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		owner := fmt.Sprintf("owner %d", i)
		var wg sync.WaitGroup
		errs := make(chan error, 2)
		wg.Go(func() {
			_, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: src.open}, now.Add(time.Duration(i+1)*time.Minute))
			errs <- err
		})
		wg.Go(func() {
			_, err := Apply(store, "Acme Dental", Assign(cat, "MON-02", owner, now, now))
			errs <- err
		})
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		a, err := store.LatestAudit("Acme Dental")
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Tracking["MON-02"].Owner; got != owner {
			t.Fatalf("round %d: the owner is %q, want %q", i, got, owner)
		}
	}
}
