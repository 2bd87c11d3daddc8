package core

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

var now = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// fakeSource hands back a fixed inventory and account, and counts its reads.
type fakeSource struct {
	mu      sync.Mutex
	inv     inventory.Inventory
	account []string
	err     error
	reads   int
	opened  []checklist.Site
}

func (f *fakeSource) open(site checklist.Site) (Source, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opened = append(f.opened, site)
	return f, nil
}

func (f *fakeSource) Fetch(ctx context.Context) (Fetched, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	if err := ctx.Err(); err != nil {
		return Fetched{}, err
	}
	return Fetched{Inventory: f.inv, Account: f.account}, f.err
}

func twoLines() inventory.Inventory {
	return inventory.Inventory{
		Source: inventory.SourceInfo{Connector: "fake", FetchedAt: now, Collected: []inventory.Facet{inventory.FacetExtensions}},
		Extensions: []inventory.Extension{
			{Number: "101", Name: "Jo Whitaker", Enabled: true, Type: inventory.ExtUser},
			{Number: "102", Name: "Bob Smith", Enabled: true, Type: inventory.ExtUser},
		},
	}
}

// newStore makes a store with one site, connected to a fake source.
func newStore(t *testing.T) *sitestore.Store {
	t.Helper()
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateSite(checklist.Site{Name: "Acme Dental", Connector: checklist.ConnectorSettings{Kind: "fake", URL: "https://pbx.example"}}); err != nil {
		t.Fatal(err)
	}
	return store
}

func resultOf(a *checklist.Audit, id string) checklist.Result {
	for _, r := range a.Results {
		if r.CheckID == id {
			return r
		}
	}
	return checklist.Result{}
}

// failingAnswer finds a question and the answer that makes its check fail,
// so the tests do not depend on one check's wording.
func failingAnswer(t *testing.T, cat *checklist.Catalogue) (string, checklist.Answer) {
	t.Helper()
	for _, ch := range cat.Checks {
		if ch.Automated || ch.Question == nil {
			continue
		}
		for _, o := range ch.Question.Options {
			if o.Status == checklist.StatusFail {
				return ch.ID, checklist.Answer{Value: o.Value}
			}
		}
	}
	t.Fatal("the catalogue has no question that can fail")
	return "", checklist.Answer{}
}

var errFetch = errors.New("the phone system said no")
