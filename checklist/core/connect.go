package core

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// Connect saves a site's connector settings once test, a read of the phone
// system with them, has worked; nothing is saved when it fails. A new site
// is created; if another Ringfence created the same site during the test,
// that one is connected. An existing site is re-read under its lock and only
// its connector and the site's certificate pins (one per host) change, so
// anything saved meanwhile (business hours, say) is kept.
func Connect(ctx context.Context, store *sitestore.Store, site checklist.Site, isNew bool, test func(context.Context) error) error {
	if err := test(ctx); err != nil {
		return err
	}
	if isNew {
		err := store.CreateSite(site)
		if !errors.Is(err, sitestore.ErrSiteExists) {
			return err
		}
		// A name merely too alike to a saved one is refused, not merged.
		if existing, rerr := store.Site(site.Name); rerr != nil || !strings.EqualFold(existing.Name, site.Name) {
			return err
		}
	}
	_, err := store.UpdateSite(site.Name, func(cur *checklist.Site) error {
		cur.Connector = site.Connector
		for _, p := range site.Pins {
			cur.Pins = slices.DeleteFunc(cur.Pins, func(q checklist.PinnedCert) bool { return strings.EqualFold(q.Host, p.Host) })
			cur.Pins = append(cur.Pins, p)
		}
		return nil
	})
	return err
}
