package callscan

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

func analyse(cfg Config, calls []inventory.Call) ([]Incident, *Analyzer) {
	a := New(cfg)
	for _, c := range calls {
		a.Add(c)
	}
	return a.Incidents(), a
}

func TestCleanRecordsRaiseNothing(t *testing.T) {
	t.Parallel()
	calls := ordinaryCalls(250, 30, 7)
	incs, a := analyse(cleanConfig(), calls)
	for _, inc := range incs {
		t.Errorf("unexpected incident %s: %s", inc.Kind, inc.Explanation)
	}
	if s := a.Seen(); s.Outbound != len(calls) || s.OutOfOrder != 0 {
		t.Errorf("seen = %+v, want all %d outbound and none out of order", s, len(calls))
	}
}

func TestCleanRecordsNewestFirstRaiseNothing(t *testing.T) {
	t.Parallel()
	calls := ordinaryCalls(60, 30, 8)
	slices.Reverse(calls)
	incs, a := analyse(cleanConfig(), calls)
	for _, inc := range incs {
		t.Errorf("unexpected incident %s: %s", inc.Kind, inc.Explanation)
	}
	if a.Seen().OutOfOrder != 0 {
		t.Errorf("newest-first rows counted as out of order: %+v", a.Seen())
	}
}

// planted adds one example of every kind of fraud to an ordinary month.
func planted() ([]inventory.Call, Config) {
	calls := ordinaryCalls(60, 30, 9)
	at := func(day, hh, mm int) time.Time { return time.Date(2026, 2, day, hh, mm, 0, 0, london) }
	add := func(c inventory.Call) { calls = append(calls, c) }
	// A leaver's extension rings Somalia at night.
	for i := 0; i < 4; i++ {
		add(inventory.Call{Start: at(10+i, 2, 5), From: "290", To: "00252618000240", Duration: 50 * time.Minute, Answered: true, CostPence: 8000})
	}
	// Premium numbers, one of them behind the caller-ID release prefix.
	add(inventory.Call{Start: at(11, 11, 0), From: "203", To: "09098790123", Duration: 12 * time.Minute, Answered: true})
	add(inventory.Call{Start: at(11, 11, 30), From: "203", To: "147009098790124", Duration: 3 * time.Minute, Answered: true})
	// A country the business never calls.
	add(inventory.Call{Start: at(12, 10, 0), From: "207", To: "+49301234567", Duration: 4 * time.Minute, Answered: true})
	// An impossible number abroad.
	add(inventory.Call{Start: at(12, 10, 30), From: "208", To: "0044", Duration: 0}) // too short to be international: ignored
	add(inventory.Call{Start: at(12, 10, 31), From: "208", To: "003312345678901234567", Duration: time.Minute, Answered: true})
	// A burst from one extension in the afternoon.
	for i := 0; i < 45; i++ {
		add(inventory.Call{Start: at(17, 14, 0).Add(time.Duration(i) * 80 * time.Second), From: "205", To: fmt.Sprintf("0161496%04d", i), Duration: 40 * time.Second, Answered: true})
	}
	// Many short calls to one number.
	for i := 0; i < 14; i++ {
		add(inventory.Call{Start: at(18, 10, 0).Add(time.Duration(i) * 7 * time.Minute), From: "210", To: "01632960999", Duration: 3 * time.Second, Answered: true})
	}
	// Twenty calls at once in the small hours, spread over six extensions.
	for i := 0; i < 20; i++ {
		add(inventory.Call{Start: at(21, 3, 0).Add(time.Duration(i) * 10 * time.Second), From: fmt.Sprint(220 + i%6), To: fmt.Sprintf("0033%09d", i), Duration: 40 * time.Minute, Answered: true})
	}
	sortCalls(calls)
	cfg := cleanConfig()
	cfg.Leavers = map[string]time.Time{"290": at(2, 0, 0)}
	cfg.Rates = map[string]int{"09": 150}
	return calls, cfg
}

func byKind(incs []Incident) map[Kind][]Incident {
	m := make(map[Kind][]Incident)
	for _, inc := range incs {
		m[inc.Kind] = append(m[inc.Kind], inc)
	}
	return m
}

func TestPlantedIncidentsAreFound(t *testing.T) {
	t.Parallel()
	calls, cfg := planted()
	for _, order := range []string{"oldest first", "newest first"} {
		t.Run(order, func(t *testing.T) {
			if order == "newest first" {
				calls = slices.Clone(calls)
				slices.Reverse(calls)
			}
			incs, _ := analyse(cfg, calls)
			got := byKind(incs)
			check := func(k Kind, ext string, calls int) Incident {
				t.Helper()
				for _, inc := range got[k] {
					if slices.Contains(inc.Extensions, ext) {
						if calls > 0 && inc.Calls != calls {
							t.Errorf("%s from %s: %d calls, want %d", k, ext, inc.Calls, calls)
						}
						if inc.Explanation == "" {
							t.Errorf("%s from %s has no explanation", k, ext)
						}
						return inc
					}
				}
				t.Errorf("no %s incident for extension %s; got %v", k, ext, summary(incs))
				return Incident{}
			}
			leaver := check(KindLeaverCalls, "290", 4)
			if leaver.Severity != Critical || leaver.CostPence != 32000 || leaver.Minutes != 200 {
				t.Errorf("leaver incident = %+v", leaver)
			}
			if !strings.Contains(leaver.Explanation, "2 Feb 2026") || !strings.Contains(leaver.Explanation, "£320.00") {
				t.Errorf("leaver explanation = %q", leaver.Explanation)
			}
			risk := check(KindHighRisk, "290", 4)
			if risk.Destination != "+252" || !strings.Contains(risk.Explanation, "Somalia") {
				t.Errorf("high-risk incident = %+v", risk)
			}
			check(KindOutOfHours, "290", 4)
			prem := check(KindPremium, "203", 2)
			if !prem.CostKnown || prem.CostPence != 150*15 {
				t.Errorf("premium cost = %d (known %v), want %d from the 09 rate", prem.CostPence, prem.CostKnown, 150*15)
			}
			de := check(KindNotAllowed, "207", 1)
			if de.Destination != "+49" || !strings.Contains(de.Explanation, "Germany") {
				t.Errorf("not-allowed incident = %+v", de)
			}
			check(KindInvalidNumber, "208", 1)
			burst := check(KindBurst, "205", 0)
			if burst.Calls < 40 {
				t.Errorf("burst counted %d calls, want at least 40", burst.Calls)
			}
			short := check(KindShortCalls, "210", 14)
			if short.Destination != "01632960999" {
				t.Errorf("short calls destination = %q", short.Destination)
			}
			conc := check(KindConcurrentCall, "220", 0)
			if conc.Calls < 20 {
				t.Errorf("concurrency peak = %d, want at least 20", conc.Calls)
			}
			check(KindOutOfHours, "220", 0)
			for _, inc := range incs {
				switch inc.Kind {
				case KindBurst, KindShortCalls, KindConcurrentCall:
				default:
					if !slices.Contains([]string{"290", "203", "207", "208", "220", "221", "222", "223", "224", "225"}, inc.Extensions[0]) {
						t.Errorf("incident on an ordinary extension: %s %s", inc.Kind, inc.Explanation)
					}
				}
			}
			if incs[0].Severity != Critical {
				t.Errorf("first incident is %s, want the critical leaver first", incs[0].Severity)
			}
		})
	}
}

func summary(incs []Incident) []string {
	var s []string
	for _, inc := range incs {
		s = append(s, fmt.Sprintf("%s%v", inc.Kind, inc.Extensions))
	}
	return s
}

func TestUnknownAllowedListFlagsOnlyHighRisk(t *testing.T) {
	t.Parallel()
	calls := []inventory.Call{
		{Start: time.Date(2026, 3, 2, 11, 0, 0, 0, london), From: "101", To: "0049301234567", Duration: time.Minute},
		{Start: time.Date(2026, 3, 2, 11, 5, 0, 0, london), From: "101", To: "0053500000712", Duration: time.Minute},
		{Start: time.Date(2026, 3, 2, 11, 9, 0, 0, london), From: "101", To: "001809555012", Duration: time.Minute},
	}
	incs, _ := analyse(Config{}, calls)
	got := byKind(incs)
	if len(got[KindNotAllowed]) != 0 {
		t.Errorf("no allowed list was given, yet %v", summary(incs))
	}
	if len(got[KindHighRisk]) != 2 {
		t.Errorf("high-risk incidents = %v, want Cuba and the Dominican Republic", summary(incs))
	}
	empty, _ := analyse(Config{AllowedCountries: []string{}}, calls[:1])
	if len(byKind(empty)[KindNotAllowed]) != 1 {
		t.Errorf("an empty allowed list bars every country; got %v", summary(empty))
	}
}

func TestIncomingAndInternalCallsAreNotJudged(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 1, 3, 0, 0, 0, london) // a Sunday night
	calls := []inventory.Call{
		{Start: at, From: "09098790123", To: "101", Duration: time.Hour},
		{Start: at, From: "+25261800024", To: "101", Duration: time.Hour},
		{Start: at, From: "101", To: "102", Duration: time.Hour},
		{Start: at, From: "101", To: "*97", Duration: time.Minute},
		{Start: at, From: "101", To: "999", Duration: time.Minute},
	}
	incs, a := analyse(Config{}, calls)
	if len(incs) != 0 {
		t.Errorf("incidents from incoming or internal calls: %v", summary(incs))
	}
	if s := a.Seen(); s.Incoming != 2 || s.Internal != 3 || s.Outbound != 0 {
		t.Errorf("seen = %+v", s)
	}
}

func TestBusinessHoursFollowTheSiteClock(t *testing.T) {
	t.Parallel()
	h := DefaultHours()
	c := newClock(h.Location)
	cases := []struct {
		at   time.Time
		open bool
	}{
		{time.Date(2026, 7, 6, 7, 30, 0, 0, time.UTC), true},   // 08:30 BST on a Monday
		{time.Date(2026, 1, 5, 7, 30, 0, 0, time.UTC), false},  // 07:30 GMT
		{time.Date(2026, 1, 5, 17, 59, 0, 0, time.UTC), true},  // 17:59 GMT
		{time.Date(2026, 7, 6, 17, 0, 0, 0, time.UTC), false},  // 18:00 BST
		{time.Date(2026, 7, 11, 10, 0, 0, 0, time.UTC), false}, // Saturday
	}
	for _, tc := range cases {
		if got := h.open(c.local(tc.at)); got != tc.open {
			t.Errorf("open(%s) = %v, want %v", tc.at, got, tc.open)
		}
	}
}

func TestRowsFarOutOfOrderAreCounted(t *testing.T) {
	t.Parallel()
	calls := ordinaryCalls(10, 5, 3)
	late := calls[0]
	late.Start = late.Start.Add(-48 * time.Hour)
	late.Duration = time.Minute
	calls = append(calls, late)
	_, a := analyse(cleanConfig(), calls)
	if a.Seen().OutOfOrder != 1 {
		t.Errorf("out of order = %d, want 1", a.Seen().OutOfOrder)
	}
}

func TestIncidentOrderIsTheSameEveryRun(t *testing.T) {
	t.Parallel()
	night := time.Date(2026, 11, 7, 1, 0, 0, 0, time.UTC)
	var calls []inventory.Call
	// Several extensions ring several high-risk and premium numbers at the same
	// moment: incidents that tie on severity and start time.
	for _, from := range []string{"201", "202", "203"} {
		for _, to := range []string{"0037167123456", "0025261234567", "09098790000", "005372345678"} {
			calls = append(calls, inventory.Call{Start: night, From: from, To: to, Duration: 20 * time.Minute, Answered: true})
		}
	}
	first := New(Config{}).addAll(calls).Incidents()
	if len(first) < 4 {
		t.Fatalf("only %d incidents", len(first))
	}
	for range 20 {
		again := New(Config{}).addAll(calls).Incidents()
		for i := range first {
			if first[i].Kind != again[i].Kind || first[i].Destination != again[i].Destination ||
				strings.Join(first[i].Extensions, ",") != strings.Join(again[i].Extensions, ",") {
				t.Fatalf("incident %d changed between runs", i)
			}
		}
	}
}

func (a *Analyzer) addAll(calls []inventory.Call) *Analyzer {
	for _, c := range calls {
		a.Add(c)
	}
	return a
}
