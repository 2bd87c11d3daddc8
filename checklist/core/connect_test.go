package core

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/ringfence/ringfence/checklist"
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
