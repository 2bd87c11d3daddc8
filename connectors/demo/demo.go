// Package demo is the built-in demo company: a small UK business whose phone
// system has the problems Ringfence is meant to find. Trainers show it on a
// projector and business owners try it before pointing Ringfence at their own
// system. It reads only embedded data and touches nothing real.
package demo

import (
	"context"
	"sync"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
)

// SiteName is the name of the fictional business.
const SiteName = "Brightwater Kitchens Ltd"

// Source serves the demo company's inventory.
type Source struct {
	now time.Time
}

var _ connectors.Source = (*Source)(nil)

// New returns the demo company as it stands at now. Every date in it is worked out
// from now ("left 21 days ago"), so the story holds on any day; see company.yaml
// for how offsets become dates.
func New(now time.Time) *Source { return &Source{now: now} }

// Name is the connector's short name.
func (s *Source) Name() string { return "demo" }

var loadStory = sync.OnceValues(func() (*company, error) { return loadCompany(companyYAML) })

// facets is the order in which Fetch reports progress; the demo has them all.
var facets = []inventory.Facet{
	inventory.FacetPBX, inventory.FacetStaff, inventory.FacetExtensions,
	inventory.FacetVoicemail, inventory.FacetDevices, inventory.FacetAdmins,
	inventory.FacetDialling, inventory.FacetTrunks, inventory.FacetCalls,
}

// Fetch reads the inventory; the parts that could not be read are its gaps.
func (s *Source) Fetch(ctx context.Context, progress func(connectors.Progress)) (connectors.Result, error) {
	inv, err := s.fetch(ctx, progress)
	return connectors.Result{Inventory: inv}, err
}

// fetch builds a fresh inventory on each call, so a caller may change what it gets
// without changing the next one. It stops with ctx.Err() once ctx is done.
func (s *Source) fetch(ctx context.Context, progress func(connectors.Progress)) (inventory.Inventory, error) {
	if err := ctx.Err(); err != nil {
		return inventory.Inventory{}, err
	}
	c, err := loadStory()
	if err != nil {
		return inventory.Inventory{}, err
	}
	t := newTimeline(s.now)
	inv := inventory.Inventory{
		Source: inventory.SourceInfo{
			Connector: s.Name(),
			Detail:    "embedded demo company",
			FetchedAt: s.now,
			Collected: append([]inventory.Facet(nil), facets...),
		},
	}
	for i, f := range facets {
		if err := ctx.Err(); err != nil {
			return inventory.Inventory{}, err
		}
		switch f {
		case inventory.FacetPBX:
			inv.PBX = c.pbx()
		case inventory.FacetStaff:
			inv.Staff = c.staff(t)
		case inventory.FacetExtensions:
			inv.Extensions = c.extensions(t)
		case inventory.FacetVoicemail:
			inv.Voicemail = c.voicemail()
		case inventory.FacetDevices:
			inv.Devices = c.devices(t)
		case inventory.FacetAdmins:
			inv.Admins = c.admins()
		case inventory.FacetDialling:
			inv.Dialling = c.dialling()
		case inventory.FacetTrunks:
			inv.Trunks = c.trunks()
		case inventory.FacetCalls:
			inv.Calls = c.calls(t, inv.Staff)
		}
		if progress != nil {
			progress(connectors.Progress{Step: string(f), Done: i + 1, Total: len(facets)})
		}
	}
	return inv, nil
}
