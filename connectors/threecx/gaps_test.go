package threecx

import (
	"errors"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors/httpx"
	"github.com/ringfence/ringfence/connectors/threecx/xapifake"
)

// SystemStatus and Trunks differ between versions and licences. A 404 on
// either must not stop connect or the audit: the facet becomes a gap with
// the reason, and the checks resting on it stay unknown.
func TestAMissingOptionalReadBecomesAGap(t *testing.T) {
	t.Parallel()
	pbx := xapifake.SmallBusiness()
	pbx.Missing = map[string]bool{"SystemStatus": true, "Trunks": true}
	srv, pool := serve(t, pbx)
	s := newSource(t, srv.URL, pool, xapifake.Secret, false, 0)
	if err := s.Test(t.Context()); err != nil {
		t.Fatalf("connect: %v", err)
	}
	inv, err := s.Fetch(t.Context(), nil)
	if err != nil {
		t.Fatalf("audit: %v", err)
	}
	for _, f := range []inventory.Facet{inventory.FacetPBX, inventory.FacetDialling} {
		reason, ok := inv.GapReason(f)
		if !ok || inv.Has(f) || !strings.Contains(reason, "404") {
			t.Errorf("%s: gap %q, %v; collected %v", f, reason, ok, inv.Source.Collected)
		}
	}
	if !inv.Has(inventory.FacetExtensions) || len(inv.Extensions) != 10 || !inv.Has(inventory.FacetDevices) {
		t.Errorf("the rest was not read: %v", inv.Source.Collected)
	}
	if inv.Dialling != nil {
		t.Errorf("a half-read dialling policy was kept: %+v", inv.Dialling)
	}
}

// The users list is the core of the audit: without it there is nothing to
// audit, so it still stops the fetch, as does a refusal to read.
func TestTheUserListStaysEssential(t *testing.T) {
	t.Parallel()
	pbx := xapifake.SmallBusiness()
	pbx.Missing = map[string]bool{"Users": true}
	srv, pool := serve(t, pbx)
	s := newSource(t, srv.URL, pool, xapifake.Secret, false, 0)
	if _, err := s.Fetch(t.Context(), nil); !errors.Is(err, httpx.ErrStatus) || !strings.Contains(err.Error(), "reading users") {
		t.Fatalf("got %v", err)
	}
	if err := s.Test(t.Context()); !errors.Is(err, httpx.ErrStatus) {
		t.Fatalf("connect: got %v", err)
	}
}
