package threecx

import (
	"testing"

	"github.com/ringfence/ringfence/connectors/threecx/xapifake"
)

// 3CX says which firmware it offers for each phone: Pbx.PhoneRegistrar has
// FirmwareAvailable beside FirmwareVersion (3cx/xapi-tutorial swagger.yaml,
// Pbx.PhoneRegistrar). The audit measures the phone against that build.
func TestDevicesCarryTheFirmwareThePhoneSystemOffers(t *testing.T) {
	t.Parallel()
	pbx := xapifake.SmallBusiness()
	pbx.Devices[0].Available = "96.86.0.85"
	pbx.Devices[1].Available = ""
	srv, pool := serve(t, pbx)
	s := newSource(t, srv.URL, pool, xapifake.Secret, false, 50)
	inv, err := s.Fetch(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := inv.Devices[0].LatestFirmware; got != "96.86.0.85" {
		t.Errorf("device 1 offered firmware %q, want 96.86.0.85", got)
	}
	if got := inv.Devices[1].LatestFirmware; got != "" {
		t.Errorf("device 2 offered firmware %q, want none", got)
	}
}
