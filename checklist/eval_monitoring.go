package checklist

import (
	"fmt"
	"slices"
	"time"
)

func init() {
	register("MON-02", callRecordsClean)
}

// Office hours for the basic out-of-hours test. The call-record analysis asks
// each site for its own hours; this check only needs a safe default.
const (
	officeOpens  = 7
	officeCloses = 20
)

func outOfHours(t time.Time) bool {
	wd := t.Weekday()
	return wd == time.Saturday || wd == time.Sunday || t.Hour() < officeOpens || t.Hour() >= officeCloses
}

// suspicion says why one call stands out, or "" when it does not.
func suspicion(c Call, allowed []string) string {
	n := nationalForm(c.To)
	if name, ok := premiumRange(n); ok {
		return "calls to " + name + " numbers"
	}
	if !isInternational(n) {
		return ""
	}
	code := countryCode(n)
	where := firstNonEmpty(c.Destination, "+"+code)
	switch {
	case len(allowed) > 0 && !slices.Contains(allowed, code):
		return "international calls to " + where + ", which is not on your allowed list"
	case outOfHours(c.Start):
		return "international calls to " + where + " out of hours"
	}
	return ""
}

func callRecordsClean(f *Facts) Outcome {
	inv := f.Inventory
	if !inv.Has(FacetCalls) {
		return unknown("No call records were available.")
	}
	var allowed []string
	if inv.Dialling != nil {
		allowed = inv.Dialling.AllowedCountries
	}
	type group struct {
		ext, why string
		calls    int
		minutes  float64
		first    time.Time
	}
	groups := make(map[[2]string]*group)
	var order [][2]string
	for _, c := range inv.Calls {
		why := suspicion(c, allowed)
		if why == "" {
			continue
		}
		key := [2]string{c.From, why}
		g := groups[key]
		if g == nil {
			g = &group{ext: c.From, why: why, first: c.Start}
			groups[key] = g
			order = append(order, key)
		}
		g.calls++
		g.minutes += c.Duration.Minutes()
		if c.Start.Before(g.first) {
			g.first = c.Start
		}
	}
	if len(order) == 0 {
		return pass("%s checked: no premium-rate calls and no out-of-hours or unexpected international calls.", plural(len(inv.Calls), "call", "calls"))
	}
	var items []Item
	total := 0
	for _, key := range order {
		g := groups[key]
		total += g.calls
		items = append(items, Item{Kind: "extension", ID: g.ext, Label: "Extension " + g.ext,
			Detail: fmt.Sprintf("%s (%d, %.0f minutes, first on %s)", g.why, g.calls, g.minutes, g.first.Format("2 Jan 2006 15:04"))})
	}
	return fail(items, "Calls in the records that look like possible fraud: %d.", total)
}
