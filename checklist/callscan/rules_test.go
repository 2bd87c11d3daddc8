package callscan

import (
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// TestSatelliteNumbersAreHighCost: calls to satellite phones and international
// networks (+870, +881, +882, +883) are flagged even when nobody has said which
// countries the business calls.
func TestSatelliteNumbersAreHighCost(t *testing.T) {
	t.Parallel()
	for _, to := range []string{"00870773100000", "+881631234567", "00882161234567", "008835100123456"} {
		calls := []inventory.Call{{Start: time.Date(2026, 3, 2, 11, 0, 0, 0, london), From: "101", To: to, Duration: 4 * time.Minute, Answered: true}}
		incs, _ := analyse(Config{}, calls)
		got := byKind(incs)[KindHighRisk]
		if len(got) != 1 || !strings.Contains(got[0].Explanation, "satellite") {
			t.Errorf("call to %s: high-cost incidents %+v, want one naming satellite", to, got)
		}
	}
}

// TestCallsOnTheDayOfLeavingAreNotAfterLeaving: someone who leaves on 2 March
// works that day; only calls from 3 March (UK time) count.
func TestCallsOnTheDayOfLeavingAreNotAfterLeaving(t *testing.T) {
	t.Parallel()
	left := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // as the HR list gives it: a date
	cfg := Config{Leavers: map[string]time.Time{"290": left}}
	at := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, london) }
	calls := []inventory.Call{
		{Start: at(2, 9, 0), From: "290", To: "01614960000", Duration: time.Minute, Answered: true},
		{Start: at(2, 17, 30), From: "290", To: "01614960001", Duration: time.Minute, Answered: true},
		{Start: at(2, 23, 59), From: "290", To: "01614960002", Duration: time.Minute, Answered: true},
		{Start: at(3, 0, 1), From: "290", To: "01614960003", Duration: time.Minute, Answered: true},
	}
	incs, _ := analyse(cfg, calls)
	got := byKind(incs)[KindLeaverCalls]
	if len(got) != 1 || got[0].Calls != 1 || !got[0].Start.Equal(at(3, 0, 1)) {
		t.Errorf("leaver incidents %+v, want one of 1 call on 3 March", got)
	}
	// In summer the UK day starts at 23:00 UTC.
	summer := Config{Leavers: map[string]time.Time{"290": time.Date(2026, 7, 2, 0, 0, 0, 0, time.UTC)}}
	incs, _ = analyse(summer, []inventory.Call{{Start: time.Date(2026, 7, 2, 23, 30, 0, 0, time.UTC), From: "290", To: "01614960000", Duration: time.Minute}})
	if len(byKind(incs)[KindLeaverCalls]) != 1 {
		t.Errorf("a call at 00:30 BST on 3 July was not counted after leaving on 2 July")
	}
	if got := CallsAfterLeavingFrom(left); !got.Equal(at(3, 0, 0)) {
		t.Errorf("CallsAfterLeavingFrom(2 March) = %v, want midnight starting 3 March UK time", got)
	}
}

// TestAssumedHoursAreSaid: out-of-hours findings made against the default
// week say so; findings against hours the site gave do not.
func TestAssumedHoursAreSaid(t *testing.T) {
	t.Parallel()
	var calls []inventory.Call
	for i := 0; i < 4; i++ {
		calls = append(calls, inventory.Call{Start: time.Date(2026, 3, 7, 10, i, 0, 0, london), From: "101", To: "01614960000", Duration: 10 * time.Minute, Answered: true}) // a Saturday
	}
	incs, _ := analyse(Config{}, calls)
	ooh := byKind(incs)[KindOutOfHours]
	if len(ooh) != 1 || !ooh[0].HoursAssumed || !strings.Contains(ooh[0].Explanation, "assumed") {
		t.Errorf("default hours: %+v, want one out-of-hours incident saying the hours were assumed", ooh)
	}
	sat, _ := ParseHours("Mon-Sat 07:30-17:00")
	sat.Days[0] = false
	incs, _ = analyse(Config{Hours: sat}, calls)
	if got := byKind(incs)[KindOutOfHours]; len(got) != 0 {
		t.Errorf("Saturday calls flagged though the site opens on Saturdays: %+v", got)
	}
	late, _ := ParseHours("Mon-Fri 08:00-18:00")
	incs, _ = analyse(Config{Hours: late}, calls)
	if got := byKind(incs)[KindOutOfHours]; len(got) != 1 || got[0].HoursAssumed || strings.Contains(got[0].Explanation, "assumed") {
		t.Errorf("given hours: %+v, want an incident that does not claim the hours were assumed", got)
	}
}
