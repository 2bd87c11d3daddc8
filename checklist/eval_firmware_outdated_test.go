package checklist

import (
	"slices"
	"testing"

	"github.com/ringfence/ringfence/checklist/inventory"
)

func TestPhonesBehindNewestBuild(t *testing.T) {
	t.Parallel()
	inv := inventoryWith(inventory.FacetDevices)
	inv.Devices = []inventory.Device{
		// The demo's planted phone: no advisory, but Yealink has a newer build.
		{Kind: inventory.DeviceDeskPhone, Vendor: "Yealink", Model: "SIP-T46S", Firmware: "66.84.0.125", MAC: "00:15:65:00:00:01"},
		{Kind: inventory.DeviceDeskPhone, Vendor: "Yealink", Model: "SIP-T46S", Firmware: "66.86.0.15", MAC: "00:15:65:00:00:02"},
		// The phone system offers a newer build than the one installed.
		{Kind: inventory.DeviceDeskPhone, Vendor: "Fanvil", Model: "X4U", Firmware: "2.12.1", LatestFirmware: "2.12.22", MAC: "0c:38:3e:00:00:03"},
		// End of life is EP-03's finding, never "outdated".
		{Kind: inventory.DeviceDeskPhone, UserAgent: "Cisco/SPA504G-7.6.2", MAC: "00:0b:82:00:00:04"},
	}
	o := run(t, "FW-08", inv)
	if o.Status != StatusFail || !slices.Equal(itemIDs(o.Affected), []string{"00:15:65:00:00:01", "0c:38:3e:00:00:03"}) {
		t.Fatalf("FW-08: %s %v (%s)", o.Status, itemIDs(o.Affected), o.Evidence)
	}
	if o := run(t, "FW-01", inv); o.Status == StatusFail {
		t.Errorf("being behind is not a known flaw: FW-01 failed with %v", itemIDs(o.Affected))
	}

	inv.Devices = inv.Devices[1:2]
	if o := run(t, "FW-08", inv); o.Status != StatusPass {
		t.Errorf("FW-08 with the newest build: %s (%s)", o.Status, o.Evidence)
	}
	inv.Devices = append(inv.Devices, inventory.Device{Kind: inventory.DeviceDeskPhone, Vendor: "Htek", Model: "UC903", Firmware: "2.0.4.2", MAC: "00:1f:c1:00:00:05"})
	if o := run(t, "FW-08", inv); o.Status != StatusUnknown || !slices.Equal(itemIDs(o.Affected), []string{"00:1f:c1:00:00:05"}) {
		t.Errorf("FW-08 with a phone whose newest build is not known: %s %v", o.Status, itemIDs(o.Affected))
	}
	if o := run(t, "FW-08", inventoryWith()); o.Status != StatusUnknown {
		t.Errorf("FW-08 without a device list: %s", o.Status)
	}
}

// Spreadsheets often leave Vendor empty and write "Cisco SPA504G" as the model.
func TestMakerInModelColumnIsIdentified(t *testing.T) {
	t.Parallel()
	inv := inventoryWith(inventory.FacetDevices)
	inv.Devices = []inventory.Device{{Kind: inventory.DeviceDeskPhone, Model: "Cisco SPA504G", Firmware: "7.6.2", MAC: "00:0b:82:00:00:04"}}
	if o := run(t, "EP-03", inv); o.Status != StatusFail {
		t.Errorf("EP-03 for a Cisco SPA504G written in the Model column: %s (%s)", o.Status, o.Evidence)
	}
	if o := run(t, "EP-02", inv); o.Status != StatusPass {
		t.Errorf("EP-02: %s %v", o.Status, o.Affected)
	}
}
