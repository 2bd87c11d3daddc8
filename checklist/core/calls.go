package core

import (
	"context"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/callscan"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// ScanFunc reads a file of call records and hands each call to add, stopping
// at the first error add returns. connectors/cdr provides one for files.
type ScanFunc func(add func(inventory.Call) error) error

// OwnCalls hands on the call records an audit's source already gave, such
// as the demo company's, so they can be reviewed like a file. A review of
// them finds what MON-02 found in the same audit.
func OwnCalls(calls []inventory.Call) ScanFunc {
	return func(add func(inventory.Call) error) error {
		for _, c := range calls {
			if err := add(c); err != nil {
				return err
			}
		}
		return nil
	}
}

// ReviewCalls runs the toll-fraud analysis over every call scan reads, with
// the settings the audit gives (allowed countries, leavers' lines, business
// hours). read, when not nil, is called after each call, for a progress
// count. Cancelling ctx stops the scan.
func ReviewCalls(ctx context.Context, cfg callscan.Config, scan ScanFunc, read func()) ([]callscan.Incident, error) {
	// A scan cancelled before it starts reads nothing; one cancelled later
	// stops within the scanner's hand-over batch.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	an := callscan.New(cfg)
	err := scan(func(c inventory.Call) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		an.Add(c)
		if read != nil {
			read()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return an.Incidents(), nil
}

// CallReview records a review of call records against MON-02.
func CallReview(cat *checklist.Catalogue, file string, incidents int, now time.Time) Change {
	return func(a *checklist.Audit) error { return a.RecordCallReview(cat, file, incidents, now) }
}

// RecordCalls records a review of call records against a saved site's latest
// audit. hours, when given, become the audit's and the site's business hours.
// Both are read again under the site's lock, so anything saved while the file
// was being scanned is kept.
func RecordCalls(store *sitestore.Store, cat *checklist.Catalogue, site, file string, incidents int, hours string, now time.Time) (*checklist.Audit, error) {
	if hours != "" {
		if _, err := store.UpdateSite(site, func(s *checklist.Site) error { s.Hours = hours; return nil }); err != nil {
			return nil, err
		}
	}
	var changes []Change
	if hours != "" {
		changes = append(changes, Hours(cat, hours, now))
	}
	return Apply(store, site, append(changes, CallReview(cat, file, incidents, now))...)
}
