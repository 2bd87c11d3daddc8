package checklist

import (
	"fmt"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
)

func (e evaluatorSet) addEndpoints() {
	e.register("EP-01", []fact{devicesWithKnownOwner}, inventoryRecorded)
	e.register("EP-02", []fact{anyDevice}, devicesIdentified)
	e.register("EP-03", []fact{phonesWithKnownModel}, noEndOfLifeModels)
	// Numbered extensions alone let it find an extension nobody owns, even
	// where the source has no usage data to judge the rest.
	e.register("EP-07", []fact{numberedExtensions, extensionsWithUsage, devicesWithUsage}, unusedDisabled)
}

// staleAfter is how long without a registration or call before an extension or
// phone counts as unused.
const staleAfter = 90 * 24 * time.Hour

// identity is what is known of a device: the PBX's own fields first, the user
// agent to fill the gaps (see firmware.Identify for when it may).
func identity(d inventory.Device) (firmware.Identity, bool) {
	id := firmware.Identify(d.Vendor, d.Model, d.Firmware, d.UserAgent)
	return id, id.Vendor != "" && id.Model != "" && id.Version != ""
}

func deviceItem(d inventory.Device, detail string) Item {
	return Item{Kind: "device", ID: firstNonEmpty(d.MAC, d.IP, d.UserAgent, d.Model), Label: d.Label(), Detail: detail}
}

func hardware(d inventory.Device) bool {
	return d.Kind != inventory.DeviceSoftphone && d.Kind != inventory.DevicePBX
}

func inventoryRecorded(f *Facts) Outcome {
	inv := f.Inventory
	var items, unsure []Item
	for _, d := range inv.Devices {
		if d.Kind != inventory.DeviceDeskPhone && d.Kind != inventory.DeviceDECT && d.Kind != inventory.DeviceSoftphone {
			continue
		}
		switch owner, known := f.deviceOwner(d); {
		case !known:
			unsure = append(unsure, deviceItem(d, fmt.Sprintf("assigned to extension %s, but the extensions were not listed", d.Owner)))
		case owner == "" && d.Owner != "":
			items = append(items, deviceItem(d, fmt.Sprintf("extension %s has no person's name or e-mail on it", d.Owner)))
		case owner == "":
			items = append(items, deviceItem(d, "no owner recorded"))
		}
	}
	switch {
	case len(items) > 0:
		return fail(items, "Devices with no owner recorded: %d of %d. Nobody is answerable for them.", len(items), len(inv.Devices))
	case len(unsure) > 0:
		o := unknown("Devices whose owner could not be looked up: %d of %d.", len(unsure), len(inv.Devices))
		o.Affected = unsure
		return o
	}
	return pass("%s recorded, each with an owner.", plural(len(inv.Devices), "device", "devices"))
}

func devicesIdentified(f *Facts) Outcome {
	inv := f.Inventory
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
	var items, unchecked []Item
	checked := 0
	facts := f.devices()
	for i, d := range inv.Devices {
		if !hardware(d) {
			continue
		}
		if !facts[i].modelKnown {
			unchecked = append(unchecked, deviceItem(d, "make or model not known"))
			continue
		}
		checked++
		if v := facts[i].verdict; v.Status == firmware.StatusEndOfLife {
			items = append(items, deviceItem(d, v.Reason))
		}
	}
	switch {
	case len(items) > 0:
		return fail(items, "Devices whose maker no longer supports the model: %d. New security holes in them will never be fixed.", len(items))
	case len(unchecked) > 0:
		o := unknown("Phones checked: %d, none out of support. Phones that could not be identified, so could not be checked: %d.", checked, len(unchecked))
		o.Affected = unchecked
		return o
	}
	return pass("Phones checked: %d. None is a model known to be out of support.", checked)
}

func unusedDisabled(f *Facts) Outcome {
	inv := f.Inventory
	cutoff := f.Now.Add(-staleAfter)
	var items, unsure []Item
	judged := 0
	for _, e := range inv.Extensions {
		if !e.Enabled || !personalExtension(e) {
			continue
		}
		switch {
		case strings.TrimSpace(e.Name) == "" && strings.TrimSpace(e.Email) == "":
			items = append(items, extensionItem(e, "enabled with no named owner"))
		case e.LastActive.IsZero():
			unsure = append(unsure, extensionItem(e, "no record of when it was last used"))
		case e.LastActive.Before(cutoff):
			items = append(items, extensionItem(e, "enabled but unused for "+plural(daysBetween(e.LastActive, f.Now), "day", "days")))
		default:
			judged++
		}
	}
	for _, d := range inv.Devices {
		switch {
		case d.LastSeen.IsZero():
			unsure = append(unsure, deviceItem(d, "no record of when it was last seen"))
		case d.LastSeen.Before(cutoff):
			items = append(items, deviceItem(d, "not seen for "+plural(daysBetween(d.LastSeen, f.Now), "day", "days")))
		default:
			judged++
		}
	}
	switch {
	case len(items) > 0:
		return fail(items, "Extensions or devices live with no owner or no use in 90 days: %d.", len(items))
	case len(unsure) > 0:
		o := unknown("Extensions and devices used in the last 90 days: %d. With no record of use, so could not be checked: %d.", judged, len(unsure))
		o.Affected = unsure
		return o
	}
	return pass("Every enabled extension has an owner, and every extension and device checked (%d) has been used in the last 90 days.", judged)
}
