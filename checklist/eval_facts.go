package checklist

import (
	"slices"
	"strings"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// fact is one thing an automated check rests on: a facet of the inventory and,
// within it, the items the check can actually judge. A facet that was collected
// but holds only items the check cannot judge (phones nobody could identify,
// devices with no usage data) is as good as missing.
type fact struct {
	facet inventory.Facet
	// judgeable reports whether item i of the facet can be judged. Nil means
	// every item can, so the facet only has to hold something.
	judgeable func(f *Facts, i int) bool
	// none says, in a sentence for the report, that no item could be judged.
	none string
}

func need(facet inventory.Facet) fact { return fact{facet: facet} }

func needWhere(facet inventory.Facet, judgeable func(f *Facts, i int) bool, none string) fact {
	return fact{facet: facet, judgeable: judgeable, none: none}
}

// run judges a check on the facts there are. When some declared fact is
// missing or holds nothing to judge, the check cannot pass: it is unknown and
// says which fact is missing and why. The evaluator still runs when there is
// something to look at, because a failure it finds is real whatever else is
// missing.
func (a automated) run(f *Facts) Outcome {
	var missing []string
	unmet := 0
	for _, n := range a.needs {
		why := n.unmet(f)
		if why == "" {
			continue
		}
		unmet++
		// Two needs on one facet share its gap reason: say it once.
		if !slices.Contains(missing, why) {
			missing = append(missing, why)
		}
	}
	if unmet == len(a.needs) {
		return Outcome{Status: StatusUnknown, Evidence: strings.Join(missing, " ")}
	}
	o := a.judge(f)
	if unmet == 0 {
		return o
	}
	why := strings.Join(missing, " ")
	if o.Status == StatusFail {
		o.Evidence = joinNonEmpty(" ", o.Evidence, "Not everything could be checked: "+lowerFirst(why))
		return o
	}
	u := Outcome{Status: StatusUnknown, Evidence: why}
	if o.Status == StatusUnknown && len(o.Affected) > 0 {
		// The evaluator could name items to check by hand; keep them.
		u.Evidence = joinNonEmpty(" ", why, o.Evidence)
		u.Affected = o.Affected
	}
	return u
}

// unmet says why the fact cannot be relied on, or "" when it can.
func (n fact) unmet(f *Facts) string {
	inv := f.Inventory
	text := facetTexts[n.facet]
	source := sourceName(inv)
	if !inv.Has(n.facet) {
		if reason, ok := inv.GapReason(n.facet); ok && strings.TrimSpace(reason) != "" {
			return withSource(text.gap, source) + " " + sentence(reason)
		}
		return withSource(text.missing, source)
	}
	size := facetSize(inv, n.facet)
	if size == 0 {
		return withSource(text.empty, source)
	}
	if n.judgeable == nil {
		return ""
	}
	for i := range size {
		if n.judgeable(f, i) {
			return ""
		}
	}
	return withSource(n.none, source)
}

// facetTexts holds, per facet, what to say when it was not collected, when the
// source tried and could not read it (the source's reason follows), and when
// it holds nothing. {source} is where the inventory came from.
var facetTexts = map[inventory.Facet]struct{ missing, gap, empty string }{
	inventory.FacetExtensions: {"{source} did not list its extensions.", "{source}'s extensions could not be read:", "{source} listed no extensions."},
	inventory.FacetVoicemail:  {"{source} did not report its voicemail boxes.", "{source}'s voicemail boxes could not be read:", "{source} listed no voicemail boxes."},
	inventory.FacetDevices:    {"{source} did not list its phones and other devices.", "{source}'s phones and other devices could not be read:", "{source} listed no phones or other devices."},
	inventory.FacetAdmins:     {"{source} did not list its admin accounts.", "{source}'s admin accounts could not be read:", "{source} listed no admin accounts."},
	inventory.FacetDialling:   {"{source} did not report its dialling rules.", "{source}'s dialling rules could not be read:", "{source} gave no dialling rules."},
	inventory.FacetTrunks:     {"{source} did not report its trunks.", "{source}'s trunks could not be read:", "{source} listed no trunks."},
	inventory.FacetCalls:      {"No call records were read from {source}.", "{source}'s call records could not be read:", "{source} gave no call records."},
	inventory.FacetStaff:      {"No staff list was given to compare with the extensions.", "The staff list could not be read:", "The staff list is empty."},
	inventory.FacetExposure:   {"The phone system's address has not been probed: run 'ringfence probe' or choose \"Check what the internet sees\" in the app.", "The probe of the phone system's address did not finish:", "The probe of the phone system's address tried no port."},
	inventory.FacetPBX:        {"The phone system's product and version were not reported.", "The phone system's product and version could not be read:", "The phone system's product and version were not reported."},
}

func withSource(text, source string) string {
	if strings.HasPrefix(text, "{source}") {
		return source + text[len("{source}"):]
	}
	return strings.ReplaceAll(text, "{source}", strings.ToLower(source[:1])+source[1:])
}

func sourceName(inv *inventory.Inventory) string {
	if inv.Source.Connector == "csv" {
		return "The spreadsheet"
	}
	return "The phone system"
}

// facetSize is how many items a facet holds; a policy or the PBX counts as one.
func facetSize(inv *inventory.Inventory, f inventory.Facet) int {
	switch f {
	case inventory.FacetExtensions:
		return len(inv.Extensions)
	case inventory.FacetVoicemail:
		return len(inv.Voicemail)
	case inventory.FacetDevices:
		return len(inv.Devices)
	case inventory.FacetAdmins:
		return len(inv.Admins)
	case inventory.FacetTrunks:
		return len(inv.Trunks)
	case inventory.FacetCalls:
		return len(inv.Calls)
	case inventory.FacetStaff:
		return len(inv.Staff)
	case inventory.FacetDialling:
		if inv.Dialling != nil {
			return 1
		}
	case inventory.FacetExposure:
		if inv.Exposure != nil {
			return len(inv.Exposure.Ports)
		}
	case inventory.FacetPBX:
		if inv.PBX.Product != "" || inv.PBX.Version != "" || len(inv.PBX.Components) > 0 {
			return 1
		}
	}
	return 0
}

func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// The facts the evaluators rest on. Each predicate is also what the evaluator
// itself uses to tell a judged item from one it must leave unknown.
var (
	anyDevice = need(inventory.FacetDevices)

	devicesWithKnownOwner = needWhere(inventory.FacetDevices, func(f *Facts, i int) bool {
		_, known := f.deviceOwner(f.Inventory.Devices[i])
		return known
	}, "No device's owner could be looked up: each names an extension, and the extensions were not listed.")

	identifiedPhones = needWhere(inventory.FacetDevices, func(f *Facts, i int) bool {
		return hardware(f.Inventory.Devices[i]) && f.devices()[i].identified
	}, "No phone could be identified (make, model and firmware version), so none could be checked.")

	phonesWithKnownModel = needWhere(inventory.FacetDevices, func(f *Facts, i int) bool {
		return hardware(f.Inventory.Devices[i]) && f.devices()[i].modelKnown
	}, "No phone's make and model could be identified, so none could be checked.")

	identifiedDevices = needWhere(inventory.FacetDevices, func(f *Facts, i int) bool {
		return f.devices()[i].identified
	}, "No device could be identified (make, model and firmware version), so none could be checked.")

	identifiedSoftphones = needWhere(inventory.FacetDevices, func(f *Facts, i int) bool {
		return f.Inventory.Devices[i].Kind == inventory.DeviceSoftphone && f.devices()[i].identified
	}, "No softphone app with a known name and version is listed, so none could be checked.")

	devicesWithUsage = needWhere(inventory.FacetDevices, func(f *Facts, i int) bool {
		d := f.Inventory.Devices[i]
		return deviceNamed(d) && !d.LastSeen.IsZero()
	}, "{source} gives no usage data for its devices (when each was last seen).")

	extensionsWithUsage = needWhere(inventory.FacetExtensions, func(f *Facts, i int) bool {
		e := f.Inventory.Extensions[i]
		return e.Number != "" && !e.LastActive.IsZero()
	}, "{source} gives no usage data for its extensions (when each was last used).")

	numberedExtensions = needWhere(inventory.FacetExtensions, func(f *Facts, i int) bool {
		return f.Inventory.Extensions[i].Number != ""
	}, "No extension could be identified by its number.")

	usersWithMFAState = needWhere(inventory.FacetExtensions, func(f *Facts, i int) bool {
		e := f.Inventory.Extensions[i]
		return e.Number != "" && e.Enabled && personalExtension(e) && mfaKnown(e.MFA)
	}, "{source} does not say, for any user it names, whether they use MFA.")

	judgedMailboxes = needWhere(inventory.FacetVoicemail, func(f *Facts, i int) bool {
		return mailboxJudged(f.Inventory.Voicemail[i])
	}, "No enabled voicemail box with a PIN that could be judged was listed.")

	namedAdmins = needWhere(inventory.FacetAdmins, func(f *Facts, i int) bool {
		a := f.Inventory.Admins[i]
		return a.Enabled && a.Username != ""
	}, "No enabled admin account with a readable username was listed.")

	dialling = need(inventory.FacetDialling)

	namedTrunks = needWhere(inventory.FacetTrunks, func(f *Facts, i int) bool {
		return trunkNamed(f.Inventory.Trunks[i])
	}, "No trunk could be identified by name or provider.")

	callsWithNumber = needWhere(inventory.FacetCalls, func(f *Facts, i int) bool {
		c := f.Inventory.Calls[i]
		return c.To != "" && !c.Start.IsZero()
	}, "No call record says when the call was made and what number was dialled.")

	callsFromExtension = needWhere(inventory.FacetCalls, func(f *Facts, i int) bool {
		c := f.Inventory.Calls[i]
		return c.From != "" && !c.Start.IsZero()
	}, "No call record says when the call was made and from which extension.")

	namedStaff = needWhere(inventory.FacetStaff, func(f *Facts, i int) bool {
		s := f.Inventory.Staff[i]
		return strings.TrimSpace(s.Name) != "" || strings.TrimSpace(s.Email) != ""
	}, "No one on the staff list has a name or e-mail address.")

	pbxVersion = needWhere(inventory.FacetPBX, func(f *Facts, _ int) bool {
		return f.Inventory.PBX.Product != "" && f.Inventory.PBX.Version != ""
	}, "The phone system's version was not reported.")
)

func mfaKnown(s inventory.MFAState) bool {
	return s == inventory.MFAEnabled || s == inventory.MFADisabled
}

func mailboxJudged(m inventory.Mailbox) bool {
	return m.Enabled && m.Extension != "" && m.PIN.Verdict != inventory.PINUnknown && m.PIN.Verdict != ""
}

func trunkNamed(t inventory.Trunk) bool {
	return strings.TrimSpace(t.Name) != "" || strings.TrimSpace(t.Provider) != ""
}

// deviceNamed reports whether anything says which device this is.
func deviceNamed(d inventory.Device) bool {
	return firstNonEmpty(d.MAC, d.IP, d.UserAgent, d.Model, d.Vendor, d.Owner) != ""
}

// deviceOwner says who answers for a device. Connectors record the extension a
// device is assigned to, and a spreadsheet without an extension column records
// the person's name; an extension number only names an owner when that
// extension has a person's name or e-mail address on it.
func (f *Facts) deviceOwner(d inventory.Device) (owner string, known bool) {
	o := strings.TrimSpace(d.Owner)
	if o == "" {
		return "", true
	}
	if !allDigits(o) {
		return o, true
	}
	if !f.Inventory.Has(inventory.FacetExtensions) {
		return "", false
	}
	// A listed extension list that lacks the number names nobody for it.
	e, _ := f.extension(o)
	return firstNonEmpty(strings.TrimSpace(e.Name), strings.TrimSpace(e.Email)), true
}

// extension finds a listed extension by number.
func (f *Facts) extension(number string) (inventory.Extension, bool) {
	inv := f.Inventory
	if f.extensionIndex == nil {
		f.extensionIndex = make(map[string]int, len(inv.Extensions))
		for i, e := range inv.Extensions {
			if _, dup := f.extensionIndex[e.Number]; !dup {
				f.extensionIndex[e.Number] = i
			}
		}
	}
	i, ok := f.extensionIndex[number]
	if !ok {
		return inventory.Extension{}, false
	}
	return inv.Extensions[i], true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
