package inventory

import "testing"

func TestDeviceLabel(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		d    Device
		want string
	}{
		{Device{Vendor: "Yealink", Model: "SIP-T46S", Owner: "201", MAC: "80:5E:C0:11:22:33"}, "Yealink SIP-T46S (ext 201, 80:5E:C0:11:22:33)"},
		{Device{Vendor: "3CX", Model: "3CX for Android", Owner: "214"}, "3CX for Android (ext 214)"},
		{Device{UserAgent: "DoorBird/1.0", IP: "192.0.2.10"}, "DoorBird/1.0 (192.0.2.10)"},
		{Device{}, "unidentified device"},
	} {
		if got := tt.d.Label(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestAddGapWithdrawsTheFacet(t *testing.T) {
	t.Parallel()
	inv := &Inventory{Source: SourceInfo{Collected: []Facet{FacetExtensions, FacetTrunks, FacetPBX}}}
	inv.AddGap(FacetTrunks, "the phone system refused the trunk list (404)")
	if inv.Has(FacetTrunks) {
		t.Fatal("a facet with a gap must not count as collected")
	}
	if !inv.Has(FacetExtensions) || !inv.Has(FacetPBX) {
		t.Fatalf("other facets were lost: %v", inv.Source.Collected)
	}
	reason, ok := inv.GapReason(FacetTrunks)
	if !ok || reason == "" {
		t.Fatalf("GapReason = %q, %v", reason, ok)
	}
	if _, ok := inv.GapReason(FacetCalls); ok {
		t.Fatal("a facet never tried has no gap")
	}
}
