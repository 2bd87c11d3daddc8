package checklist

import (
	"fmt"
	"time"

	"github.com/ringfence/ringfence/checklist/callscan"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/reconcile"
)

// WithStaff returns the inventory with the business's staff list in it, so the
// leaver checks can use it.
func WithStaff(inv inventory.Inventory, staff []inventory.StaffMember) inventory.Inventory {
	inv.Staff = staff
	if !inv.Has(inventory.FacetStaff) {
		inv.Source.Collected = append(append([]inventory.Facet{}, inv.Source.Collected...), inventory.FacetStaff)
	}
	return inv
}

// SetStaff replaces the audit's staff list and re-judges the checks.
func (a *Audit) SetStaff(cat *Catalogue, staff []inventory.StaffMember, now time.Time) {
	a.Inventory = WithStaff(a.Inventory, staff)
	a.record(now, "Staff list updated (%d people)", len(staff))
	a.Recompute(cat, now)
}

// Leavers reconciles the audit's extensions with its staff list, honouring the
// decisions already made.
func (a *Audit) Leavers(now time.Time) reconcile.Report {
	return reconcile.Reconcile(&a.Inventory, a.Inventory.Staff, a.LeaverDecisions, now)
}

// DecideMatch records a person's ruling on which staff member an extension
// belongs to (or that it is shared) and re-judges the checks.
func (a *Audit) DecideMatch(cat *Catalogue, extension string, d reconcile.Decision, now time.Time) {
	if a.LeaverDecisions == nil {
		a.LeaverDecisions = make(reconcile.Decisions)
	}
	a.LeaverDecisions[extension] = d
	a.record(now, "Decided who extension %s belongs to (%s)", extension, d.Verdict)
	a.Recompute(cat, now)
}

// CallScanConfig tells the call-record analysis what the audit knows: which
// countries may be called, the call limit, who has left and when, and the
// business hours.
func (a *Audit) CallScanConfig(now time.Time) callscan.Config {
	var leavers *reconcile.Report
	if a.Inventory.Has(inventory.FacetExtensions) && a.Inventory.Has(inventory.FacetStaff) {
		rep := a.Leavers(now)
		leavers = &rep
	}
	return callScanConfig(&a.Inventory, leavers, a.Hours)
}

// callScanConfig builds the configuration from a reconciliation already made;
// leavers is nil when there is no staff list.
func callScanConfig(inv *inventory.Inventory, leavers *reconcile.Report, hours string) callscan.Config {
	var cfg callscan.Config
	if h, err := callscan.ParseHours(hours); hours != "" && err == nil {
		cfg.Hours = h
	}
	if d := inv.Dialling; d != nil {
		if !d.InternationalOpen {
			cfg.AllowedCountries = append([]string{}, d.AllowedCountries...)
		}
		cfg.MaxConcurrentCalls = d.MaxConcurrentCalls
	}
	if leavers != nil {
		cfg.Leavers = make(map[string]time.Time, len(leavers.Leavers))
		for _, l := range leavers.Leavers {
			cfg.Leavers[l.Extension] = l.Left
		}
	}
	return cfg
}

// RecordCallReview answers MON-02 from an analysis of call records kept outside
// the phone system (an export file). The phone system's own call records, when
// the inventory has them, still decide MON-02 first.
func (a *Audit) RecordCallReview(cat *Catalogue, source string, incidents int, now time.Time) error {
	ans := Answer{Value: "yes", Reason: fmt.Sprintf("Call records in %s checked by Ringfence on %s: nothing unusual.", source, now.Format("2 Jan 2006"))}
	if incidents > 0 {
		ans = Answer{Value: "found", Reason: fmt.Sprintf("Call records in %s checked by Ringfence on %s: %s.", source, now.Format("2 Jan 2006"), plural(incidents, "possible fraud pattern", "possible fraud patterns"))}
	}
	return a.SetAnswer(cat, "MON-02", ans, now)
}

// NormaliseHours checks business hours written by a person and returns them in
// the standard form ("Mon-Fri 08:00-18:00"), or an error saying what is wrong.
func NormaliseHours(hours string) (string, error) {
	h, err := callscan.ParseHours(hours)
	if err != nil {
		return "", err
	}
	return h.String(), nil
}

// DefaultHours is the business week assumed until a site gives its own.
func DefaultHours() string { return callscan.DefaultHours().String() }

// SetHours records the site's business hours and re-judges the checks.
func (a *Audit) SetHours(cat *Catalogue, hours string, now time.Time) error {
	h, err := NormaliseHours(hours)
	if err != nil {
		return err
	}
	a.Hours = h
	a.record(now, "Business hours set to %s", h)
	a.Recompute(cat, now)
	return nil
}
