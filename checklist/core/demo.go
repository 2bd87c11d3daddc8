package core

import (
	"context"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// Demo builds the demo company's audit in memory from its source and its own
// answers: it is never saved, so nothing real is touched.
func Demo(ctx context.Context, cat *checklist.Catalogue, name string, src Source, answers checklist.Answers, now time.Time) (*checklist.Audit, error) {
	got, err := src.Fetch(ctx)
	if err != nil {
		return nil, err
	}
	a := checklist.NewAudit(cat, name, got.Inventory, answers, now)
	a.Demo = true
	return a, nil
}

// SaveDemoAs keeps a demo audit as the first audit of a new site called
// name, for a trainer who wants to keep what a workshop did. Like any new
// site it is exclusive: a name already saved is refused with a
// NameTakenError and that site is left untouched. a becomes the saved audit,
// so pass a copy of one still in use. Nothing is saved for a site whose
// creation failed; if the audit cannot be written the site stays, empty,
// and the error says why.
func SaveDemoAs(store *sitestore.Store, name string, a *checklist.Audit, now time.Time) (checklist.Site, *checklist.Audit, error) {
	name = strings.TrimSpace(name)
	if err := NameFree(store, name); err != nil {
		return checklist.Site{}, nil, err
	}
	if err := store.CreateSite(checklist.Site{Schema: checklist.SiteSchema, Name: name, Created: now}); err != nil {
		return checklist.Site{}, nil, taken(store, name, err)
	}
	var site checklist.Site
	saved, err := store.StartAudit(name, func(s checklist.Site, _ *checklist.Audit) (*checklist.Audit, error) {
		site = s
		a.Site, a.Demo = s.Name, false
		return a, nil
	})
	if err != nil {
		return checklist.Site{}, nil, err
	}
	return site, saved, nil
}
