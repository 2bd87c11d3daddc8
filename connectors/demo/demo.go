// Package demo is the built-in demo company: a small UK business whose phone
// system has the problems Ringfence is meant to find. Trainers show it on a
// projector and business owners try it before pointing Ringfence at their own
// system. It reads only embedded data and touches nothing real.
package demo

import (
	"context"
	"sync"
	"time"

	"github.com/ringfence/ringfence/checklist"
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
var facets = []checklist.Facet{
	checklist.FacetPBX, checklist.FacetStaff, checklist.FacetExtensions,
	checklist.FacetVoicemail, checklist.FacetDevices, checklist.FacetAdmins,
	checklist.FacetDialling, checklist.FacetTrunks, checklist.FacetCalls,
}

// Fetch reads the inventory; the parts that could not be read are its gaps.
func (s *Source) Fetch(ctx context.Context, progress func(connectors.Progress)) (connectors.Result, error) {
	inv, err := s.fetch(ctx, progress)
	return connectors.Result{Inventory: inv}, err
}

// fetch builds a fresh inventory on each call, so a caller may change what it gets
// without changing the next one. It stops with ctx.Err() once ctx is done.
func (s *Source) fetch(ctx context.Context, progress func(connectors.Progress)) (checklist.Inventory, error) {
	if err := ctx.Err(); err != nil {
		return checklist.Inventory{}, err
	}
	c, err := loadStory()
	if err != nil {
		return checklist.Inventory{}, err
	}
	t := newTimeline(s.now)
	inv := checklist.Inventory{
		Source: checklist.SourceInfo{
			Connector: s.Name(),
			Detail:    "embedded demo company",
			FetchedAt: s.now,
			Collected: append([]checklist.Facet(nil), facets...),
		},
	}
	for i, f := range facets {
		if err := ctx.Err(); err != nil {
			return checklist.Inventory{}, err
		}
		switch f {
		case checklist.FacetPBX:
			inv.PBX = c.pbx()
		case checklist.FacetStaff:
			inv.Staff = c.staff(t)
		case checklist.FacetExtensions:
			inv.Extensions = c.extensions(t)
		case checklist.FacetVoicemail:
			inv.Voicemail = c.voicemail()
		case checklist.FacetDevices:
			inv.Devices = c.devices(t)
		case checklist.FacetAdmins:
			inv.Admins = c.admins()
		case checklist.FacetDialling:
			inv.Dialling = c.dialling()
		case checklist.FacetTrunks:
			inv.Trunks = c.trunks()
		case checklist.FacetCalls:
			inv.Calls = c.calls(t, inv.Staff)
		}
		if progress != nil {
			progress(connectors.Progress{Step: string(f), Done: i + 1, Total: len(facets)})
		}
	}
	return inv, nil
}
