package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// reportInventory is the inventory part of the JSON report as another tool
// reads it: through the documented names, not this package's types.
type reportInventory struct {
	Inventory struct {
		Devices []struct {
			Source   map[string]any `json:"source"`
			Vendor   string         `json:"vendor"`
			Model    string         `json:"model"`
			Firmware string         `json:"firmware"`
			Class    string         `json:"class"`
			Verdict  string         `json:"verdict"`
			Reason   string         `json:"reason"`
			Latest   string         `json:"latest"`
		} `json:"devices"`
		Extensions []struct {
			Number  string `json:"number"`
			Enabled bool   `json:"enabled"`
			Owner   struct {
				Status     string `json:"status"`
				Name       string `json:"name"`
				Confidence string `json:"confidence"`
			} `json:"owner"`
		} `json:"extensions"`
	} `json:"inventory"`
}

func TestReportCarriesTheInventory(t *testing.T) {
	t.Parallel()
	inv := inventory.Inventory{Source: inventory.SourceInfo{Connector: "csv",
		Collected: []inventory.Facet{inventory.FacetDevices, inventory.FacetExtensions, inventory.FacetStaff}}}
	inv.Devices = []inventory.Device{
		{Kind: inventory.DeviceDeskPhone, Vendor: "Yealink", Model: "SIP-T46S", Firmware: "66.84.0.125", MAC: "00:15:65:00:00:01", Owner: "201"},
		{Kind: inventory.DeviceDeskPhone, Model: "Cisco SPA504G", Firmware: "7.6.2", MAC: "00:0b:82:00:00:02"},
		{Kind: inventory.DeviceDeskPhone, UserAgent: "Grandstream GXP1625 1.0.7.64", MAC: "00:0b:82:00:00:03"},
		{Kind: inventory.DeviceDeskPhone, Vendor: "Yealink", Model: "SIP-T46S", Firmware: "66.86.0.15", MAC: "00:15:65:00:00:04"},
		{Kind: inventory.DeviceATA, UserAgent: "DoorBird/1.0"},
		{Kind: inventory.DeviceSoftphone, Vendor: "3CX", Model: "3CX for Windows", Firmware: "20.0.1049"},
	}
	inv.Extensions = []inventory.Extension{
		{Number: "201", Name: "Priya Shah", Email: "priya@example.co.uk", Enabled: true, Type: inventory.ExtUser},
		{Number: "202", Name: "Tom Reed", Enabled: true, Type: inventory.ExtUser},
		{Number: "203", Name: "Nobody Known", Enabled: true, Type: inventory.ExtUser},
		{Number: "210", Name: "Reception", Enabled: true, Type: inventory.ExtShared},
	}
	inv.Staff = []inventory.StaffMember{
		{Name: "Priya Shah", Email: "priya@example.co.uk"},
		{Name: "Tom Reed", Left: testNow.AddDate(0, -1, 0)},
	}
	a := checklist.NewAudit(checklist.Builtin(), "Inventory Ltd", inv, nil, testNow)

	var buf bytes.Buffer
	if err := WriteJSON(&buf, a, testNow); err != nil {
		t.Fatal(err)
	}
	var got reportInventory
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	devices := got.Inventory.Devices
	if len(devices) != len(inv.Devices) {
		t.Fatalf("%d devices in the report, want %d", len(devices), len(inv.Devices))
	}
	want := []struct{ vendor, model, firmware, class, verdict string }{
		{"Yealink", "SIP-T46S", "66.84.0.125", "desk_phone", "outdated"},
		{"Cisco", "SPA504G", "7.6.2", "desk_phone", "end_of_life"},
		{"Grandstream", "GXP1625", "1.0.7.64", "desk_phone", "vulnerable"},
		{"Yealink", "SIP-T46S", "66.86.0.15", "desk_phone", "current"},
		{"", "", "", "adapter", "unknown"},
		{"3CX", "3CX for Windows", "20.0.1049", "softphone", "unknown"},
	}
	for i, w := range want {
		d := devices[i]
		if d.Vendor != w.vendor || d.Model != w.model || d.Firmware != w.firmware || d.Class != w.class || d.Verdict != w.verdict || d.Reason == "" {
			t.Errorf("device %d: %+v, want %+v", i, d, w)
		}
	}
	if devices[0].Latest != "66.86.0.15" || devices[0].Source["mac"] != "00:15:65:00:00:01" || devices[1].Source["model"] != "Cisco SPA504G" {
		t.Errorf("device source fields or newest build missing: %+v / %+v", devices[0], devices[1])
	}

	owners := map[string]string{}
	for _, e := range got.Inventory.Extensions {
		owners[e.Number] = e.Owner.Status
	}
	wantOwners := map[string]string{"201": "current_staff", "202": "leaver", "203": "unowned", "210": "shared"}
	for n, s := range wantOwners {
		if owners[n] != s {
			t.Errorf("extension %s owner status %q, want %q (all: %v)", n, owners[n], s, owners)
		}
	}
}

// Mailboxes hold PINs on some phone systems; the report says nothing of them
// beyond the verdicts the checks already give.
func TestReportInventoryHoldsNoPIN(t *testing.T) {
	t.Parallel()
	a := demoAudit(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, a, testNow); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Inventory any `json:"inventory"`
	}
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				lower := strings.ToLower(k)
				if strings.Contains(lower, "pin") || strings.Contains(lower, "password") || strings.Contains(lower, "secret") {
					t.Errorf("inventory field %s.%s may carry a secret", path, k)
				}
				walk(path+"."+k, x)
			}
		case []any:
			for _, x := range v {
				walk(path+"[]", x)
			}
		}
	}
	walk("inventory", raw.Inventory)
	var got reportInventory
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Inventory.Devices) == 0 || len(got.Inventory.Extensions) == 0 {
		t.Errorf("the demo's report has %d devices and %d extensions", len(got.Inventory.Devices), len(got.Inventory.Extensions))
	}
}

// The PDF's device table must not call a phone behind its maker's newest build
// "up to date" just because no advisory names its build.
func TestFirmwareWordForAnOldBuild(t *testing.T) {
	t.Parallel()
	old := checklist.DeviceFirmware(inventory.Device{Kind: inventory.DeviceDeskPhone, Vendor: "Yealink", Model: "SIP-T46S", Firmware: "66.84.0.125"})
	if w := firmwareWord(old); w != "Newer build available" {
		t.Errorf("Yealink T46S 66.84.0.125 is shown as %q", w)
	}
	newest := checklist.DeviceFirmware(inventory.Device{Kind: inventory.DeviceDeskPhone, Vendor: "Yealink", Model: "SIP-T46S", Firmware: "66.86.0.15"})
	if w := firmwareWord(newest); w != "Up to date" {
		t.Errorf("Yealink T46S 66.86.0.15 is shown as %q", w)
	}
}
