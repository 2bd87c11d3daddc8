package core

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

func TestAFailedConnectionTestSavesNothing(t *testing.T) {
	store := newStore(t)
	site := checklist.Site{Name: "Harbour Vets", Connector: checklist.ConnectorSettings{Kind: "fake", URL: "https://pbx.example"}}
	err := Connect(t.Context(), store, site, true, func(context.Context) error { return errFetch })
	if !errors.Is(err, errFetch) {
		t.Fatalf("the test's error should come back, got %v", err)
	}
	if _, err := store.Site("Harbour Vets"); err == nil {
		t.Error("a site whose connection failed must not be saved")
	}
}

func TestConnectingAnExistingSiteKeepsWhatWasSavedMeanwhile(t *testing.T) {
	store := newStore(t)
	old := checklist.PinnedCert{Host: "old.example", SHA256: "aa"}
	if _, err := store.UpdateSite("Acme Dental", func(s *checklist.Site) error { s.Pins = []checklist.PinnedCert{old}; return nil }); err != nil {
		t.Fatal(err)
	}
	site, err := store.Site("Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	site.Connector = checklist.ConnectorSettings{Kind: "fake", URL: "https://new.example"}
	site.Pins = []checklist.PinnedCert{{Host: "new.example", SHA256: "bb"}}
	err = Connect(t.Context(), store, site, false, func(context.Context) error {
		// Another Ringfence saves the business hours while the test runs.
		_, err := store.UpdateSite("Acme Dental", func(s *checklist.Site) error { s.Hours = "Mon-Fri 08:00-18:00"; return nil })
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := store.Site("Acme Dental")
	if got.Hours != "Mon-Fri 08:00-18:00" || got.Connector.URL != "https://new.example" || len(got.Pins) != 2 {
		t.Errorf("the connector and new pin should be saved and the rest kept: %+v", got)
	}
}

func TestANewSiteIsCreatedOnceItsConnectionWorks(t *testing.T) {
	store := newStore(t)
	site := checklist.Site{Schema: checklist.SiteSchema, Name: "Harbour Vets", Connector: checklist.ConnectorSettings{Kind: "fake", URL: "https://pbx.example"}}
	if err := Connect(t.Context(), store, site, true, func(context.Context) error { return nil }); err != nil {
		t.Fatal(err)
	}
	got, err := store.Site("Harbour Vets")
	if err != nil || !reflect.DeepEqual(got.Connector, site.Connector) {
		t.Errorf("the new site should be saved with its connector: %+v %v", got, err)
	}
}

func TestTheDemoIsBuiltInMemoryFromItsSource(t *testing.T) {
	src := &fakeSource{inv: twoLines()}
	a, err := Demo(t.Context(), checklist.Builtin(), "Demo Ltd", src, checklist.Answers{"MON-02": {Value: "yes"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Demo || a.Site != "Demo Ltd" || len(a.Inventory.Extensions) != 2 || resultOf(a, "MON-02").Status != checklist.StatusPass {
		t.Errorf("the demo audit is not the source's with its answers: %+v", a)
	}
	if _, err := Demo(t.Context(), checklist.Builtin(), "Demo Ltd", &fakeSource{err: errFetch}, nil, now); !errors.Is(err, errFetch) {
		t.Errorf("a failed read should come back, got %v", err)
	}
}

// Creating a site is exclusive: a same-named site saved by another Ringfence
// while the connection was tested is refused, by name, and left as it was.
func TestANewSiteIsRefusedWhenItsNameIsTakenDuringTheTest(t *testing.T) {
	store := newStore(t)
	site := checklist.Site{Schema: checklist.SiteSchema, Name: "Harbour Vets", Connector: checklist.ConnectorSettings{Kind: "fake", URL: "https://new.example"}}
	err := Connect(t.Context(), store, site, true, func(context.Context) error {
		return store.CreateSite(checklist.Site{Name: "harbour vets", Contact: "Sam", Connector: checklist.ConnectorSettings{Kind: "fake", URL: "https://old.example"}})
	})
	if !errors.Is(err, sitestore.ErrSiteExists) || !strings.Contains(err.Error(), `"harbour vets"`) {
		t.Fatalf("a taken name must be refused naming the existing site, got %v", err)
	}
	got, _ := store.Site("Harbour Vets")
	if got.Name != "harbour vets" || got.Connector.URL != "https://old.example" || got.Contact != "Sam" {
		t.Errorf("the existing site must be left as it was: %+v", got)
	}
}

// A name already taken is refused before the phone system is read.
func TestANewSiteWithATakenNameIsRefusedBeforeTheTest(t *testing.T) {
	store := newStore(t) // holds "Acme Dental"
	for _, name := range []string{"Acme Dental", "ACME dental", "Acme-Dental"} {
		tested := false
		err := Connect(t.Context(), store, checklist.Site{Name: name}, true, func(context.Context) error { tested = true; return nil })
		if !errors.Is(err, sitestore.ErrSiteExists) || !strings.Contains(err.Error(), `"Acme Dental"`) || tested {
			t.Errorf("%q: want a refusal naming the existing site before any test, got %v (tested %v)", name, err, tested)
		}
	}
}

// Reconnecting needs the site to exist: one deleted during the test is not
// brought back half-made.
func TestReconnectingASiteDeletedDuringTheTestSavesNothing(t *testing.T) {
	store := newStore(t)
	site, err := store.Site("Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	site.Connector = checklist.ConnectorSettings{Kind: "fake", URL: "https://new.example"}
	err = Connect(t.Context(), store, site, false, func(context.Context) error { return store.DeleteSite("Acme Dental") })
	if !errors.Is(err, sitestore.ErrNoSite) {
		t.Fatalf("want ErrNoSite, got %v", err)
	}
	if _, err := store.Site("Acme Dental"); !errors.Is(err, sitestore.ErrNoSite) {
		t.Errorf("the deleted site came back: %v", err)
	}
}

// A test cancelled just as it succeeds saves nothing: the user stopped it.
func TestACancelledConnectionSavesNothing(t *testing.T) {
	store := newStore(t)
	ctx, cancel := context.WithCancel(t.Context())
	err := Connect(ctx, store, checklist.Site{Name: "Harbour Vets"}, true, func(context.Context) error { cancel(); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want the cancellation back, got %v", err)
	}
	if _, err := store.Site("Harbour Vets"); err == nil {
		t.Error("a cancelled connection must not save the site")
	}
}
