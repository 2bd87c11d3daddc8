package checklist

import (
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// RecordExposure keeps a probe of the phone system's address with the audit,
// replacing any earlier one, and re-judges the checks that rest on it. A probe
// stopped before it tried any port is recorded as a gap, with the reason.
func (a *Audit) RecordExposure(cat *Catalogue, x inventory.Exposure, now time.Time) {
	a.Inventory = withExposure(a.Inventory, x)
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

// withExposure gives an inventory a probe, collected, or as a gap when the
// probe tried no port.
func withExposure(inv inventory.Inventory, x inventory.Exposure) inventory.Inventory {
	inv.Exposure = &x
	inv.Source.Gaps = withoutGap(inv.Source.Gaps, inventory.FacetExposure)
	inv.Source.Collected = append([]inventory.Facet(nil), inv.Source.Collected...)
	if !inv.Has(inventory.FacetExposure) {
		inv.Source.Collected = append(inv.Source.Collected, inventory.FacetExposure)
	}
	tried := 0
	for _, p := range x.Ports {
		if p.Checked {
			tried++
		}
	}
	if tried == 0 {
		inv.AddGap(inventory.FacetExposure, "the probe was stopped before it tried any port")
	}
	return inv
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
