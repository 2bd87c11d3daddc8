package checklist

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ringfence/ringfence/checklist/callscan"
	"github.com/ringfence/ringfence/checklist/inventory"
)

func (e evaluatorSet) addMonitoring() {
	e.register("MON-02", []fact{callsWithNumber}, callRecordsClean)
}

func callRecordsClean(f *Facts) Outcome {
	inv := f.Inventory
	a := callscan.New(callScanConfig(inv, f.leavers(), f.Hours))
	for _, c := range inv.Calls {
		a.Add(c)
	}
	incidents := a.Incidents()
	basis := callBasis(inv, f.Hours)
	if len(incidents) == 0 {
		return pass("Calls checked: %d. No premium-rate, high-risk, out-of-hours or unusual calling found.%s", len(inv.Calls), basis)
	}
	items := make([]Item, 0, len(incidents))
	total := 0
	for _, in := range incidents {
		total += in.Calls
		items = append(items, Item{
			Kind:   "incident",
			ID:     strings.Join(in.Extensions, ", "),
			Label:  incidentLabel(in),
			Detail: in.Explanation,
		})
	}
	slices.SortStableFunc(items, func(a, b Item) int { return strings.Compare(a.ID, b.ID) })
	return fail(items, "Patterns in the call records that look like possible fraud: %d.%s", len(incidents), basis)
}

// callBasis says what the call checks looked at: which window of history was
// read, and which business hours the out-of-hours check used.
func callBasis(inv *inventory.Inventory, hours string) string {
	var b strings.Builder
	switch src := inv.Source; {
	case src.CallDays > 0 && !src.CallsSince.IsZero():
		fmt.Fprintf(&b, " Call history read: the last %s, since %s.", plural(src.CallDays, "day", "days"), src.CallsSince.Format("2 Jan 2006"))
	case len(inv.Calls) > 0:
		first, last := inv.Calls[0].Start, inv.Calls[0].Start
		for _, c := range inv.Calls {
			if !c.Start.IsZero() && (first.IsZero() || c.Start.Before(first)) {
				first = c.Start
			}
			if c.Start.After(last) {
				last = c.Start
			}
		}
		if !first.IsZero() {
			fmt.Fprintf(&b, " The calls run from %s to %s.", first.Format("2 Jan 2006"), last.Format("2 Jan 2006"))
		}
	}
	if hours == "" {
		fmt.Fprintf(&b, " Out-of-hours calls were judged against %s UK time, assumed because your business hours were never given; give yours with ringfence audit --hours \"Mon-Sat 07:30-17:00\" or on the app's call-records screen.", DefaultHours())
	} else {
		fmt.Fprintf(&b, " Business hours used: %s UK time.", hours)
	}
	return b.String()
}

func incidentLabel(in callscan.Incident) string {
	who := "Extension " + strings.Join(in.Extensions, ", ")
	if len(in.Extensions) > 1 {
		who = "Extensions " + strings.Join(in.Extensions, ", ")
	}
	when := in.Start.Format("2 Jan 2006 15:04")
	if in.Destination != "" {
		return fmt.Sprintf("%s to %s, from %s", who, in.Destination, when)
	}
	return fmt.Sprintf("%s, from %s", who, when)
}
