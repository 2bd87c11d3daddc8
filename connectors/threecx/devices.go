package threecx

import (
	"context"
	"net"
	"net/url"
	"strings"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// deviceSelect names each Pbx.PhoneRegistrar property read, one by one:
// selecting Registrar whole would also fetch PhoneWebPassword (the phone's
// admin password), ProvLink and InterfaceLink.
var deviceSelect = []string{
	"Id", "Registrar/Vendor", "Registrar/Model", "Registrar/MAC", "Registrar/UserAgent",
	"Registrar/IpAddress", "Registrar/FirmwareVersion", "Registrar/FirmwareAvailable",
}

// deviceExpand brings the extension the phone is assigned to (DN is a
// navigation property).
const deviceExpand = "DN($select=Number)"

type sipDevice struct {
	ID        int `json:"Id"`
	Registrar struct {
		Vendor          string `json:"Vendor"`
		Model           string `json:"Model"`
		MAC             string `json:"MAC"`
		UserAgent       string `json:"UserAgent"`
		IpAddress       string `json:"IpAddress"`
		FirmwareVersion string `json:"FirmwareVersion"`
		// FirmwareAvailable is the build 3CX offers for the phone.
		FirmwareAvailable string `json:"FirmwareAvailable"`
	} `json:"Registrar"`
	DN *struct {
		Number string `json:"Number"`
	} `json:"DN"`
}

func (s *Source) readDevices(ctx context.Context, progress func(done, total int)) ([]inventory.Device, error) {
	var out []inventory.Device
	q := url.Values{"$select": {strings.Join(deviceSelect, ",")}, "$expand": {deviceExpand}}
	err := list(ctx, s, "reading phones", "/xapi/v1/SipDevices", q, progress, func(batch []sipDevice) error {
		for _, d := range batch {
			r := d.Registrar
			dev := inventory.Device{
				Kind: deviceKind(r.Vendor, r.Model, r.UserAgent), Vendor: r.Vendor, Model: r.Model,
				Firmware: r.FirmwareVersion, LatestFirmware: r.FirmwareAvailable,
				MAC: r.MAC, IP: hostOnly(r.IpAddress), UserAgent: r.UserAgent,
			}
			if d.DN != nil {
				dev.Owner = d.DN.Number
			}
			out = append(out, dev)
		}
		return nil
	})
	return out, err
}

// deviceKind guesses what a registration is from its names: DECT bases and
// analogue adapters register like desk phones but need different advice.
func deviceKind(vendor, model, ua string) inventory.DeviceKind {
	all := strings.ToLower(vendor + " " + model + " " + ua)
	switch {
	case strings.Contains(all, "dect") || strings.Contains(all, "w60") || strings.Contains(all, "w70") || strings.Contains(all, "w80"):
		return inventory.DeviceDECT
	case strings.Contains(all, "ata") && !strings.Contains(all, "data"), strings.Contains(all, "ht8"), strings.Contains(all, "spa1"), strings.Contains(all, "spa2"):
		return inventory.DeviceATA
	case strings.Contains(all, "3cx") && (strings.Contains(all, "app") || strings.Contains(all, "android") || strings.Contains(all, "ios") ||
		strings.Contains(all, "windows") || strings.Contains(all, "web") || strings.Contains(all, "softphone")):
		return inventory.DeviceSoftphone
	}
	return inventory.DeviceDeskPhone
}

// hostOnly drops a port ("192.0.2.10:5060"), which changes with every
// registration and would make two audits of one phone look different.
func hostOnly(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return addr
}
