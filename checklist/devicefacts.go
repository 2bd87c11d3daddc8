package checklist

import (
	"strings"

	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// deviceFacts is what the endpoint and firmware checks need to know about one
// device. Four checks read it, and a site often has many phones of one model on
// one firmware, so it is worked out once per distinct device description.
type deviceFacts struct {
	id         firmware.Identity
	identified bool // make, model and firmware version all known
	// modelKnown is true when make and model are known, even without a
	// version: enough to tell a model its maker no longer supports.
	modelKnown bool
	verdict    firmware.Verdict
}

type deviceKey struct {
	kind                                      inventory.DeviceKind
	vendor, model, version, userAgent, latest string
}

func judgeDevice(d inventory.Device) deviceFacts {
	id, ok := identity(d)
	df := deviceFacts{id: id, identified: ok, modelKnown: id.Vendor != "" && id.Model != ""}
	switch {
	case !ok && df.modelKnown && d.Kind != inventory.DeviceSoftphone:
		// End of life is a property of the model, so it is found without a
		// version; anything else stays unknown for want of one.
		df.verdict = firmware.JudgeDeviceLatest(id.Vendor, id.Model, "", d.LatestFirmware)
		if df.verdict.Status != firmware.StatusEndOfLife {
			df.verdict = firmware.Verdict{Status: firmware.StatusUnknown, Reason: "The firmware version was not reported."}
		}
	case !ok:
		df.verdict = firmware.Verdict{Status: firmware.StatusUnknown, Reason: "The make, model or firmware version was not reported."}
	case d.Kind == inventory.DeviceSoftphone:
		df.verdict = firmware.JudgeSoftphone(appName(id.Vendor, id.Model), id.Version)
	default:
		df.verdict = firmware.JudgeDeviceLatest(id.Vendor, id.Model, id.Version, d.LatestFirmware)
	}
	return df
}

// devices returns the facts for every device of the inventory, in order.
func (f *Facts) devices() []deviceFacts {
	if f.deviceCache != nil || len(f.Inventory.Devices) == 0 {
		return f.deviceCache
	}
	seen := make(map[deviceKey]deviceFacts)
	out := make([]deviceFacts, len(f.Inventory.Devices))
	for i, d := range f.Inventory.Devices {
		key := deviceKey{d.Kind, d.Vendor, d.Model, d.Firmware, d.UserAgent, d.LatestFirmware}
		df, ok := seen[key]
		if !ok {
			df = judgeDevice(d)
			seen[key] = df
		}
		out[i] = df
	}
	f.deviceCache = out
	return out
}

// DeviceFirmware judges one device's firmware the way the firmware checks do,
// for reports that list every device with its status.
func DeviceFirmware(d inventory.Device) firmware.Verdict {
	return judgeDevice(d).verdict
}

// appName is how a softphone is known: "3CX DesktopApp". Apps usually carry
// the maker's name already, and putting it in front again ("3CX 3CX
// DesktopApp") would match no advisory.
func appName(vendor, model string) string {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(model)), strings.ToLower(strings.TrimSpace(vendor))) {
		return model
	}
	return joinNonEmpty(" ", vendor, model)
}
