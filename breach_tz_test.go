package main

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/core"
)

// TestBreachTimesAreUKTimeWhateverTheComputersZone runs the command as real
// processes on computers set to different time zones (a laptop abroad, a
// server or WSL on UTC) against one summer incident: the times it prints are
// UK time, as the app and the PDF report give them, so the record the police
// and the insurer see agrees with what the command said.
func TestBreachTimesAreUKTimeWhateverTheComputersZone(t *testing.T) {
	bin := ringfenceBinary(t)
	store, dir := processStore(t)
	opened := time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC) // 09:00 in the UK (BST)
	inc, err := core.NewIncident(store, "Acme", opened)
	if err != nil {
		t.Fatal(err)
	}
	rec := core.RecordAction(breach.Steps(), "now", "bar-calls", breach.Done, "", "Jo", opened.Add(20*time.Minute))
	if _, err := core.ApplyIncident(store, "Acme", inc.ID, rec); err != nil {
		t.Fatal(err)
	}
	var first string
	for _, zone := range []string{"UTC", "America/New_York", "Asia/Tokyo"} {
		var outs []string
		for _, args := range [][]string{{"--incident", inc.ID}, {"--list"}} {
			cmd := breachProcess(bin, dir, args...)
			cmd.Env = append(cmd.Env, "TZ="+zone)
			out, err := cmd.Output()
			if err != nil {
				msg := ""
				if ee, ok := err.(*exec.ExitError); ok {
					msg = string(ee.Stderr)
				}
				t.Fatalf("TZ=%s breach %v: %v\n%s", zone, args, err, msg)
			}
			outs = append(outs, string(out))
		}
		got := strings.Join(outs, "\n")
		for _, want := range []string{"opened Wed 1 Jul 2026 09:00", "done 09:20 by Jo", "The 72 hours ran out Sat 4 Jul 2026 09:00", "1 Jul 2026 09:00"} {
			if !strings.Contains(got, want) {
				t.Errorf("TZ=%s: the command does not say %q in UK time:\n%s", zone, want, got)
			}
		}
		if first == "" {
			first = got
		} else if got != first {
			t.Errorf("TZ=%s prints other times than TZ=UTC:\n%s\n---\n%s", zone, got, first)
		}
	}
}
