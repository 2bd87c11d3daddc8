package core

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// scanOf hands the calls to add one by one, as a file scanner would.
func scanOf(calls []inventory.Call) ScanFunc {
	return func(add func(inventory.Call) error) error {
		for _, c := range calls {
			if err := add(c); err != nil {
				return err
			}
		}
		return nil
	}
}

func nightCalls(n int) []inventory.Call {
	out := make([]inventory.Call, n)
	for i := range out {
		out[i] = inventory.Call{Start: time.Date(2026, 11, 18, 2, i%60, 0, 0, time.UTC), From: "214", To: fmt.Sprintf("0037167800%04d", i), Duration: 40 * time.Minute, Answered: true}
	}
	return out
}

func TestACallReviewCountsEveryCallAndFindsFraud(t *testing.T) {
	a := started(t)
	read := 0
	incidents, err := ReviewCalls(t.Context(), a.CallScanConfig(now), scanOf(nightCalls(30)), func() { read++ })
	if err != nil {
		t.Fatal(err)
	}
	if read != 30 {
		t.Errorf("%d calls counted, want 30", read)
	}
	if len(incidents) == 0 {
		t.Error("long night calls to Latvia should be found")
	}
	quiet, err := ReviewCalls(t.Context(), a.CallScanConfig(now), scanOf(nil), nil)
	if err != nil || len(quiet) != 0 {
		t.Errorf("an empty file finds nothing: %v %v", quiet, err)
	}
}

func TestACancelledReviewStopsAndSaysSo(t *testing.T) {
	a := started(t)
	ctx, cancel := context.WithCancel(t.Context())
	read := 0
	_, err := ReviewCalls(ctx, a.CallScanConfig(now), scanOf(nightCalls(100)), func() {
		read++
		if read == 10 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || read != 10 {
		t.Errorf("the review should stop at the call after cancelling: %v after %d calls", err, read)
	}
	bad := errors.New("line 4 is not a call")
	if _, err := ReviewCalls(t.Context(), a.CallScanConfig(now), func(func(inventory.Call) error) error { return bad }, nil); !errors.Is(err, bad) {
		t.Errorf("the scanner's error should come back, got %v", err)
	}
}

func TestARecordedReviewAnswersMONAndRemembersTheHours(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	if _, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: (&fakeSource{inv: twoLines()}).open}, now); err != nil {
		t.Fatal(err)
	}
	a, err := RecordCalls(store, cat, "Acme Dental", "calls.csv", 2, "Mon-Sat 07:00-19:00", now)
	if err != nil {
		t.Fatal(err)
	}
	if a.Answers["MON-02"].Value != "found" || a.Hours != "Mon-Sat 07:00-19:00" || resultOf(a, "MON-02").Status != checklist.StatusFail {
		t.Errorf("MON-02 should fail on two incidents, with the hours set: %+v %q %s", a.Answers["MON-02"], a.Hours, resultOf(a, "MON-02").Status)
	}
	site, _ := store.Site("Acme Dental")
	if site.Hours != "Mon-Sat 07:00-19:00" {
		t.Errorf("the site should remember the hours, got %q", site.Hours)
	}
	a, err = RecordCalls(store, cat, "Acme Dental", "calls.csv", 0, "", now)
	if err != nil {
		t.Fatal(err)
	}
	if a.Answers["MON-02"].Value != "yes" || a.Hours != "Mon-Sat 07:00-19:00" {
		t.Errorf("a clean file passes MON-02 and keeps the hours: %+v %q", a.Answers["MON-02"], a.Hours)
	}
}
