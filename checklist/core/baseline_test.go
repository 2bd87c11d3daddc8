package core

import (
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

// Every run saves an audit, so "the audit before" is often minutes old. The
// comparison is with the last audit of an earlier day: the last visit.
func TestTheBaselineIsTheLastAuditOfAnEarlierDay(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	src := &fakeSource{inv: twoLines()}
	day1 := time.Date(2026, 9, 1, 10, 0, 0, 0, time.Local)
	day1Late := day1.Add(3 * time.Hour)
	day2 := time.Date(2026, 12, 3, 9, 0, 0, 0, time.Local)
	var last Started
	for _, at := range []time.Time{day1, day1Late, day2, day2.Add(10 * time.Minute)} {
		var err error
		if last, err = StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: src.open}, at); err != nil {
			t.Fatal(err)
		}
	}
	if last.Previous == nil || !last.Previous.Started.Equal(day1Late) {
		t.Fatalf("a new audit should be compared with the last one of an earlier day (%s), got %v", day1Late, startedAt(last.Previous))
	}
	latest, previous, err := Latest(store, "Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	if !latest.Started.Equal(day2.Add(10*time.Minute)) || previous == nil || !previous.Started.Equal(day1Late) {
		t.Fatalf("Latest should pair the newest audit with the last of an earlier day, got %v and %v", latest.Started, startedAt(previous))
	}
	earlier, err := Earlier(store, "Acme Dental", latest)
	if err != nil || len(earlier) != 3 {
		t.Fatalf("three audits came before the latest, got %d (%v)", len(earlier), err)
	}
}

func TestNoBaselineWhenEveryAuditIsFromToday(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	src := &fakeSource{inv: twoLines()}
	day := time.Date(2026, 12, 3, 9, 0, 0, 0, time.Local)
	var last Started
	for _, at := range []time.Time{day, day.Add(time.Hour)} {
		var err error
		if last, err = StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: src.open}, at); err != nil {
			t.Fatal(err)
		}
	}
	if last.Previous != nil {
		t.Fatalf("a run an hour ago is the same visit, not a baseline: %v", last.Previous.Started)
	}
}

func startedAt(a *checklist.Audit) any {
	if a == nil {
		return nil
	}
	return a.Started
}
