package core

import (
	"context"
	"fmt"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// Fetched is what a source read: the inventory, and the account of what it
// left out (skipped lines of a file, parts of a phone system it could not
// read), one plain line each.
type Fetched struct {
	Inventory inventory.Inventory
	Account   []string
}

// Source reads a site's phone system or inventory file. Progress reporting is
// bound in when the source is made, since only the front end shows it.
type Source interface {
	Fetch(ctx context.Context) (Fetched, error)
}

// Opener makes the source for a site's connector settings. It is only called
// for a site that has a connector.
type Opener func(checklist.Site) (Source, error)

// AuditRun says which site to audit and what to add to the new audit. The
// zero value of every field but Site and Open changes nothing.
type AuditRun struct {
	Site string
	Open Opener
	// CSVFile reads the inventory from this file this time and makes the site
	// remember it.
	CSVFile string
	// Hours are business hours, already normalised, for this audit and the
	// site from now on.
	Hours   string
	Auditor string
	// Answers are added on top of those carried over.
	Answers checklist.Answers
	// Staff replaces the staff list when not nil.
	Staff []inventory.StaffMember
}

// Started is a new audit as saved, with its Baseline (nil when no audit
// comes from an earlier day) and the account of what the fetch left out.
type Started struct {
	Site     checklist.Site
	Audit    *checklist.Audit
	Previous *checklist.Audit
	Account  []string
}

// answersOnly is the inventory of a site with no connector: it is audited
// from answers alone.
func answersOnly(now time.Time) inventory.Inventory {
	return inventory.Inventory{Source: inventory.SourceInfo{Connector: "answers only", FetchedAt: now}}
}

// fetch reads the site's source, or nothing for a site with no connector.
func fetch(ctx context.Context, site checklist.Site, open Opener, now time.Time) (Fetched, error) {
	if site.Connector.Kind == "" {
		return Fetched{Inventory: answersOnly(now)}, nil
	}
	if open == nil {
		return Fetched{}, fmt.Errorf("site %q has a %s connector, but nothing here can open it", site.Name, site.Connector.Kind)
	}
	if err := fileInFull(site); err != nil {
		return Fetched{}, err
	}
	src, err := open(site)
	if err != nil {
		return Fetched{}, err
	}
	return src.Fetch(ctx)
}

// StartAudit reads the site's phone system and saves a new audit that carries
// on from the latest one as it is once the phone system has answered, so a
// run never loses what someone decided meanwhile in another window.
func StartAudit(ctx context.Context, store *sitestore.Store, cat *checklist.Catalogue, run AuditRun, now time.Time) (Started, error) {
	site, err := store.Site(run.Site)
	if err != nil {
		return Started{}, err
	}
	if run.CSVFile != "" {
		site.Connector = checklist.ConnectorSettings{Kind: "csv", File: run.CSVFile}
	}
	got, err := fetch(ctx, site, run.Open, now)
	if err != nil {
		return Started{}, err
	}
	if run.CSVFile != "" || run.Hours != "" {
		if site, err = store.UpdateSite(site.Name, func(s *checklist.Site) error {
			if run.CSVFile != "" {
				s.Connector = site.Connector
			}
			if run.Hours != "" {
				s.Hours = run.Hours
			}
			return nil
		}); err != nil {
			return Started{}, err
		}
	}
	out := Started{Account: got.Account}
	out.Audit, err = store.StartAudit(site.Name, func(current checklist.Site, latest *checklist.Audit) (*checklist.Audit, error) {
		out.Site, out.Previous = current, latest
		a := checklist.ContinueAudit(cat, current, got.Inventory, latest, now)
		a.Auditor = run.Auditor
		for id, ans := range run.Answers {
			ans.At = now
			a.Answers[id] = ans
		}
		if run.Staff != nil {
			a.Inventory = checklist.WithStaff(a.Inventory, run.Staff)
		}
		a.Recompute(cat, now)
		return a, nil
	})
	if err != nil {
		return Started{}, err
	}
	if out.Previous, err = Baseline(store, site.Name, out.Audit); err != nil {
		return Started{}, err
	}
	return out, nil
}

// Latest is a site's latest audit and its Baseline, for comparing; both nil
// when the site has never been audited.
func Latest(store *sitestore.Store, site string) (latest, previous *checklist.Audit, err error) {
	refs, err := store.Audits(site)
	if err != nil {
		return nil, nil, err
	}
	n := len(refs)
	if n == 0 {
		return nil, nil, nil
	}
	if latest, err = store.LoadAudit(site, refs[n-1]); err != nil {
		return nil, nil, err
	}
	if previous, err = Baseline(store, site, latest); err != nil {
		return nil, nil, err
	}
	return latest, previous, nil
}

// Changes compares an audit with the one before it; nil when there is none.
func Changes(a, previous *checklist.Audit) checklist.Comparison {
	if a == nil || previous == nil {
		return checklist.Comparison{}
	}
	return checklist.CompareAudits(previous, a)
}

// Earlier lists a site's audits started before current, oldest first: those
// the user may pick to compare with.
func Earlier(store *sitestore.Store, site string, current *checklist.Audit) ([]sitestore.AuditRef, error) {
	refs, err := store.Audits(site)
	if err != nil || current == nil {
		return nil, err
	}
	var out []sitestore.AuditRef
	for _, r := range refs {
		if r.Started.Before(current.Started) {
			out = append(out, r)
		}
	}
	return out, nil
}

// Baseline is what an audit is compared with: the last audit started on an
// earlier day, that is the last visit. Every run saves an audit, so the one
// just before is often minutes old and would show no change at all. Nil
// when every earlier audit is from the same day; the app lets the user pick
// one of those instead.
func Baseline(store *sitestore.Store, site string, current *checklist.Audit) (*checklist.Audit, error) {
	refs, err := Earlier(store, site, current)
	if err != nil {
		return nil, err
	}
	day := func(t time.Time) time.Time {
		y, m, d := t.In(time.Local).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	}
	today := day(current.Started)
	for i := len(refs) - 1; i >= 0; i-- {
		if day(refs[i].Started).Before(today) {
			return store.LoadAudit(site, refs[i])
		}
	}
	return nil, nil
}
