package checklist

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// A check resting on two facts of one facet (EP-07 needs numbered extensions
// and their usage) must still give that facet's gap reason once: the same
// sentence twice reads as two problems.
func TestGapReasonIsSaidOnce(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	facets := []inventory.Facet{
		inventory.FacetExtensions, inventory.FacetVoicemail, inventory.FacetDevices, inventory.FacetAdmins,
		inventory.FacetDialling, inventory.FacetTrunks, inventory.FacetCalls, inventory.FacetStaff,
		inventory.FacetPBX, inventory.FacetExposure,
	}
	inv := inventory.Inventory{Source: inventory.SourceInfo{Connector: "kamailio", FetchedAt: now}}
	// Devices were read (and one is long unused), so some checks fail on what
	// is there while other facets are gaps: both paths of the engine are used.
	inv.Source.Collected = []inventory.Facet{inventory.FacetDevices}
	inv.Devices = []inventory.Device{{Kind: inventory.DeviceDeskPhone, Vendor: "Cisco", Model: "SPA504G", Firmware: "7.6.2", Owner: "1001", LastSeen: now.AddDate(-1, 0, 0)}}
	reasons := map[inventory.Facet]string{}
	for i, f := range facets {
		if f == inventory.FacetDevices {
			continue
		}
		reasons[f] = fmt.Sprintf("Gap reason number %d for %s", i, f)
		inv.AddGap(f, reasons[f])
	}
	cat := Builtin()
	for _, r := range Evaluate(cat, &inv, Answers{}, nil, now) {
		for f, reason := range reasons {
			if n := strings.Count(r.Evidence, reason); n > 1 {
				t.Errorf("%s (%s) gives the %s gap reason %d times: %s", r.CheckID, r.Status, f, n, r.Evidence)
			}
		}
	}
}
