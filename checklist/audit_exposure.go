package checklist

import (
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// RecordExposure keeps a probe of the phone system's address with the audit,
// replacing any earlier one, and re-judges the checks that rest on it. A probe
// stopped before it tried any port is recorded as a gap, with the reason.
func (a *Audit) RecordExposure(cat *Catalogue, x inventory.Exposure, now time.Time) {
	a.Inventory.Exposure = &x
	a.Inventory.Source.Gaps = withoutGap(a.Inventory.Source.Gaps, inventory.FacetExposure)
	tried := 0
	for _, p := range x.Ports {
		if p.Checked {
			tried++
		}
	}
	if !a.Inventory.Has(inventory.FacetExposure) {
		a.Inventory.Source.Collected = append(a.Inventory.Source.Collected, inventory.FacetExposure)
	}
	if tried == 0 {
		a.Inventory.AddGap(inventory.FacetExposure, "the probe was stopped before it tried any port")
	}
	where := "from inside the office"
	switch {
	case x.InternetView():
		where = "from outside the office"
	case x.From == inventory.VantageUnsaid:
		where = "from a place not stated"
	}
	a.record(now, "Probed %s (%s) %s", x.Host, firstNonEmpty(x.Address, "address unknown"), where)
	a.Recompute(cat, now)
}

func withoutGap(gaps []inventory.Gap, f inventory.Facet) []inventory.Gap {
	kept := gaps[:0:0]
	for _, g := range gaps {
		if g.Facet != f {
			kept = append(kept, g)
		}
	}
	return kept
}
