package core

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// NameTakenError refuses a new site whose name is already saved, or so close
// to a saved one (case, accents, punctuation) that both would share a
// folder. Existing is the saved site's name, so the user can find it.
type NameTakenError struct {
	Name, Existing string
}

func (e *NameTakenError) Error() string {
	if strings.EqualFold(strings.TrimSpace(e.Name), e.Existing) {
		return fmt.Sprintf("A site called %q already exists. Choose another name, or open that site.", e.Existing)
	}
	return fmt.Sprintf("The name %q is too close to the existing site %q to tell their folders apart. Choose another name, or open that site.", e.Name, e.Existing)
}

func (e *NameTakenError) Unwrap() error { return sitestore.ErrSiteExists }

// taken explains a refused creation by naming the site already saved there.
func taken(store *sitestore.Store, name string, err error) error {
	if !errors.Is(err, sitestore.ErrSiteExists) {
		return err
	}
	existing, rerr := store.Site(name)
	if rerr != nil {
		return err
	}
	return &NameTakenError{Name: name, Existing: existing.Name}
}

// NameFree refuses a new site whose name is taken, so a front end can say so
// before asking for a secret or reading the phone system. Connect checks
// again, and CreateSite once more under the lock, which is what counts.
func NameFree(store *sitestore.Store, name string) error {
	existing, err := store.Site(name)
	switch {
	case err == nil:
		return &NameTakenError{Name: name, Existing: existing.Name}
	case errors.Is(err, sitestore.ErrNoSite):
		return nil
	}
	// A damaged site.json still holds the name: CreateSite will say so.
	return nil
}

// Connect saves a site's connector settings once test, a read of the phone
// system with them, has worked; nothing is saved when it fails or the user
// cancels. test may be nil for a new site with no phone system to read.
//
// Creating a new site is exclusive: a name already saved, or saved by
// another Ringfence while the test ran, is refused with a NameTakenError and
// that site is left untouched, since two people naming two businesses alike
// must never end up sharing one site. Reconnecting an existing site re-reads
// it under its lock and changes only its connector and the certificate pins
// given (one per host), so anything saved meanwhile (business hours, say) is
// kept; a site deleted meanwhile is not brought back.
func Connect(ctx context.Context, store *sitestore.Store, site checklist.Site, isNew bool, test func(context.Context) error) error {
	if isNew {
		if err := NameFree(store, site.Name); err != nil {
			return err
		}
	}
	if test != nil {
		if err := test(ctx); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if isNew {
		return taken(store, site.Name, store.CreateSite(site))
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
