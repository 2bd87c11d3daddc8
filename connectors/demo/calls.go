package demo

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// Ofcom keeps these ranges for drama and examples, so the demo never shows a
// number that belongs to someone. Each pattern takes three final digits.
var (
	landlines = []string{
		"01614960%03d", // Manchester, the firm's own area
		"01614960%03d",
		"01632960%03d",
		"01134960%03d",
		"01214960%03d",
		"01174960%03d",
		"02079460%03d",
		"02920180%03d",
	}
	mobiles = []string{"07700900%03d"}
)

// ordinaryCalls makes the everyday traffic that the unusual calls hide in: office
// hours on weekdays, to UK landlines and mobiles. The fixed seed and the fixed
// order of every list keep it the same for the same moment.
func (c *company) ordinaryCalls(t timeline, staff []inventory.StaffMember) []inventory.Call {
	o := c.Calls.Ordinary
	rng := rand.New(rand.NewPCG(o.Seed, 0x5eed))

	var weekdays []time.Time
	for d := 1; d <= o.Days; d++ {
		day := t.day(d, 0)
		if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
			weekdays = append(weekdays, day)
		}
	}
	leftOn := make(map[string]time.Time)
	for _, s := range staff {
		if !s.Left.IsZero() {
			leftOn[s.Email] = s.Left
		}
	}
	var callers []extensionRow
	for _, e := range c.Extensions {
		// Someone whose extension has been idle for the whole window made no calls in it.
		idle := time.Duration(e.Active) >= time.Duration(o.Days)*24*time.Hour
		if e.Enabled && !idle && (e.Type == inventory.ExtUser || e.Type == inventory.ExtShared) {
			callers = append(callers, e)
		}
	}
	if len(weekdays) == 0 || len(callers) == 0 {
		return nil
	}

	calls := make([]inventory.Call, 0, o.Count)
	for len(calls) < o.Count {
		day := weekdays[rng.IntN(len(weekdays))]
		start := day.Add(8*time.Hour + 30*time.Minute +
			time.Duration(rng.IntN(8*60))*time.Minute + time.Duration(rng.IntN(60))*time.Second)
		from := callers[rng.IntN(len(callers))]
		if left, ok := leftOn[c.email(from.Email)]; ok && !start.Before(left) {
			continue // people stop making ordinary calls once they have gone
		}
		call := inventory.Call{Start: start, From: from.Number}
		perMinute := 1
		if rng.IntN(10) < 6 {
			call.To = fmt.Sprintf(landlines[rng.IntN(len(landlines))], rng.IntN(1000))
			call.Destination = "UK landline"
		} else {
			call.To = fmt.Sprintf(mobiles[rng.IntN(len(mobiles))], rng.IntN(1000))
			call.Destination = "UK mobile"
			perMinute = 2
		}
		if rng.IntN(100) < 82 {
			call.Answered = true
			// Most business calls are short; a few run long.
			call.Duration = time.Duration(15+rng.IntN(1+rng.IntN(1500))) * time.Second
			minutes := int((call.Duration + time.Minute - 1) / time.Minute)
			call.CostPence = minutes * perMinute
		}
		calls = append(calls, call)
	}
	return calls
}

func (c *company) unusualCalls(t timeline) []inventory.Call {
	out := make([]inventory.Call, 0, len(c.Calls.Unusual))
	for _, u := range c.Calls.Unusual {
		out = append(out, inventory.Call{
			Start: t.day(u.DaysAgo, u.At), From: u.From, To: u.To, Duration: u.Duration,
			Answered: u.Answered, CostPence: u.CostPence, Destination: u.Destination,
		})
	}
	return out
}

func (c *company) calls(t timeline, staff []inventory.StaffMember) []inventory.Call {
	calls := append(c.ordinaryCalls(t, staff), c.unusualCalls(t)...)
	slices.SortStableFunc(calls, func(a, b inventory.Call) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	return calls
}
