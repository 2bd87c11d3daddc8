package checklist

import (
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// directCase is one hand-made situation for one automated check: a change to a
// clean site and the status it must lead to.
type directCase struct {
	id, name string
	change   func(inv *inventory.Inventory)
	want     Status
	// says, when set, must appear in the evidence.
	says string
}

func dropFacet(inv *inventory.Inventory, f inventory.Facet) {
	mutate(inv, f, removed, false)
}

func withDevices(ds ...inventory.Device) func(*inventory.Inventory) {
	return func(inv *inventory.Inventory) { inv.Devices = ds }
}

var (
	goodPhone  = inventory.Device{Kind: inventory.DeviceDeskPhone, Vendor: "Grandstream", Model: "GXP1625", Firmware: "1.0.7.81", MAC: "00:0b:82:00:00:01", Owner: "201", LastSeen: testNow}
	oldPhone   = inventory.Device{Kind: inventory.DeviceDeskPhone, Vendor: "Grandstream", Model: "GXP1625", Firmware: "1.0.7.64", MAC: "00:0b:82:00:00:02", Owner: "201", LastSeen: testNow}
	goodApp    = inventory.Device{Kind: inventory.DeviceSoftphone, Vendor: "3CX", Model: "3CX DesktopApp", Firmware: "18.12.425", IP: "10.0.0.5", Owner: "201", LastSeen: testNow}
	badApp     = inventory.Device{Kind: inventory.DeviceSoftphone, Vendor: "3CX", Model: "3CX DesktopApp", Firmware: "18.12.416", IP: "10.0.0.6", Owner: "201", LastSeen: testNow}
	mysteryBox = inventory.Device{Kind: inventory.DeviceDeskPhone, UserAgent: "VoIP-Door/1", MAC: "00:0b:82:00:00:03", Owner: "201", LastSeen: testNow}
)

// openPort makes one probed port accept connections, seen from the given place.
func openPort(from inventory.Vantage, port int) func(*inventory.Inventory) {
	return func(inv *inventory.Inventory) {
		inv.Exposure.From = from
		setPort(inv, port, inventory.PortAnswer{Port: port, Checked: true, Open: true})
	}
}

func setPort(inv *inventory.Inventory, port int, pa inventory.PortAnswer) {
	for i := range inv.Exposure.Ports {
		if inv.Exposure.Ports[i].Port == port {
			inv.Exposure.Ports[i] = pa
		}
	}
}

var directCases = []directCase{
	{"EP-01", "every phone belongs to a named extension", nil, StatusPass, ""},
	{"EP-01", "blank owner behind an extension number", func(inv *inventory.Inventory) {
		inv.Extensions[0].Name, inv.Extensions[0].Email = "", ""
		inv.Devices = []inventory.Device{goodPhone}
	}, StatusFail, "no person's name"},
	{"EP-01", "blank owner in a spreadsheet: the extension is in no one's name", func(inv *inventory.Inventory) {
		inv.Source.Connector = "csv"
		inv.Extensions = inv.Extensions[1:]
		inv.Devices = []inventory.Device{goodPhone}
	}, StatusFail, "no person's name"},
	{"EP-01", "phone with no owner at all", withDevices(inventory.Device{Kind: inventory.DeviceDeskPhone, MAC: "00:0b:82:00:00:09"}), StatusFail, ""},
	{"EP-01", "owners name extensions that were not listed", func(inv *inventory.Inventory) { dropFacet(inv, inventory.FacetExtensions) }, StatusUnknown, "could be looked up"},

	{"EP-02", "every device identified", nil, StatusPass, ""},
	{"EP-02", "a user agent nobody recognises", withDevices(goodPhone, mysteryBox), StatusUnknown, "could not be identified"},
	{"EP-02", "devices not read", func(inv *inventory.Inventory) { inv.AddGap(inventory.FacetDevices, "the API refused") }, StatusUnknown, "the API refused"},

	{"EP-03", "current models", nil, StatusPass, ""},
	{"EP-03", "an end-of-life Cisco SPA", withDevices(goodPhone, inventory.Device{Kind: inventory.DeviceDeskPhone, UserAgent: "Cisco/SPA504G-7.6.2", MAC: "00:0b:82:00:00:04", Owner: "202"}), StatusFail, ""},
	{"EP-03", "maker written in the model column, no vendor and no firmware", withDevices(inventory.Device{Kind: inventory.DeviceDeskPhone, Model: "Cisco SPA504G", MAC: "00:0b:82:00:00:05", Owner: "201"}), StatusFail, "no longer supports"},
	{"EP-03", "a supported model with no firmware version", withDevices(inventory.Device{Kind: inventory.DeviceDeskPhone, Vendor: "Grandstream", Model: "GXP1625", MAC: "00:0b:82:00:00:06", Owner: "201"}), StatusPass, ""},
	{"EP-03", "no phone's model known", withDevices(mysteryBox), StatusUnknown, "make and model"},
	{"EP-03", "some phones unidentified", withDevices(goodPhone, mysteryBox), StatusUnknown, "could not be identified"},

	{"EP-07", "everything used recently", nil, StatusPass, ""},
	{"EP-07", "a phone not seen for months", func(inv *inventory.Inventory) { inv.Devices[0].LastSeen = testNow.AddDate(0, -5, 0) }, StatusFail, "not seen"},
	{"EP-07", "an enabled extension with nobody's name", func(inv *inventory.Inventory) { inv.Extensions[0].Name, inv.Extensions[0].Email = "", "" }, StatusFail, "no named owner"},
	{"EP-07", "no usage data at all", func(inv *inventory.Inventory) {
		for i := range inv.Extensions {
			inv.Extensions[i].LastActive = time.Time{}
		}
		for i := range inv.Devices {
			inv.Devices[i].LastSeen = time.Time{}
		}
	}, StatusUnknown, "no usage data"},
	{"EP-07", "no usage data, but an extension in nobody's name", func(inv *inventory.Inventory) {
		for i := range inv.Extensions {
			inv.Extensions[i].LastActive = time.Time{}
		}
		dropFacet(inv, inventory.FacetDevices)
		inv.Extensions[0].Name, inv.Extensions[0].Email = "", ""
	}, StatusFail, "no named owner"},

	{"FW-01", "patched phones", withDevices(goodPhone), StatusPass, ""},
	{"FW-01", "firmware below the safe version", withDevices(goodPhone, oldPhone), StatusFail, ""},
	{"FW-01", "no phone identified", withDevices(mysteryBox), StatusUnknown, "No phone could be identified"},

	{"FW-02", "nothing on the KEV list", withDevices(goodPhone, goodApp), StatusPass, ""},
	{"FW-02", "FreePBX endpoint module attackers exploit", func(inv *inventory.Inventory) {
		inv.PBX.Components = append(inv.PBX.Components, inventory.Component{Name: "endpoint", Version: "16.0.88"})
	}, StatusFail, "Known Exploited"},
	{"FW-02", "no phone could be identified", withDevices(mysteryBox), StatusUnknown, "No device could be identified"},
	{"FW-02", "phone system version not reported", func(inv *inventory.Inventory) { inv.PBX.Version = "" }, StatusUnknown, "version was not reported"},

	{"FW-03", "patched Asterisk", nil, StatusPass, ""},
	{"FW-03", "Asterisk below the fixed release", func(inv *inventory.Inventory) {
		inv.PBX.Components = []inventory.Component{{Name: "asterisk", Version: "18.20.0"}}
	}, StatusFail, ""},
	{"FW-03", "version not reported", func(inv *inventory.Inventory) { inv.PBX.Version = "" }, StatusUnknown, "version was not reported"},

	{"FW-08", "phones on the newest build", withDevices(inventory.Device{Kind: inventory.DeviceDeskPhone, Vendor: "Yealink", Model: "SIP-T46S", Firmware: "66.86.0.15", MAC: "00:15:65:00:00:02", Owner: "201", LastSeen: testNow}), StatusPass, ""},
	{"FW-08", "a phone behind its maker's newest build", withDevices(inventory.Device{Kind: inventory.DeviceDeskPhone, Vendor: "Yealink", Model: "SIP-T46S", Firmware: "66.84.0.125", MAC: "00:15:65:00:00:01", Owner: "201", LastSeen: testNow}), StatusFail, "newest"},
	{"FW-08", "no phone identified", withDevices(mysteryBox), StatusUnknown, "No phone could be identified"},
	{"FW-04", "a safe desktop app build", withDevices(goodPhone, goodApp), StatusPass, ""},
	{"FW-04", "a compromised build named with its maker", withDevices(goodPhone, goodApp, badApp), StatusFail, "malware"},
	{"FW-04", "a compromised build found by its user agent", withDevices(inventory.Device{Kind: inventory.DeviceSoftphone, UserAgent: "3CXDesktopApp/18.12.416", IP: "10.0.0.7"}), StatusFail, ""},
	{"FW-04", "no softphones at all", withDevices(goodPhone), StatusUnknown, "No softphone"},
	{"FW-04", "a softphone with no version", withDevices(goodApp, inventory.Device{Kind: inventory.DeviceSoftphone, Vendor: "3CX", Model: "3CX DesktopApp", IP: "10.0.0.8"}), StatusUnknown, "not known"},

	{"LV-01", "everyone on the staff list", nil, StatusPass, ""},
	{"LV-01", "an extension nobody on the list owns", func(inv *inventory.Inventory) { inv.Staff = inv.Staff[1:] }, StatusFail, ""},
	{"LV-01", "no staff list", func(inv *inventory.Inventory) { dropFacet(inv, inventory.FacetStaff) }, StatusUnknown, "No staff list"},

	{"LV-03", "no leavers", nil, StatusPass, ""},
	{"LV-03", "a leaver still has an extension", func(inv *inventory.Inventory) { inv.Staff[0].Left = testNow.AddDate(0, 0, -10) }, StatusFail, ""},
	{"LV-03", "staff list with no names", func(inv *inventory.Inventory) { blankIdentities(inv, inventory.FacetStaff) }, StatusUnknown, "name or e-mail"},

	{"LV-06", "no calls after anyone left", nil, StatusPass, ""},
	{"LV-06", "a call after leaving", func(inv *inventory.Inventory) {
		inv.Staff[0].Left = testNow.AddDate(0, 0, -10)
		inv.Calls = append(inv.Calls, inventory.Call{Start: testNow.AddDate(0, 0, -2), From: inv.Extensions[0].Number, To: "01614960000", Duration: time.Minute})
	}, StatusFail, ""},
	{"LV-06", "no call records", func(inv *inventory.Inventory) { dropFacet(inv, inventory.FacetCalls) }, StatusUnknown, "call records"},

	{"MFA-01", "every admin uses MFA", nil, StatusPass, ""},
	{"MFA-01", "an admin without MFA", func(inv *inventory.Inventory) { inv.Admins[0].MFA = inventory.MFADisabled }, StatusFail, ""},
	{"MFA-01", "MFA not reported", func(inv *inventory.Inventory) {
		for i := range inv.Admins {
			inv.Admins[i].MFA = inventory.MFAUnknown
		}
	}, StatusUnknown, "could not be confirmed"},

	{"MFA-02", "every user has MFA", nil, StatusPass, ""},
	{"MFA-02", "a user without MFA", func(inv *inventory.Inventory) { inv.Extensions[0].MFA = inventory.MFADisabled }, StatusFail, "password alone"},
	{"MFA-02", "MFA not reported for anyone", func(inv *inventory.Inventory) {
		for i := range inv.Extensions {
			inv.Extensions[i].MFA = ""
		}
	}, StatusUnknown, "MFA"},
	{"MFA-02", "MFA not reported for some", func(inv *inventory.Inventory) { inv.Extensions[1].MFA = inventory.MFAUnknown }, StatusUnknown, "could not be read"},

	{"MFA-03", "named admins", nil, StatusPass, ""},
	{"MFA-03", "a shared admin login", func(inv *inventory.Inventory) { inv.Admins[0].Username = "admin" }, StatusFail, ""},
	{"MFA-03", "admins not listed", func(inv *inventory.Inventory) { dropFacet(inv, inventory.FacetAdmins) }, StatusUnknown, "admin accounts"},

	{"MON-02", "ordinary calls", nil, StatusPass, ""},
	{"MON-02", "a night call to a high-risk country", func(inv *inventory.Inventory) {
		inv.Calls = append(inv.Calls, inventory.Call{Start: time.Date(2026, 11, 18, 2, 0, 0, 0, time.UTC), From: inv.Extensions[0].Number, To: "+2348031234567", Duration: 20 * time.Minute})
	}, StatusFail, ""},
	{"MON-02", "records without numbers", func(inv *inventory.Inventory) { blankIdentities(inv, inventory.FacetCalls) }, StatusUnknown, "what number was dialled"},

	{"NW-01", "no admin port answers, seen from outside", nil, StatusPass, "outside the office"},
	{"NW-01", "the web admin answers the internet", openPort(inventory.VantageOutside, 443), StatusFail, "port 443"},
	{"NW-01", "the web admin answers inside the office", openPort(inventory.VantageInside, 443), StatusUnknown, "not what the internet sees"},
	{"NW-01", "the web admin answers from a place not stated", openPort(inventory.VantageUnsaid, 8080), StatusUnknown, "not what the internet sees"},
	{"NW-01", "nothing answers inside the office", func(inv *inventory.Inventory) { inv.Exposure.From = inventory.VantageInside }, StatusUnknown, "not what the internet sees"},
	{"NW-01", "a private address probed from 'outside' over a VPN", func(inv *inventory.Inventory) {
		inv.Exposure.Address, inv.Exposure.PrivateAddress = "192.168.1.10", true
	}, StatusUnknown, "private address"},
	{"NW-01", "one admin port not tried", func(inv *inventory.Inventory) { inv.Exposure.Ports[1].Checked = false }, StatusUnknown, "1 port was not tried"},
	{"NW-01", "an admin port missing from the probe", func(inv *inventory.Inventory) { inv.Exposure.Ports = inv.Exposure.Ports[1:] }, StatusUnknown, "not tried"},
	{"NW-01", "never probed", func(inv *inventory.Inventory) { dropFacet(inv, inventory.FacetExposure) }, StatusUnknown, "ringfence probe"},
	{"NW-01", "probe stopped before any port", func(inv *inventory.Inventory) {
		for i := range inv.Exposure.Ports {
			inv.Exposure.Ports[i].Checked = false
		}
	}, StatusUnknown, "stopped before"},

	{"NW-06", "Telnet, FTP and SSH off", nil, StatusPass, "Phones were not probed"},
	{"NW-06", "Telnet answers inside the office", openPort(inventory.VantageInside, 23), StatusFail, "Telnet"},
	{"NW-06", "FTP answers the internet", openPort(inventory.VantageOutside, 21), StatusFail, "FTP"},
	{"NW-06", "SSH answers the internet", openPort(inventory.VantageOutside, 22), StatusFail, "SSH"},
	{"NW-06", "SSH answers inside the office", openPort(inventory.VantageInside, 22), StatusUnknown, "Switch SSH off if you do not use it"},
	{"NW-06", "Telnet not tried", func(inv *inventory.Inventory) { setPort(inv, 23, inventory.PortAnswer{Port: 23}) }, StatusUnknown, "not tried"},
	{"NW-06", "never probed", func(inv *inventory.Inventory) { dropFacet(inv, inventory.FacetExposure) }, StatusUnknown, "not been probed"},

	{"NW-02", "trunks locked to the provider", nil, StatusPass, ""},
	{"NW-02", "a trunk open to the internet", func(inv *inventory.Inventory) { inv.Trunks[0].IPRestricted = false }, StatusFail, ""},
	{"NW-02", "trunks with no names", func(inv *inventory.Inventory) { blankIdentities(inv, inventory.FacetTrunks) }, StatusUnknown, "No trunk"},

	{"NW-03", "encrypted trunks", nil, StatusPass, ""},
	{"NW-03", "a trunk over UDP", func(inv *inventory.Inventory) { inv.Trunks[0].Transport = "udp" }, StatusFail, ""},
	{"NW-03", "no trunks listed", func(inv *inventory.Inventory) { inv.Trunks = nil }, StatusUnknown, "listed no trunks"},

	{"PIN-01", "sound PINs", nil, StatusPass, ""},
	{"PIN-01", "PIN equals the extension", func(inv *inventory.Inventory) {
		inv.Voicemail[0].PIN = inventory.PINJudgement{Verdict: inventory.PINEqualsExtension}
	}, StatusFail, ""},
	{"PIN-01", "no mailbox enabled", func(inv *inventory.Inventory) {
		for i := range inv.Voicemail {
			inv.Voicemail[i].Enabled = false
		}
	}, StatusUnknown, "voicemail box"},

	{"PIN-02", "sound PINs", nil, StatusPass, ""},
	{"PIN-02", "a common PIN", func(inv *inventory.Inventory) {
		inv.Voicemail[0].PIN = inventory.PINJudgement{Verdict: inventory.PINWeak, Reason: "one of the most common PINs"}
	}, StatusFail, ""},
	{"PIN-02", "PINs not read", func(inv *inventory.Inventory) {
		for i := range inv.Voicemail {
			inv.Voicemail[i].PIN = inventory.PINJudgement{Verdict: inventory.PINUnknown}
		}
	}, StatusUnknown, "could be judged"},

	{"PIN-03", "long PINs", nil, StatusPass, ""},
	{"PIN-03", "a short PIN", func(inv *inventory.Inventory) {
		inv.Voicemail[0].PIN = inventory.PINJudgement{Verdict: inventory.PINWeak, Reason: ShortPINReason, Short: true}
	}, StatusFail, ""},
	{"PIN-03", "voicemail not read", func(inv *inventory.Inventory) {
		inv.AddGap(inventory.FacetVoicemail, "no permission to read voicemail")
	}, StatusUnknown, "no permission"},

	{"PIN-06", "every mailbox asks for a PIN", nil, StatusPass, ""},
	{"PIN-06", "a mailbox with no PIN", func(inv *inventory.Inventory) {
		inv.Voicemail[0].PIN = inventory.PINJudgement{Verdict: inventory.PINUnset}
	}, StatusFail, ""},
	{"PIN-06", "mailboxes with no extension", func(inv *inventory.Inventory) { blankIdentities(inv, inventory.FacetVoicemail) }, StatusUnknown, "voicemail box"},

	{"TF-01", "a short allow-list", nil, StatusPass, ""},
	{"TF-01", "international open", func(inv *inventory.Inventory) { inv.Dialling.InternationalOpen = true }, StatusFail, ""},
	{"TF-01", "Somalia and Cuba on the allow-list", func(inv *inventory.Inventory) { inv.Dialling.AllowedCountries = []string{"33", "252", "53"} }, StatusFail, "Somalia"},
	{"TF-01", "dialling rules not read", func(inv *inventory.Inventory) { dropFacet(inv, inventory.FacetDialling) }, StatusUnknown, "dialling rules"},

	{"TF-02", "premium ranges barred", nil, StatusPass, ""},
	{"TF-02", "09 not barred", func(inv *inventory.Inventory) { inv.Dialling.BlockedPrefixes = []string{"118"} }, StatusFail, ""},
	{"TF-02", "dialling rules not read", func(inv *inventory.Inventory) {
		inv.AddGap(inventory.FacetDialling, "outbound rules need an Enterprise licence")
	}, StatusUnknown, "Enterprise licence"},

	{"TF-06", "a call limit", nil, StatusPass, ""},
	{"TF-06", "no call limit", func(inv *inventory.Inventory) { inv.Dialling.MaxConcurrentCalls = 0 }, StatusFail, ""},
	{"TF-06", "collected but no policy", func(inv *inventory.Inventory) { inv.Dialling = nil }, StatusUnknown, "dialling rules"},
}

// TestEveryEvaluatorDirectly judges each automated check on a clean site
// changed in one way, through the same engine the audit uses.
func TestEveryEvaluatorDirectly(t *testing.T) {
	t.Parallel()
	cat := Builtin()
	for _, c := range directCases {
		t.Run(c.id+"/"+c.name, func(t *testing.T) {
			t.Parallel()
			inv := cloneInventory(cleanInventory(t, 7))
			if c.change != nil {
				c.change(&inv)
			}
			r := resultFor(t, Evaluate(cat, &inv, nil, nil, testNow), c.id)
			if r.Status != c.want {
				t.Fatalf("got %s, want %s: %s", r.Status, c.want, r.Evidence)
			}
			text := r.Evidence
			for _, it := range r.Affected {
				text += "\n" + it.Label + ": " + it.Detail
			}
			if c.says != "" && !strings.Contains(text, c.says) {
				t.Errorf("evidence and affected items %q do not say %q", text, c.says)
			}
		})
	}
}

// neverFails lists automated checks that by design cannot fail: a device
// nobody could identify is unknown, not a failure.
var neverFails = map[string]bool{"EP-02": true}

// TestEveryEvaluatorHasDirectCases keeps the table above complete: a new
// automated check needs a pass, a fail and an unknown case of its own.
func TestEveryEvaluatorHasDirectCases(t *testing.T) {
	t.Parallel()
	seen := map[string]map[Status]bool{}
	for _, c := range directCases {
		if seen[c.id] == nil {
			seen[c.id] = map[Status]bool{}
		}
		seen[c.id][c.want] = true
	}
	for id := range Builtin().evaluators {
		for _, s := range []Status{StatusPass, StatusFail, StatusUnknown} {
			if s == StatusFail && neverFails[id] {
				continue
			}
			if !seen[id][s] {
				t.Errorf("%s has no direct %s case", id, s)
			}
		}
	}
}
