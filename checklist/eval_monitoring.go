package checklist

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ringfence/ringfence/checklist/callscan"
)

func init() {
	register("MON-02", []fact{callsWithNumber}, callRecordsClean)
}

func callRecordsClean(f *Facts) Outcome {
	inv := f.Inventory
	a := callscan.New(callScanConfig(inv, f.leavers(), f.Hours))
	for _, c := range inv.Calls {
		a.Add(c)
	}
	incidents := a.Incidents()
	if len(incidents) == 0 {
		return pass("Calls checked: %d. No premium-rate, high-risk, out-of-hours or unusual calling found.", len(inv.Calls))
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
	return fail(items, "Patterns in the call records that look like possible fraud: %d.", len(incidents))
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
