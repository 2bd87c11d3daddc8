package tui

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
)

// raceSource is a phone system that answers, while another Ringfence saves
// a site of the same name during the connection test.
type raceSource struct{ meanwhile func() error }

func (raceSource) Name() string { return "tuirace" }
func (raceSource) Fetch(context.Context, func(connectors.Progress)) (connectors.Result, error) {
	return connectors.Result{}, nil
}
func (r raceSource) Test(context.Context) error { return r.meanwhile() }

func raceKind(meanwhile func() error) connectors.Kind {
	return connectors.Kind{
		Name: "tuirace", Title: "Racing PBX", LeastPrivilege: "a read-only account.",
		Settings: []connectors.Setting{{Key: connectors.KeyURL, Label: "Address", Type: connectors.Address, Required: true}},
		New:      func(checklist.Site, string) (connectors.Source, error) { return raceSource{meanwhile}, nil },
	}
}

func harnessWithKinds(t *testing.T, store *sitestore.Store, kinds connectors.Registry) *harness {
	opts := Options{Store: store, Connectors: kinds, Secrets: noKeyring{}, Catalogue: checklist.Builtin(), Now: func() time.Time { return fixedNow }}
	hs := &harness{t: t, app: newApp(t.Context(), opts, false), store: store}
	hs.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	hs.run(hs.app.Init())
	t.Cleanup(func() { hs.app.sh.sess.close() })
	return hs
}

// addSite fills in the new-site form: name, contact and, unless kind is
// empty, the connector and its address.
func addSite(h *harness, kinds connectors.Registry, name, kind string) {
	h.press("n")
	h.typeText(name)
	h.press("enter")
	h.typeText("Jo")
	h.press("enter")
	for i, k := range kinds.Sorted() {
		if k.Name == kind {
			for range i + 1 {
				h.press("down")
			}
		}
	}
	h.press("enter")
	if kind != "" {
		h.typeText("https://pbx.example")
		h.press("enter")
	}
}

// The app's new-site form follows the same rule as 'connect --create': a
// name already saved, in any case, is refused naming the saved site, which
// is left as it was.
func TestTheNewSiteFormRefusesATakenName(t *testing.T) {
	t.Parallel()
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateSite(checklist.Site{Name: "Acme Dental", Contact: "Sam"}); err != nil {
		t.Fatal(err)
	}
	h := harnessWithKinds(t, store, testKinds)
	addSite(h, testKinds, "ACME dental", "")
	if _, ok := h.top().(*newSite); !ok {
		t.Fatalf("a taken name should keep the form open, got %T", h.top())
	}
	h.mustSee(`"Acme Dental" already exists`)
	if s, err := store.Site("Acme Dental"); err != nil || s.Contact != "Sam" || s.Name != "Acme Dental" {
		t.Errorf("the saved site must be left as it was: %+v %v", s, err)
	}
}

// A site of the same name saved by another Ringfence while the app tests the
// connection is not taken over: the app refuses, as the command line does.
func TestTheNewSiteFormRefusesANameTakenDuringTheTest(t *testing.T) {
	t.Parallel()
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	kinds := append(connectors.Registry{}, testKinds...)
	kinds = append(kinds, raceKind(func() error {
		return store.CreateSite(checklist.Site{Name: "harbour vets", Contact: "Sam"})
	}))
	h := harnessWithKinds(t, store, kinds)
	addSite(h, kinds, "Harbour Vets", "tuirace")
	if _, ok := h.top().(*newSite); !ok {
		t.Fatalf("a taken name should keep the form open, got %T\n%s", h.top(), h.screen())
	}
	h.mustSee(`"harbour vets" already exists`)
	if s, err := store.Site("Harbour Vets"); err != nil || s.Contact != "Sam" || s.Connector.Kind != "" {
		t.Errorf("the site saved meanwhile must be left as it was: %+v %v", s, err)
	}
}
