package tui

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
)

// Two certificates the fake phone system can present, as hex SHA-256.
const (
	certA = "3f2a9c0b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a"
	certB = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"
)

// presented is the certificate the fake phone system shows; tests set it.
var presented = struct {
	sync.Mutex
	sum string
}{sum: certA}

func presentCert(t *testing.T, sum string) {
	presented.Lock()
	old := presented.sum
	presented.sum = sum
	presented.Unlock()
	t.Cleanup(func() { presented.Lock(); presented.sum = old; presented.Unlock() })
}

// certSource behaves as httpx does for a self-signed phone system: it refuses
// a certificate nobody trusted, and one that differs from the pinned one.
type certSource struct{ site checklist.Site }

func (c certSource) Name() string { return "tuicert" }
func (c certSource) check() error {
	presented.Lock()
	sum := presented.sum
	presented.Unlock()
	for _, p := range c.site.Pins {
		if p.Host == "pbx.example" {
			if p.SHA256 == sum {
				return nil
			}
			return &httpx.Error{Connector: "Test PBX", Step: "connecting", Err: &httpx.ChangedCertError{Host: "pbx.example", Pinned: p.SHA256, Presented: sum}}
		}
	}
	return &httpx.Error{Connector: "Test PBX", Step: "connecting", Err: &httpx.UntrustedCertError{Host: "pbx.example", SHA256: sum}}
}
func (c certSource) Test(context.Context) error { return c.check() }
func (c certSource) Fetch(context.Context, func(connectors.Progress)) (connectors.Result, error) {
	if err := c.check(); err != nil {
		return connectors.Result{}, err
	}
	return connectors.Result{Inventory: inventory.Inventory{Source: inventory.SourceInfo{Connector: "tuicert"}}}, nil
}

var certKind = connectors.Kind{
	Name: "tuicert", Title: "Self-signed PBX", LeastPrivilege: "a read-only account.",
	Settings: []connectors.Setting{{Key: connectors.KeyURL, Label: "Address", Type: connectors.Address, Required: true}},
	New:      func(s checklist.Site, _ string) (connectors.Source, error) { return certSource{site: s}, nil },
}

// addCertSite walks the new-site forms as far as the connection test.
func addCertSite(h *harness) {
	h.press("n")
	h.typeText("Acme Dental")
	h.press("enter", "enter")
	for i, k := range testKinds.Sorted() {
		if k.Name == "tuicert" {
			for range i + 1 {
				h.press("down")
			}
		}
	}
	h.press("enter")
	h.typeText("https://pbx.example")
	h.press("enter")
}

func TestAnUntrustedCertificateIsShownAndPinnedOnlyWhenTrusted(t *testing.T) {
	presentCert(t, certA)
	h := newHarness(t, false, 80, 24)
	addCertSite(h)
	if _, ok := h.top().(*certTrust); !ok {
		t.Fatalf("an unknown certificate should ask the user, got %T\n%s", h.top(), h.screen())
	}
	h.mustSee("does not recognise pbx.example's certificate")
	h.mustSee("3F:2A:9C:0B:8D:7E:6F:5A:4B:3C:2D:1E:0F:9A:8B:7C")
	h.mustSee("6D:5E:4F:3A:2B:1C:0D:9E:8F:7A:6B:5C:4D:3E:2F:1A")
	h.mustSee("Compare it with the certificate shown")
	h.mustSee("Trust this certificate")

	h.press("enter") // trust
	if _, ok := h.top().(*auditScreen); !ok {
		t.Fatalf("once trusted the connection should work and the site open, got %T\n%s", h.top(), h.screen())
	}
	site, err := h.store.Site("Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	if len(site.Pins) != 1 || site.Pins[0].Host != "pbx.example" || site.Pins[0].SHA256 != certA || !site.Pins[0].ConfirmedAt.Equal(fixedNow) {
		t.Fatalf("pins = %+v", site.Pins)
	}
}

func TestCancellingAnUntrustedCertificateSavesNothing(t *testing.T) {
	presentCert(t, certA)
	h := newHarness(t, false, 80, 24)
	addCertSite(h)
	h.press("down", "enter") // Cancel
	ns, ok := h.top().(*newSite)
	if !ok {
		t.Fatalf("cancel should go back to the new site, got %T", h.top())
	}
	if len(ns.pins) != 0 {
		t.Fatal("nothing should be pinned")
	}
	h.mustSee("did not trust the phone system's certificate")
	if sites, _ := h.store.Sites(); len(sites) != 0 {
		t.Fatalf("no site should be saved, found %d", len(sites))
	}
	h.press("t") // try again: asked again
	if _, ok := h.top().(*certTrust); !ok {
		t.Fatalf("trying again should ask again, got %T", h.top())
	}
}

func TestAChangedCertificateWarnsAndNeedsAnExplicitChoice(t *testing.T) {
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	site := checklist.Site{Name: "Acme Dental", Connector: checklist.ConnectorSettings{Kind: "tuicert", URL: "https://pbx.example"},
		Pins: []checklist.PinnedCert{{Host: "other.example", SHA256: certB}, {Host: "pbx.example", SHA256: certA}}}
	if err := store.CreateSite(site); err != nil {
		t.Fatal(err)
	}
	presentCert(t, certB)
	h := newHarnessWithStore(t, store, false, 80, 24)
	h.press("enter") // the site, never audited: opens at once
	if _, ok := h.top().(*certTrust); !ok {
		t.Fatalf("a changed certificate should ask the user, got %T\n%s", h.top(), h.screen())
	}
	h.mustSee("Warning: pbx.example's certificate has changed")
	h.mustSee("intercepting")
	h.mustSee("You trusted:")
	h.mustSee("3F:2A:9C:0B")
	h.mustSee("It now shows:")
	h.mustSee("A1:B2:C3:D4")

	h.press("enter") // the first choice is to cancel
	if _, ok := h.top().(*home); !ok {
		t.Fatalf("cancel should stay home, got %T", h.top())
	}
	if got, _ := store.Site("Acme Dental"); got.Pins[1].SHA256 != certA {
		t.Fatalf("the pin must not change without a confirmation: %+v", got.Pins)
	}
	h.mustSee("did not trust")

	h.press("enter")
	h.press("down", "enter") // trust the new certificate
	if _, ok := h.top().(*auditScreen); !ok {
		t.Fatalf("once trusted the site should open, got %T\n%s", h.top(), h.screen())
	}
	got, _ := store.Site("Acme Dental")
	if len(got.Pins) != 2 || got.Pins[0].Host != "other.example" || got.Pins[1].SHA256 != certB || !got.Pins[1].ConfirmedAt.Equal(fixedNow) {
		t.Fatalf("the pin for pbx.example should be replaced and the other kept: %+v", got.Pins)
	}
}

func TestFingerprintLinesSplitInTwo(t *testing.T) {
	got := fingerprintLines(certA)
	lines := strings.Split(got, "\n")
	if len(lines) != 2 || len(lines[0]) != 2+47 || strings.Contains(got, "::") {
		t.Fatalf("got %q", got)
	}
}
