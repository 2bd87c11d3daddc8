package core

import (
	"fmt"
	"slices"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/reconcile"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// A Change is one decision a person made about an audit. It is applied to
// the audit on screen at once and to the audit on disk later, which another
// Ringfence may have changed since, so it sets only what the person chose,
// worked out before it runs, and never copies the rest of the audit.
type Change func(*checklist.Audit) error

// Answer answers a check's question.
func Answer(cat *checklist.Catalogue, id string, ans checklist.Answer, now time.Time) Change {
	return func(a *checklist.Audit) error { return a.SetAnswer(cat, id, ans, now) }
}

// Accept records a decision to live with a failed check until a date.
func Accept(cat *checklist.Catalogue, id string, acc checklist.Acceptance, now time.Time) Change {
	return func(a *checklist.Audit) error { return a.AcceptRisk(cat, id, acc, now) }
}

// Track sets an action's owner, due date and done date together.
func Track(cat *checklist.Catalogue, id string, t checklist.Tracking, now time.Time) Change {
	return func(a *checklist.Audit) error { a.Track(cat, id, t, now); return nil }
}

// MarkDone sets or clears an action's done date, leaving its owner and due
// date as they are on disk.
func MarkDone(cat *checklist.Catalogue, id string, done, now time.Time) Change {
	return func(a *checklist.Audit) error {
		t := a.Tracking[id]
		t.Done = done
		a.Track(cat, id, t, now)
		return nil
	}
}

// Assign sets an action's owner and due date, leaving its done date as it is
// on disk.
func Assign(cat *checklist.Catalogue, id, owner string, due, now time.Time) Change {
	return func(a *checklist.Audit) error {
		t := a.Tracking[id]
		t.Owner, t.Due = owner, due
		a.Track(cat, id, t, now)
		return nil
	}
}

// Hours sets the business hours the call checks judge against.
func Hours(cat *checklist.Catalogue, hours string, now time.Time) Change {
	return func(a *checklist.Audit) error { return a.SetHours(cat, hours, now) }
}

// Staff replaces the staff list the leaver checks compare with.
func Staff(cat *checklist.Catalogue, staff []inventory.StaffMember, now time.Time) Change {
	return func(a *checklist.Audit) error { a.SetStaff(cat, staff, now); return nil }
}

// Decide settles whether a line belongs to the person the staff list matched.
func Decide(cat *checklist.Catalogue, extension string, d reconcile.Decision, now time.Time) Change {
	return func(a *checklist.Audit) error { a.DecideMatch(cat, extension, d, now); return nil }
}

// Apply saves changes, in order, to the site's latest audit under the site's
// lock and returns the audit as saved.
func Apply(store *sitestore.Store, site string, changes ...Change) (*checklist.Audit, error) {
	return store.UpdateAudit(site, func(a *checklist.Audit) error {
		for _, c := range changes {
			if err := c(a); err != nil {
				return err
			}
		}
		return nil
	})
}

// Mark says what one line is: a person's, or a role or shared line.
type Mark struct {
	Extension string
	Verdict   reconcile.Verdict
}

// MarkLines records what lines are. Every number is checked before anything
// changes, so a typo leaves the audit as it was.
func MarkLines(cat *checklist.Catalogue, marks []Mark, now time.Time) Change {
	return func(a *checklist.Audit) error {
		for _, m := range marks {
			if !slices.ContainsFunc(a.Inventory.Extensions, func(e inventory.Extension) bool { return e.Number == m.Extension }) {
				return fmt.Errorf("extension %s is not in the last audit of %s: check the number against your phone system, or run a new audit if the line is new", m.Extension, a.Site)
			}
		}
		for _, m := range marks {
			a.DecideMatch(cat, m.Extension, reconcile.Decision{Verdict: m.Verdict}, now)
		}
		return nil
	}
}

// Leavers compares an audit's lines with a staff list, honouring the matches
// already decided; a nil staff list means the one the audit holds.
func Leavers(a *checklist.Audit, staff []inventory.StaffMember, now time.Time) reconcile.Report {
	if staff == nil {
		staff = a.Inventory.Staff
	}
	return reconcile.Reconcile(&a.Inventory, staff, a.LeaverDecisions, now)
}

// Probe records a probe of the phone system's address with the audit.
func Probe(cat *checklist.Catalogue, x inventory.Exposure, now time.Time) Change {
	return func(a *checklist.Audit) error { a.RecordExposure(cat, x, now); return nil }
}

// RecordProbe saves a probe with a saved site's latest audit, under the
// site's lock, so anything saved while the probe ran is kept.
func RecordProbe(store *sitestore.Store, cat *checklist.Catalogue, site string, x inventory.Exposure, now time.Time) (*checklist.Audit, error) {
	return Apply(store, site, Probe(cat, x, now))
}
