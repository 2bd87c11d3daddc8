package core

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/reconcile"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// IncidentFacts is what Ringfence knows about a site's accounts for the
// breach steps, and where it came from, in one plain line.
type IncidentFacts struct {
	Known breach.Known
	From  string
}

// IncidentKnown gathers which accounts to name in the first steps: admins and
// leavers' live extensions from the site's phone system, read-only as
// always (or, when it cannot be read, from the latest audit), and the
// extensions the incident's call findings point at. A phone system that
// cannot be read is said in From, never an error: the steps matter more.
func IncidentKnown(ctx context.Context, store *sitestore.Store, site string, open Opener, inc *breach.Incident, now time.Time) (IncidentFacts, error) {
	var out IncidentFacts
	if inc != nil && inc.Calls != nil {
		out.Known.Suspect = slices.Clone(inc.Calls.Extensions)
	}
	s, err := store.Site(site)
	if err != nil {
		return out, err
	}
	latest, err := store.LatestAudit(s.Name)
	if err != nil {
		latest = nil // a damaged audit must not hold up the breach steps
	}
	var inv *inventory.Inventory
	var decisions reconcile.Decisions
	var staff []inventory.StaffMember
	if latest != nil {
		inv, decisions, staff = &latest.Inventory, latest.LeaverDecisions, latest.Inventory.Staff
		out.From = fmt.Sprintf("From the last audit, on %s.", latest.Started.Format("2 Jan 2006"))
	}
	if s.Connector.Kind != "" && open != nil {
		got, ferr := fetch(ctx, s, open, now)
		if ferr == nil {
			inv = &got.Inventory
			out.From = fmt.Sprintf("Read from the phone system just now (%s).", s.Connector.Kind)
			if s.Connector.Kind == "csv" {
				out.From = "Read from the site's inventory file just now."
			}
		} else if inv != nil {
			out.From = fmt.Sprintf("The phone system could not be read (%v), so this is from the last audit, on %s.", ferr, latest.Started.Format("2 Jan 2006"))
		} else {
			out.From = fmt.Sprintf("The phone system could not be read (%v).", ferr)
		}
	}
	if inv == nil {
		return out, nil
	}
	for _, a := range inv.Admins {
		if a.Enabled {
			out.Known.Admins = append(out.Known.Admins, a.Username)
		}
	}
	if len(staff) > 0 && inv.Has(inventory.FacetExtensions) {
		withStaff := checklist.WithStaff(*inv, staff)
		rep := reconcile.Reconcile(&withStaff, staff, decisions, now)
		for _, l := range rep.Leavers {
			if l.ExtensionEnabled {
				out.Known.Leavers = append(out.Known.Leavers, l.Extension+" ("+l.Name+")")
			}
		}
	}
	return out, nil
}
