package checklist

import (
	"fmt"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/firmware"
)

func init() {
	register("EP-01", inventoryRecorded)
	register("EP-02", devicesIdentified)
	register("EP-03", noEndOfLifeModels)
	register("EP-07", unusedDisabled)
}

// staleAfter is how long without a registration or call before an extension or
// phone counts as unused.
const staleAfter = 90 * 24 * time.Hour

// identity is what is known of a device: the PBX's own fields first, the user
// agent to fill the gaps (see firmware.Identify for when it may).
func identity(d Device) (firmware.Identity, bool) {
	id := firmware.Identify(d.Vendor, d.Model, d.Firmware, d.UserAgent)
	return id, id.Vendor != "" && id.Model != "" && id.Version != ""
}

func deviceItem(d Device, detail string) Item {
	return Item{Kind: "device", ID: firstNonEmpty(d.MAC, d.IP, d.UserAgent, d.Model), Label: d.Label(), Detail: detail}
}

func hardware(d Device) bool { return d.Kind != DeviceSoftphone && d.Kind != DevicePBX }

func inventoryRecorded(f *Facts) Outcome {
	inv := f.Inventory
	if !inv.Has(FacetDevices) {
		return unknown("The phone system did not list its devices.")
	}
	if len(inv.Devices) == 0 {
		return fail(nil, "No phones, softphones or other devices are recorded.")
	}
	var items []Item
	for _, d := range inv.Devices {
		if d.Owner == "" && (d.Kind == DeviceDeskPhone || d.Kind == DeviceDECT || d.Kind == DeviceSoftphone) {
			items = append(items, deviceItem(d, "no owner recorded"))
		}
	}
	if len(items) > 0 {
		return fail(items, "Devices with no owner recorded: %d of %d. Nobody is answerable for them.", len(items), len(inv.Devices))
	}
	return pass("%s recorded, each with an owner.", plural(len(inv.Devices), "device", "devices"))
}

func devicesIdentified(f *Facts) Outcome {
	inv := f.Inventory
	if !inv.Has(FacetDevices) || len(inv.Devices) == 0 {
		return unknown("The phone system did not list its devices.")
	}
	var items []Item
	facts := f.devices()
	for i, d := range inv.Devices {
		if !facts[i].identified {
			detail := "make, model or firmware not reported"
			if d.UserAgent != "" {
				detail = fmt.Sprintf("user agent %q not recognised", d.UserAgent)
			}
			items = append(items, deviceItem(d, detail))
		}
	}
	if len(items) > 0 {
		o := unknown("Devices that could not be identified: %d of %d. Their firmware cannot be checked, so check them by hand.", len(items), len(inv.Devices))
		o.Affected = items
		return o
	}
	return pass("Devices checked: %d. All were identified.", len(inv.Devices))
}

func noEndOfLifeModels(f *Facts) Outcome {
	inv := f.Inventory
	if !inv.Has(FacetDevices) || len(inv.Devices) == 0 {
		return unknown("The phone system did not list its devices.")
	}
	var items []Item
	facts := f.devices()
	for i, d := range inv.Devices {
		if !hardware(d) {
			continue
		}
		if v := facts[i].verdict; v.Status == firmware.StatusEndOfLife {
			items = append(items, deviceItem(d, v.Reason))
		}
	}
	if len(items) > 0 {
		return fail(items, "Devices whose maker no longer supports the model: %d. New security holes in them will never be fixed.", len(items))
	}
	return pass("No device is a model known to be out of support.")
}

func unusedDisabled(f *Facts) Outcome {
	inv := f.Inventory
	if !inv.Has(FacetExtensions) && !inv.Has(FacetDevices) {
		return unknown("The phone system did not list extensions or devices.")
	}
	cutoff := f.Now.Add(-staleAfter)
	var items []Item
	for _, e := range inv.Extensions {
		if !e.Enabled || !personalExtension(e) {
			continue
		}
		switch {
		case strings.TrimSpace(e.Name) == "" && strings.TrimSpace(e.Email) == "":
			items = append(items, extensionItem(e, "enabled with no named owner"))
		case !e.LastActive.IsZero() && e.LastActive.Before(cutoff):
			items = append(items, extensionItem(e, fmt.Sprintf("enabled but unused for %d days", daysBetween(e.LastActive, f.Now))))
		}
	}
	for _, d := range inv.Devices {
		if !d.LastSeen.IsZero() && d.LastSeen.Before(cutoff) {
			items = append(items, deviceItem(d, fmt.Sprintf("not seen for %d days", daysBetween(d.LastSeen, f.Now))))
		}
	}
	if len(items) > 0 {
		return fail(items, "Extensions or devices live with no owner or no use in 90 days: %d.", len(items))
	}
	return pass("Every enabled extension has an owner, and every extension and device has been used in the last 90 days.")
}
