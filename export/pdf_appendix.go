package export

import (
	"strings"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
)

func (d *doc) appendices() {
	d.section("Appendices")
	d.para("For the IT provider or an auditor: the equipment found, how each check maps to Cyber Essentials and ISO/IEC 27001:2022, how the audit was done, and what the technical words in this report mean.", "", 9.5, 0)
	d.inventoryAppendix()
	d.mappingAppendix()
	d.methodAppendix()
	d.glossaryAppendix()
}

// firmwareWord names a firmware verdict in words an owner can act on. A phone
// behind its maker's newest build is not "up to date", even with no known flaw.
func firmwareWord(v firmware.Verdict) string {
	switch v.Status {
	case firmware.StatusOutdated:
		return "Update needed"
	case firmware.StatusEndOfLife:
		return "End of life"
	case firmware.StatusExploited:
		return "Exploited flaw"
	case firmware.StatusCompromised:
		return "Compromised build"
	}
	switch v.Class() {
	case firmware.ClassOutdated:
		return "Newer build available"
	case firmware.ClassCurrent:
		return "Up to date"
	}
	return "Unknown"
}

func deviceKindWord(k inventory.DeviceKind) string {
	switch k {
	case inventory.DeviceDeskPhone:
		return "Desk phone"
	case inventory.DeviceDECT:
		return "DECT cordless"
	case inventory.DeviceSoftphone:
		return "Softphone app"
	case inventory.DeviceATA:
		return "Analogue adapter"
	case inventory.DeviceGateway:
		return "Gateway"
	case inventory.DevicePBX:
		return "Phone system"
	}
	return capitalise(strings.ReplaceAll(string(k), "_", " "))
}

func (d *doc) inventoryAppendix() {
	inv := &d.a.Inventory
	d.subheading("A. Phones and devices", 20)
	switch {
	case !inv.Has(inventory.FacetDevices) && len(inv.Devices) == 0:
		d.para("The phone system's list of devices was not read, so there is no equipment list in this audit.", "", 9.5, 0)
		return
	case len(inv.Devices) == 0:
		d.para("The phone system reported no devices.", "", 9.5, 0)
		return
	}
	verdicts := make([]firmware.Verdict, len(inv.Devices))
	tally := make(map[string]int)
	for i, dev := range inv.Devices {
		verdicts[i] = checklist.DeviceFirmware(dev)
		tally[firmwareWord(verdicts[i])]++
	}
	var parts []string
	for _, w := range []string{"Up to date", "Newer build available", "Update needed", "End of life",
		"Exploited flaw", "Compromised build", "Unknown"} {
		if n := tally[w]; n > 0 {
			parts = append(parts, itoa(n)+" "+strings.ToLower(w))
		}
	}
	d.para(count(len(inv.Devices), "device", "devices")+": "+strings.Join(parts, ", ")+".", "", 9.5, 0)
	d.gap(2)
	t := d.table("Phones and devices", 8,
		column{title: "Device", share: 0.33},
		column{title: "Type", share: 0.12},
		column{title: "Firmware", share: 0.13},
		column{title: "Status", share: 0.12},
		column{title: "Note", share: 0.30})
	t.begin()
	for i, dev := range inv.Devices {
		version := dev.Firmware
		if version == "" {
			version = "not reported"
		}
		status := txt(firmwareWord(verdicts[i]))
		if verdicts[i].Class() != firmware.ClassCurrent {
			status = bold(status.text)
		}
		t.row(txt(dev.Label()), txt(deviceKindWord(dev.Kind)), txt(version), status, dim(verdicts[i].Reason))
	}
	t.end()
}

func (d *doc) mappingAppendix() {
	d.subheading("B. Checks and the standards they support", 20)
	d.para("Cyber Essentials is the UK government-backed scheme for basic cyber security; ISO/IEC 27001:2022 is the international standard for managing information security, and its Annex A lists controls.", "", 9.5, 0)
	d.gap(2)
	status := make(map[string]checklist.Status, len(d.a.Results))
	for _, r := range d.a.Results {
		status[r.CheckID] = r.Status
	}
	t := d.table("Checks and standards", 7.5,
		column{title: "Check", share: 0.09},
		column{title: "What it covers", share: 0.32},
		column{title: "Status", share: 0.10},
		column{title: "Cyber Essentials", share: 0.22},
		column{title: "ISO/IEC 27001:2022 Annex A", share: 0.27})
	t.begin()
	for _, ch := range d.cat.Checks {
		st := "not run"
		if s, ok := status[ch.ID]; ok {
			st = statusWord(s)
		}
		ce, iso := ch.Refs.CyberEssentials, ch.Refs.ISO27001
		if ce == "" {
			ce = "—"
		}
		if iso == "" {
			iso = "—"
		}
		t.row(code(ch.ID), txt(ch.Title), txt(st), txt(ce), txt(strings.ReplaceAll(iso, "; ", "\n")))
	}
	t.end()
}

// facetWords names the kinds of fact a source can supply, in plain words.
var facetWords = []struct {
	facet inventory.Facet
	words string
}{
	{inventory.FacetPBX, "the phone system's product and version"},
	{inventory.FacetExtensions, "extensions and who they belong to"},
	{inventory.FacetVoicemail, "voicemail boxes and PIN verdicts"},
	{inventory.FacetDevices, "phones and other devices"},
	{inventory.FacetAdmins, "admin accounts"},
	{inventory.FacetDialling, "dialling restrictions"},
	{inventory.FacetTrunks, "lines to the phone company (trunks)"},
	{inventory.FacetCalls, "call records"},
	{inventory.FacetStaff, "the staff list"},
}

func (d *doc) methodAppendix() {
	src := d.a.Inventory.Source
	d.subheading("C. How this audit was done", 30)
	connected := src.Connector != "" && src.Connector != "answers only"
	if connected {
		text := "Ringfence read the phone system through its " + src.Connector + " connection"
		if src.Detail != "" {
			text += " (" + src.Detail + ")"
		}
		if !src.FetchedAt.IsZero() {
			text += " on " + longDate(src.FetchedAt) + " at " + src.FetchedAt.Format("15:04")
		}
		d.para(text+". It only reads: it changed nothing on the phone system.", "", 9.5, 0)
	} else {
		d.para("No phone system was connected: every status comes from answers to the audit questions.", "", 9.5, 0)
	}
	d.para(judgedLine(d.a)+" "+staleNotice(d.a), "", 9.5, 0)
	if x := d.a.Inventory.Exposure; x != nil {
		// Whose view a probe shows decides what it proves, so the report
		// says it in the probe's own words.
		d.para(probeLine(x), "", 9.5, 0)
	}
	var got, missing []string
	for _, f := range facetWords {
		if d.a.Inventory.Has(f.facet) {
			got = append(got, f.words)
		} else {
			missing = append(missing, f.words)
		}
	}
	if len(got) > 0 {
		d.label("Read from the phone system", d.left())
		d.list(got, false, 9, 0)
	}
	if connected && len(missing) > 0 {
		d.label("Not available from this phone system", d.left())
		d.list(missing, false, 9, 0)
	}

	byBasis := map[string][]string{}
	for _, r := range d.a.Results {
		basis := r.Basis
		if r.Status == checklist.StatusUnknown {
			basis = checklist.FromNothing
		}
		byBasis[basis] = append(byBasis[basis], r.CheckID)
	}
	d.label("Where each status came from", d.left())
	d.gap(1)
	t := d.table("Where each status came from", 8.5,
		column{title: "Evidence", share: 0.24},
		column{title: "Checks", share: 0.10, align: "R"},
		column{title: "Which", share: 0.66})
	t.begin()
	for _, b := range []struct{ basis, words string }{
		{checklist.FromInventory, "Read from the phone system"},
		{checklist.FromAnswer, "Answers to questions"},
		{checklist.FromNothing, "No evidence (unknown)"},
	} {
		ids := byBasis[b.basis]
		t.row(txt(b.words), txt(itoa(len(ids))), code(strings.Join(ids, ", ")))
	}
	t.end()

	d.label("How to read the results", d.left())
	d.list([]string{
		"Where the phone system can answer a check, its data wins over anyone's answer, so an answer cannot hide a problem the system reports.",
		"Pass and fail mean what they say. Unknown means there was no evidence either way; it is never counted as a pass.",
		"The score is the share of checks that pass, weighted by severity (critical counts 10, high 5, medium 3, low 1). Unknown checks count against it; not-applicable checks are left out.",
		"Confidence is the share of checks, by the same weights, that had evidence at all.",
		"An accepted risk is a failure someone chose to live with until a date; after that date it counts as a failure again.",
		"Voicemail PINs were judged as they were read and then forgotten: no PIN is stored or printed. Passwords for the phone system stay in the computer's secure keyring.",
	}, false, 9, 0)
}
