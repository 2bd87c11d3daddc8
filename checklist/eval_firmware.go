package checklist

import (
	"strings"

	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
)

func (e evaluatorSet) addFirmware() {
	e.register("FW-01", []fact{identifiedPhones}, phoneFirmwareSafe)
	e.register("FW-02", []fact{pbxVersion, identifiedDevices}, noKnownExploited)
	e.register("FW-03", []fact{pbxVersion}, pbxPatched)
	e.register("FW-04", []fact{identifiedSoftphones}, noCompromisedSoftphone)
}

func phoneFirmwareSafe(f *Facts) Outcome {
	inv := f.Inventory
	var outdated, unchecked []Item
	current := 0
	facts := f.devices()
	for i, d := range inv.Devices {
		if !hardware(d) {
			continue
		}
		if !facts[i].identified {
			unchecked = append(unchecked, deviceItem(d, "firmware version not known"))
			continue
		}
		v := facts[i].verdict
		switch v.Status {
		case firmware.StatusOutdated, firmware.StatusExploited:
			outdated = append(outdated, deviceItem(d, v.Reason))
		case firmware.StatusCurrent:
			current++
		case firmware.StatusEndOfLife:
			// Reported by EP-03: no firmware will fix it.
		default:
			unchecked = append(unchecked, deviceItem(d, v.Reason))
		}
	}
	switch {
	case len(outdated) > 0:
		return fail(outdated, "Phones on firmware below the safe version for their model: %d.", len(outdated))
	case len(unchecked) > 0:
		o := unknown("Phones with no known unfixed flaw: %d. Phones that could not be checked against known advisories: %d.", current, len(unchecked))
		o.Affected = unchecked
		return o
	}
	return pass("Phones checked: %d. None runs firmware with a known unfixed advisory.", current)
}

func pbxItem(p inventory.PBX) Item {
	return Item{Kind: "pbx", ID: p.Product, Label: joinNonEmpty(" ", p.Product, p.Version)}
}

func noKnownExploited(f *Facts) Outcome {
	inv := f.Inventory
	var items, unchecked []Item
	if inv.Has(inventory.FacetPBX) && inv.PBX.Version != "" {
		if v := firmware.JudgePBX(inv.PBX.Product, inv.PBX.Version); v.Status == firmware.StatusExploited {
			items = append(items, withDetail(pbxItem(inv.PBX), v.Reason))
		}
		for _, c := range inv.PBX.Components {
			if v := firmware.JudgeComponent(inv.PBX.Product, c.Name, c.Version); v.Status == firmware.StatusExploited {
				items = append(items, Item{Kind: "component", ID: c.Name, Label: c.Name + " " + c.Version, Detail: v.Reason})
			}
		}
	}
	facts := f.devices()
	checked := 0
	for i, d := range inv.Devices {
		switch {
		case !facts[i].identified:
			unchecked = append(unchecked, deviceItem(d, "make, model or version not known"))
		case facts[i].verdict.Status == firmware.StatusExploited:
			items = append(items, deviceItem(d, "a version attackers are known to be exploiting"))
		default:
			checked++
		}
	}
	switch {
	case len(items) > 0:
		return fail(items, "Parts of your phone system on versions attackers are actively exploiting (CISA's Known Exploited Vulnerabilities list): %d.", len(items))
	case len(unchecked) > 0:
		o := unknown("Devices checked against CISA's Known Exploited Vulnerabilities list: %d. Devices that could not be identified, so could not be checked: %d.", checked, len(unchecked))
		o.Affected = unchecked
		return o
	}
	return pass("%s %s and %s checked: none is on CISA's Known Exploited Vulnerabilities list.", inv.PBX.Product, inv.PBX.Version, plural(checked, "device", "devices"))
}

func withDetail(it Item, detail string) Item {
	it.Detail = detail
	return it
}

func pbxPatched(f *Facts) Outcome {
	inv := f.Inventory
	// FreePBX's own version says little about security: the Asterisk engine
	// underneath carries most advisories, so judge it too when it is known.
	type judged struct {
		item Item
		v    firmware.Verdict
	}
	parts := []judged{{pbxItem(inv.PBX), firmware.JudgePBX(inv.PBX.Product, inv.PBX.Version)}}
	for _, c := range inv.PBX.Components {
		if strings.EqualFold(c.Name, "asterisk") {
			parts = append(parts, judged{Item{Kind: "pbx", ID: "Asterisk", Label: "Asterisk " + c.Version}, firmware.JudgePBX("Asterisk", c.Version)})
			continue
		}
		// Modules with a published flaw leave the system unpatched too; a module
		// with no advisory data says nothing either way.
		if v := firmware.JudgeComponent(inv.PBX.Product, c.Name, c.Version); v.Family != "" {
			parts = append(parts, judged{Item{Kind: "component", ID: c.Name, Label: c.Name + " " + c.Version}, v})
		}
	}
	var failed []Item
	var reasons []string
	current := 0
	for _, p := range parts {
		switch p.v.Status {
		case firmware.StatusOutdated, firmware.StatusExploited:
			failed = append(failed, withDetail(p.item, p.v.Reason))
		case firmware.StatusCurrent:
			current++
		}
		reasons = append(reasons, p.v.Reason)
	}
	switch {
	case len(failed) > 0:
		return fail(failed, "%s", failed[0].Detail)
	case current > 0:
		return pass("%s %s: %s", inv.PBX.Product, inv.PBX.Version, reasons[0])
	}
	return unknown("%s %s could not be checked against known advisories. %s", inv.PBX.Product, inv.PBX.Version, reasons[0])
}

func noCompromisedSoftphone(f *Facts) Outcome {
	inv := f.Inventory
	var items, unchecked []Item
	checked := 0
	facts := f.devices()
	for i, d := range inv.Devices {
		if d.Kind != inventory.DeviceSoftphone {
			continue
		}
		switch v := facts[i].verdict; {
		case !facts[i].identified:
			unchecked = append(unchecked, deviceItem(d, "app name or version not known"))
		case v.Status == firmware.StatusCompromised:
			items = append(items, deviceItem(d, v.Reason))
		default:
			checked++
		}
	}
	switch {
	case len(items) > 0:
		return fail(items, "Softphones on a build known to contain malware: %d. Remove them now.", len(items))
	case len(unchecked) > 0:
		o := unknown("Softphones checked: %d, none a known compromised build. Softphones whose app or version is not known: %d.", checked, len(unchecked))
		o.Affected = unchecked
		return o
	}
	return pass("Softphones checked: %d. None is a known compromised build.", checked)
}
