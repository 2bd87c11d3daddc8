package core

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/callscan"
	"github.com/ringfence/ringfence/checklist/inventory"
)

func TestIncidentThroughEveryStep(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	inc, resumed, err := OpenIncident(store, "acme dental", now)
	if err != nil || resumed || inc.Site != "Acme Dental" {
		t.Fatalf("OpenIncident = %+v, %v, %v", inc, resumed, err)
	}
	steps := breach.Steps()
	at := now
	for i, s := range steps {
		if got := inc.Current(steps); got != i {
			t.Fatalf("before step %s, Current = %d, want %d", s.ID, got, i)
		}
		for k, a := range s.Actions {
			at = at.Add(time.Minute)
			o := breach.Outcomes()[k%3]
			inc, err = ApplyIncident(store, "Acme Dental", inc.ID, RecordAction(steps, s.ID, a.ID, o, "note "+a.ID, "Jo", at))
			if err != nil {
				t.Fatalf("%s/%s: %v", s.ID, a.ID, err)
			}
		}
	}
	if inc.Current(steps) != len(steps) {
		t.Fatalf("after every action, Current = %d", inc.Current(steps))
	}
	inc, err = ApplyIncident(store, "Acme Dental", inc.ID,
		LogLine("Provider's fraud team barred international calls", at),
		DecideReport(breach.ICO, false, "No voicemail or recordings on the system", at),
		DecideReport(breach.ICO, true, "Voicemail may have been listened to", at.Add(time.Minute)),
		AnswerRootCause("way-in", "Guessed SIP password on extension 204", at),
		SetCallFindings(breach.CallFindings{Calls: 3, Extensions: []string{"204"}}, at),
		CloseIncident(at.Add(time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := inc.Decision(breach.ICO); !ok || !d.Report || len(inc.Decisions) != 2 {
		t.Errorf("the latest ICO decision does not win, or an earlier one was lost: %+v", inc.Decisions)
	}
	back, err := store.LoadIncident("Acme Dental", inc.ID)
	if err != nil || back.Open() || len(back.Entries) != countActions(steps) || back.RootCause["way-in"] == "" || back.Calls == nil {
		t.Fatalf("saved incident is not what was recorded: %+v, %v", back, err)
	}
	if _, err := ApplyIncident(store, "Acme Dental", inc.ID, RecordAction(steps, "now", "bar-calls", breach.Done, "", "", at)); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("recording on a closed incident gave %v", err)
	}
	if _, err := ApplyIncident(store, "Acme Dental", inc.ID, CloseIncident(at.Add(2*time.Hour))); err == nil {
		t.Error("closing twice was allowed")
	}
	// A closed incident is not resumed: a new one starts.
	next, resumed, err := OpenIncident(store, "Acme Dental", at.Add(3*time.Hour))
	if err != nil || resumed || next.ID == inc.ID {
		t.Fatalf("after closing, OpenIncident = %s, %v, %v", next.ID, resumed, err)
	}
	again, resumed, err := OpenIncident(store, "Acme Dental", at.Add(4*time.Hour))
	if err != nil || !resumed || again.ID != next.ID {
		t.Fatalf("reopening did not resume %s: %s, %v, %v", next.ID, again.ID, resumed, err)
	}
}

func countActions(steps []breach.Step) int {
	n := 0
	for _, s := range steps {
		n += len(s.Actions)
	}
	return n
}

func TestIncidentChangesRefuseBadInput(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	inc, err := NewIncident(store, "Acme Dental", now)
	if err != nil {
		t.Fatal(err)
	}
	steps := breach.Steps()
	for name, tc := range map[string]struct {
		c    IncidentChange
		want string
	}{
		"unknown step":    {RecordAction(steps, "panic", "bar-calls", breach.Done, "", "", now), "the steps are now, contain"},
		"unknown action":  {RecordAction(steps, "now", "reboot", breach.Done, "", "", now), "its actions are bar-calls"},
		"unknown outcome": {RecordAction(steps, "now", "bar-calls", "maybe", "", "", now), "done, not-needed or couldnt"},
		"long note":       {RecordAction(steps, "now", "bar-calls", breach.Done, strings.Repeat("x", 5000), "", now), "keep it under"},
		"empty log":       {LogLine("  ", now), "empty"},
		"unknown body":    {DecideReport("police", true, "why", now), "report-fraud"},
		"no reason":       {DecideReport(breach.ICO, false, " ", now), "reason"},
		"unknown root":    {AnswerRootCause("who", "x", now), "way-in"},
	} {
		_, err := ApplyIncident(store, "Acme Dental", inc.ID, LogLine("kept only with the rest", now), tc.c)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error saying %q", name, err, tc.want)
		}
	}
	back, _ := store.LoadIncident("Acme Dental", inc.ID)
	if len(back.Log) != 0 || len(back.Entries) != 0 {
		t.Fatalf("a refused batch saved part of itself: %+v", back)
	}
}

// A leaver's night calls to a premium number are in three findings at once;
// the totals count each call once.
func TestIncidentCallsCountsEachCallOnce(t *testing.T) {
	t.Parallel()
	left := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	cfg := callscan.Config{Leavers: map[string]time.Time{"207": left}}
	var calls []inventory.Call
	base := time.Date(2026, 11, 14, 1, 0, 0, 0, time.UTC) // a Saturday night
	for k := range 12 {
		calls = append(calls, inventory.Call{Start: base.Add(time.Duration(k) * 5 * time.Minute), From: "207", To: "09011234567", Duration: 4 * time.Minute, Answered: true, CostPence: 150})
	}
	calls = append(calls, inventory.Call{Start: base.Add(-48 * time.Hour).Add(10 * time.Hour), From: "101", To: "01632960001", Duration: time.Minute})
	f, err := IncidentCalls(t.Context(), cfg, OwnCalls(calls), now)
	if err != nil {
		t.Fatal(err)
	}
	if f.Calls != 12 || f.Minutes != 48 || !f.CostKnown || f.Cost != 18 || f.Read != 13 {
		t.Errorf("findings count calls more than once or miss some: %+v", f)
	}
	if len(f.Extensions) != 1 || f.Extensions[0] != "207" || !f.Ongoing || !f.Start.Equal(base) {
		t.Errorf("findings %+v: want extension 207, ongoing, starting %v", f, base)
	}
	if len(f.Summary) == 0 || !strings.Contains(strings.Join(f.Summary, " "), "£18.00") {
		t.Errorf("summary does not give the cost: %q", f.Summary)
	}
	quiet, err := IncidentCalls(t.Context(), cfg, OwnCalls(calls[12:]), now)
	if err != nil || quiet.Calls != 0 || quiet.Ongoing || !strings.Contains(quiet.Summary[0], "Nothing") {
		t.Errorf("a quiet file gave %+v, %v", quiet, err)
	}
}

// Over random call records, the sums stay within what was read: never more
// suspicious calls, minutes or pounds than the file holds, only extensions
// that made calls, and nothing counted when nothing was found.
func TestIncidentCallsStaysWithinTheRecords(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 5))
	dests := []string{"01632960001", "00252612345678", "09098765432", "0037167123456", "07700900123", "00999", "118118", "201"}
	for round := range 200 {
		var calls []inventory.Call
		var secs, pence int64
		from := map[string]bool{}
		base := time.Date(2026, 11, 1+r.IntN(20), r.IntN(24), 0, 0, 0, time.UTC)
		for range r.IntN(300) {
			c := inventory.Call{Start: base.Add(time.Duration(r.IntN(72*60)) * time.Minute), From: fmt.Sprint(200 + r.IntN(6)),
				To: dests[r.IntN(len(dests))], Duration: time.Duration(r.IntN(1200)) * time.Second, CostPence: r.IntN(3) * r.IntN(500)}
			calls = append(calls, c)
			secs += int64(c.Duration / time.Second)
			pence += int64(c.CostPence)
			from[c.From] = true
		}
		cfg := callscan.Config{}
		if r.IntN(2) == 0 {
			cfg.Leavers = map[string]time.Time{"203": base.Add(-48 * time.Hour)}
			cfg.AllowedCountries = []string{"33"}
		}
		f, err := IncidentCalls(t.Context(), cfg, OwnCalls(calls), now)
		if err != nil {
			t.Fatal(err)
		}
		if f.Read != len(calls) || f.Calls > len(calls) || f.Minutes > float64(secs)/60+1e-9 || f.Cost > float64(pence)/100+1e-9 {
			t.Fatalf("round %d: %d calls, %.1f minutes, £%.2f from %d calls, %d s, %dp", round, f.Calls, f.Minutes, f.Cost, len(calls), secs, pence)
		}
		for _, e := range f.Extensions {
			if !from[e] {
				t.Fatalf("round %d: extension %s made no call", round, e)
			}
		}
		if len(f.Extensions) == 0 && (f.Calls != 0 || f.Ongoing) {
			t.Fatalf("round %d: nothing found, yet %d calls counted (ongoing %v)", round, f.Calls, f.Ongoing)
		}
		if f.Calls > 0 && (f.Start.IsZero() || f.End.Before(f.Start)) {
			t.Fatalf("round %d: findings run from %v to %v", round, f.Start, f.End)
		}
	}
}
