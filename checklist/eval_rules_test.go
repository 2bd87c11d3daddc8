package checklist

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

func run(t *testing.T, id string, inv inventory.Inventory) Outcome {
	t.Helper()
	fn, ok := Builtin().evaluators[id]
	if !ok {
		t.Fatalf("no evaluator for %s", id)
	}
	return fn.run(&Facts{Inventory: &inv, Now: testNow})
}

func TestNationalForm(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"+44 20 7946 0000":  "02079460000",
		"0044 (0)161 496 0": "01614960",
		"00 234 803 1234":   "002348031234",
		"+1-202-555-0100":   "0012025550100",
		"0909 879 0000":     "09098790000",
		"":                  "",
	} {
		if got := nationalForm(in); got != want {
			t.Errorf("nationalForm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDiallingRules(t *testing.T) {
	t.Parallel()
	withRules := func(d inventory.DiallingPolicy) inventory.Inventory {
		inv := inventoryWith(inventory.FacetDialling)
		inv.Dialling = &d
		return inv
	}
	allBarred := []string{"09", "118", "070", "076", "087"}
	tests := []struct {
		name string
		id   string
		inv  inventory.Inventory
		want Status
	}{
		{"no rules reported", "TF-01", inventoryWith(), StatusUnknown},
		{"international open", "TF-01", withRules(inventory.DiallingPolicy{InternationalOpen: true}), StatusFail},
		{"allow-list", "TF-01", withRules(inventory.DiallingPolicy{AllowedCountries: []string{"33", "353"}}), StatusPass},
		{"all barred", "TF-01", withRules(inventory.DiallingPolicy{}), StatusPass},
		{"premium partly barred", "TF-02", withRules(inventory.DiallingPolicy{BlockedPrefixes: []string{"09"}}), StatusFail},
		{"premium fully barred", "TF-02", withRules(inventory.DiallingPolicy{BlockedPrefixes: allBarred}), StatusPass},
		{"a shorter prefix covers longer ones", "TF-02", withRules(inventory.DiallingPolicy{BlockedPrefixes: []string{"09", "118", "07", "08"}}), StatusPass},
		{"international form of a prefix counts", "TF-02", withRules(inventory.DiallingPolicy{BlockedPrefixes: []string{"+449", "118", "070", "076", "087"}}), StatusPass},
		{"no concurrent limit", "TF-06", withRules(inventory.DiallingPolicy{}), StatusFail},
		{"concurrent limit", "TF-06", withRules(inventory.DiallingPolicy{MaxConcurrentCalls: 4}), StatusPass},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if o := run(t, tt.id, tt.inv); o.Status != tt.want {
				t.Errorf("%s: got %s (%s), want %s", tt.id, o.Status, o.Evidence, tt.want)
			}
		})
	}
	o := run(t, "TF-02", withRules(inventory.DiallingPolicy{BlockedPrefixes: []string{"09", "070"}}))
	if got := itemIDs(o.Affected); !slices.Equal(got, []string{"118", "076", "087"}) {
		t.Errorf("unbarred ranges listed: %v", got)
	}
}

func TestAdminAccounts(t *testing.T) {
	t.Parallel()
	admins := func(as ...inventory.AdminAccount) inventory.Inventory {
		inv := inventoryWith(inventory.FacetAdmins)
		inv.Admins = as
		return inv
	}
	named := inventory.AdminAccount{Username: "siobhan", MFA: inventory.MFAEnabled, Enabled: true}
	tests := []struct {
		name string
		id   string
		inv  inventory.Inventory
		want Status
	}{
		{"not listed", "MFA-01", inventoryWith(), StatusUnknown},
		{"all MFA", "MFA-01", admins(named), StatusPass},
		{"one without", "MFA-01", admins(named, inventory.AdminAccount{Username: "dafydd", MFA: inventory.MFADisabled, Enabled: true}), StatusFail},
		{"disabled account ignored", "MFA-01", admins(named, inventory.AdminAccount{Username: "old", MFA: inventory.MFADisabled}), StatusPass},
		{"MFA not reported", "MFA-01", admins(inventory.AdminAccount{Username: "x", Enabled: true}), StatusUnknown},
		{"named accounts", "MFA-03", admins(named), StatusPass},
		{"generic admin", "MFA-03", admins(named, inventory.AdminAccount{Username: "Admin@pbx.example.co.uk", Enabled: true, MFA: inventory.MFAEnabled}), StatusFail},
		{"flagged shared", "MFA-03", admins(inventory.AdminAccount{Username: "frontdesk", Shared: true, Enabled: true}), StatusFail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if o := run(t, tt.id, tt.inv); o.Status != tt.want {
				t.Errorf("got %s (%s), want %s", o.Status, o.Evidence, tt.want)
			}
		})
	}
}

func TestMailboxPINs(t *testing.T) {
	t.Parallel()
	boxes := func(ms ...inventory.Mailbox) inventory.Inventory {
		inv := inventoryWith(inventory.FacetVoicemail)
		inv.Voicemail = ms
		return inv
	}
	ok := inventory.Mailbox{Extension: "201", Enabled: true, PINRequired: true, PIN: inventory.PINJudgement{Verdict: inventory.PINOK}}
	same := inventory.Mailbox{Extension: "202", Enabled: true, PINRequired: true, PIN: inventory.PINJudgement{Verdict: inventory.PINEqualsExtension}}
	short := inventory.Mailbox{Extension: "203", Enabled: true, PINRequired: true, PIN: inventory.PINJudgement{Verdict: inventory.PINWeak, Reason: ShortPINReason, Short: true}}
	common := inventory.Mailbox{Extension: "204", Enabled: true, PINRequired: true, PIN: inventory.PINJudgement{Verdict: inventory.PINWeak, Reason: "one of the most common PINs", Short: true}}
	blank := inventory.Mailbox{Extension: "205", Enabled: true, PINRequired: true, PIN: inventory.PINJudgement{Verdict: inventory.PINUnset}}
	open := inventory.Mailbox{Extension: "206", Enabled: true, PINRequired: false, PIN: inventory.PINJudgement{Verdict: inventory.PINOK}}
	unread := inventory.Mailbox{Extension: "207", Enabled: true, PINRequired: true, PIN: inventory.PINJudgement{Verdict: inventory.PINUnknown}}
	off := inventory.Mailbox{Extension: "208", Enabled: false, PINRequired: true, PIN: inventory.PINJudgement{Verdict: inventory.PINUnset}}

	tests := []struct {
		name  string
		id    string
		inv   inventory.Inventory
		want  Status
		items []string
	}{
		{"not reported", "PIN-01", inventoryWith(), StatusUnknown, nil},
		{"matches extension", "PIN-01", boxes(ok, same, unread), StatusFail, []string{"202"}},
		{"fine", "PIN-01", boxes(ok), StatusPass, nil},
		{"unread PINs keep it unknown", "PIN-01", boxes(ok, unread), StatusUnknown, nil},
		{"short only is not trivial", "PIN-02", boxes(ok, short), StatusPass, nil},
		{"common PIN is trivial", "PIN-02", boxes(ok, short, common), StatusFail, []string{"204"}},
		{"length", "PIN-03", boxes(ok, short, common), StatusFail, []string{"203", "204"}},
		{"blank and open mailboxes", "PIN-06", boxes(ok, blank, open, off), StatusFail, []string{"205", "206"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := run(t, tt.id, tt.inv)
			if o.Status != tt.want {
				t.Fatalf("got %s (%s), want %s", o.Status, o.Evidence, tt.want)
			}
			if tt.items != nil && !slices.Equal(itemIDs(o.Affected), tt.items) {
				t.Errorf("affected %v, want %v", itemIDs(o.Affected), tt.items)
			}
		})
	}
}

func leaverInventory() inventory.Inventory {
	inv := inventoryWith(inventory.FacetExtensions, inventory.FacetVoicemail, inventory.FacetStaff, inventory.FacetCalls)
	left := testNow.Add(-21 * 24 * time.Hour)
	inv.Staff = []inventory.StaffMember{
		{Name: "Zoë Ó'Brien", Email: "zoe@example.co.uk"},
		{Name: "Łukasz Nowak", Email: "lukasz@example.co.uk", Left: left},
	}
	inv.Extensions = []inventory.Extension{
		{Number: "201", Name: "Zoe O'Brien", Enabled: true, Type: inventory.ExtUser}, // matched by folded name
		{Number: "202", Name: "L. Nowak", Email: "LUKASZ@example.co.uk", Enabled: true, // matched by e-mail
			Forwards: []inventory.Forward{{Destination: "07700 900123", External: true, Enabled: true}}},
		{Number: "203", Name: "Gareth Pryce", Enabled: true, Type: inventory.ExtUser}, // not on the staff list
		{Number: "299", Name: "Reception", Enabled: true, Type: inventory.ExtShared},
	}
	inv.Voicemail = []inventory.Mailbox{{Extension: "202", Enabled: true}}
	inv.Calls = []inventory.Call{
		{Start: left.Add(-time.Hour), From: "202", To: "01614960000", Duration: time.Minute},
		{Start: left.Add(48 * time.Hour), From: "202", To: "+2348031234567", Duration: 30 * time.Minute},
		{Start: left.Add(50 * time.Hour), From: "202", To: "+2348031234567", Duration: 15 * time.Minute},
		{Start: left.Add(50 * time.Hour), From: "201", To: "+2348031234567", Duration: 15 * time.Minute},
	}
	return inv
}

func TestLeavers(t *testing.T) {
	t.Parallel()
	inv := leaverInventory()
	o := run(t, "LV-01", inv)
	if o.Status != StatusFail || !slices.Equal(itemIDs(o.Affected), []string{"203", "202"}) {
		t.Errorf("LV-01: %s %v (%s)", o.Status, itemIDs(o.Affected), o.Evidence)
	}
	o = run(t, "LV-03", inv)
	if o.Status != StatusFail || !slices.Equal(itemIDs(o.Affected), []string{"202"}) {
		t.Fatalf("LV-03: %s %v", o.Status, itemIDs(o.Affected))
	}
	for _, want := range []string{"extension still enabled", "calls forwarded to 07700 900123", "voicemail box still open"} {
		if d := o.Affected[0].Detail; !strings.Contains(d, want) {
			t.Errorf("LV-03 detail %q lacks %q", d, want)
		}
	}
	o = run(t, "LV-06", inv)
	if o.Status != StatusFail || len(o.Affected) != 1 || o.Affected[0].ID != "202" {
		t.Fatalf("LV-06: %s %+v", o.Status, o.Affected)
	}
	if d := o.Affected[0].Detail; d[:20] != "2 calls, 45 minutes " {
		t.Errorf("LV-06 detail: %q", d)
	}

	noStaff := leaverInventory()
	noStaff.Source.Collected = []inventory.Facet{inventory.FacetExtensions, inventory.FacetCalls}
	for _, id := range []string{"LV-01", "LV-03", "LV-06"} {
		if o := run(t, id, noStaff); o.Status != StatusUnknown {
			t.Errorf("%s without a staff list: %s", id, o.Status)
		}
	}
}

func TestRehiredPersonCountsAsCurrent(t *testing.T) {
	t.Parallel()
	inv := inventoryWith(inventory.FacetExtensions, inventory.FacetStaff)
	inv.Staff = []inventory.StaffMember{
		{Name: "Priya Shah", Left: testNow.Add(-400 * 24 * time.Hour)},
		{Name: "Priya Shah"},
	}
	inv.Extensions = []inventory.Extension{{Number: "210", Name: "priya  SHAH", Enabled: true}}
	if o := run(t, "LV-01", inv); o.Status != StatusPass {
		t.Errorf("got %s (%s)", o.Status, o.Evidence)
	}
}

func TestTrunks(t *testing.T) {
	t.Parallel()
	inv := inventoryWith(inventory.FacetTrunks)
	inv.Trunks = []inventory.Trunk{
		{Name: "main", Transport: "TLS", SRTP: true, IPRestricted: true},
		{Name: "backup", Transport: "udp", IPRestricted: false},
	}
	if o := run(t, "NW-02", inv); o.Status != StatusFail || !slices.Equal(itemIDs(o.Affected), []string{"backup"}) {
		t.Errorf("NW-02: %s %v", o.Status, itemIDs(o.Affected))
	}
	o := run(t, "NW-03", inv)
	if o.Status != StatusFail || len(o.Affected) != 1 || o.Affected[0].Detail != "signalling not over TLS (UDP); calls not encrypted (no SRTP)" {
		t.Errorf("NW-03: %s %+v", o.Status, o.Affected)
	}
	inv.Trunks = inv.Trunks[:1]
	for _, id := range []string{"NW-02", "NW-03"} {
		if o := run(t, id, inv); o.Status != StatusPass {
			t.Errorf("%s: %s", id, o.Status)
		}
	}
}

func TestCallRecordsFlagFraudPatterns(t *testing.T) {
	t.Parallel()
	weekday := time.Date(2026, 11, 18, 11, 0, 0, 0, time.UTC) // a Wednesday
	night := time.Date(2026, 11, 18, 2, 0, 0, 0, time.UTC)
	calls := func(cs ...inventory.Call) inventory.Inventory {
		inv := inventoryWith(inventory.FacetCalls)
		inv.Calls = cs
		return inv
	}
	tests := []struct {
		name string
		inv  inventory.Inventory
		want Status
	}{
		{"no records", inventoryWith(), StatusUnknown},
		{"ordinary day", calls(inventory.Call{Start: weekday, From: "201", To: "0161 496 0000"}, inventory.Call{Start: weekday, From: "201", To: "+33 1 23 45 67 89"}), StatusPass},
		{"premium number", calls(inventory.Call{Start: weekday, From: "201", To: "09098790000"}), StatusFail},
		{"international at night", calls(inventory.Call{Start: night, From: "201", To: "+2348031234567"}), StatusFail},
		{"UK number in international form at night is fine", calls(inventory.Call{Start: night, From: "201", To: "+44 161 496 0000"}), StatusPass},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if o := run(t, "MON-02", tt.inv); o.Status != tt.want {
				t.Errorf("got %s (%s), want %s", o.Status, o.Evidence, tt.want)
			}
		})
	}
	restricted := calls(inventory.Call{Start: weekday, From: "201", To: "+2348031234567"})
	restricted.Dialling = &inventory.DiallingPolicy{AllowedCountries: []string{"33"}}
	if o := run(t, "MON-02", restricted); o.Status != StatusFail {
		t.Errorf("a call to a country outside the allow-list: %s", o.Status)
	}
}

func TestJudgePINKeepsOnlyTheVerdict(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pin, ext string
		want     inventory.PINVerdict
		short    bool
	}{
		{"", "201", inventory.PINUnset, false},
		{"201", "201", inventory.PINEqualsExtension, true},
		{"1234", "201", inventory.PINWeak, true},
		{"4242", "201", inventory.PINDefault, true},
		{"8305", "201", inventory.PINWeak, true},
		{"830516", "201", inventory.PINWeak, false}, // looks like a date
		{"739164", "201", inventory.PINOK, false},
	}
	for i, tt := range tests {
		j := JudgePIN(tt.pin, tt.ext)
		if j.Verdict != tt.want || j.Short != tt.short {
			t.Errorf("case %d: got %s short=%v, want %s short=%v", i, j.Verdict, j.Short, tt.want, tt.short)
		}
		if j.Verdict == inventory.PINWeak && j.Reason == "" {
			t.Errorf("case %d: a weak PIN needs a reason", i)
		}
	}
	if j := JudgePIN("8305", "201"); j.Reason != ShortPINReason {
		t.Errorf("a PIN whose only fault is length should say so, got %q", j.Reason)
	}
}

func TestPBXPatchedJudgesAsteriskUnderFreePBX(t *testing.T) {
	t.Parallel()
	inv := inventoryWith(inventory.FacetPBX)
	inv.PBX = inventory.PBX{Product: "FreePBX", Version: "16.0.40", Components: []inventory.Component{{Name: "asterisk", Version: "18.20.0"}}}
	o := run(t, "FW-03", inv)
	if o.Status != StatusFail || len(o.Affected) != 1 || o.Affected[0].ID != "Asterisk" {
		t.Fatalf("Asterisk 18.20.0 is below 18.24.2: got %s %+v", o.Status, o.Affected)
	}
	inv.PBX.Components[0].Version = "22.10.1"
	if o := run(t, "FW-03", inv); o.Status != StatusPass {
		t.Errorf("patched Asterisk: got %s (%s)", o.Status, o.Evidence)
	}
	inv.PBX.Components = nil
	if o := run(t, "FW-03", inv); o.Status != StatusUnknown {
		t.Errorf("FreePBX alone cannot be judged: got %s", o.Status)
	}
}

func TestDevicesFirmwareAndEndOfLife(t *testing.T) {
	t.Parallel()
	inv := inventoryWith(inventory.FacetDevices)
	inv.Devices = []inventory.Device{
		{Kind: inventory.DeviceDeskPhone, UserAgent: "Grandstream GXP1625 1.0.7.64", Owner: "201", MAC: "00:0b:82:00:00:01"},
		{Kind: inventory.DeviceDeskPhone, UserAgent: "Grandstream GXP1625 1.0.7.81", Owner: "202", MAC: "00:0b:82:00:00:02"},
		{Kind: inventory.DeviceDeskPhone, UserAgent: "Cisco/SPA504G-7.6.2", Owner: "203", MAC: "00:0b:82:00:00:03"},
		{Kind: inventory.DeviceATA, UserAgent: "DoorBird/1.0", MAC: "00:0b:82:00:00:04"},
	}
	if o := run(t, "FW-01", inv); o.Status != StatusFail || !slices.Equal(itemIDs(o.Affected), []string{"00:0b:82:00:00:01"}) {
		t.Errorf("FW-01: %s %v", o.Status, itemIDs(o.Affected))
	}
	if o := run(t, "EP-03", inv); o.Status != StatusFail || !slices.Equal(itemIDs(o.Affected), []string{"00:0b:82:00:00:03"}) {
		t.Errorf("EP-03: %s %v", o.Status, itemIDs(o.Affected))
	}
	o := run(t, "EP-02", inv)
	if o.Status != StatusUnknown || !slices.Equal(itemIDs(o.Affected), []string{"00:0b:82:00:00:04"}) {
		t.Errorf("EP-02: an unrecognised user agent is unknown and listed, got %s %v", o.Status, itemIDs(o.Affected))
	}
	inv.Devices = inv.Devices[1:2]
	if o := run(t, "FW-01", inv); o.Status != StatusPass {
		t.Errorf("FW-01 with only a patched phone: %s (%s)", o.Status, o.Evidence)
	}
}

func TestUnusedExtensionsAndDevices(t *testing.T) {
	t.Parallel()
	inv := inventoryWith(inventory.FacetExtensions, inventory.FacetDevices)
	old := testNow.Add(-120 * 24 * time.Hour)
	inv.Extensions = []inventory.Extension{
		{Number: "201", Name: "Siobhán Kelly", Enabled: true, LastActive: testNow},
		{Number: "202", Name: "Dafydd Evans", Enabled: true, LastActive: old},
		{Number: "203", Enabled: true, Type: inventory.ExtUser},
		{Number: "204", Name: "Old starter", Enabled: false, LastActive: old},
		{Number: "500", Name: "Fax", Enabled: true, Type: inventory.ExtService, LastActive: old},
	}
	inv.Devices = []inventory.Device{{Kind: inventory.DeviceDeskPhone, MAC: "00:0b:82:00:00:09", LastSeen: old}}
	o := run(t, "EP-07", inv)
	if o.Status != StatusFail || !slices.Equal(itemIDs(o.Affected), []string{"202", "203", "00:0b:82:00:00:09"}) {
		t.Errorf("got %s %v", o.Status, itemIDs(o.Affected))
	}
	inv.Extensions, inv.Devices = inv.Extensions[:1], []inventory.Device{{Kind: inventory.DeviceDeskPhone, MAC: "00:0b:82:00:00:0a", LastSeen: testNow}}
	if o := run(t, "EP-07", inv); o.Status != StatusPass {
		t.Errorf("got %s (%s)", o.Status, o.Evidence)
	}
}

func TestOnlyTheJudgesOwnPINReasonsArePrinted(t *testing.T) {
	t.Parallel()
	inv := inventoryWith(inventory.FacetVoicemail)
	inv.Voicemail = []inventory.Mailbox{
		{Extension: "301", Enabled: true, PINRequired: true, PIN: inventory.PINJudgement{Verdict: inventory.PINWeak, Reason: "PIN 4711 is weak"}},
		{Extension: "302", Enabled: true, PINRequired: true, PIN: inventory.PINJudgement{Verdict: inventory.PINWeak, Reason: "one of the most common PINs"}},
	}
	o := run(t, "PIN-02", inv)
	if len(o.Affected) != 2 {
		t.Fatalf("affected: %+v", o.Affected)
	}
	if got := o.Affected[0].Detail; got != "easy to guess" {
		t.Errorf("a reason the judge never gives must not be printed, got %q", got)
	}
	if got := o.Affected[1].Detail; got != "one of the most common PINs" {
		t.Errorf("the judge's own reason should be kept, got %q", got)
	}
}
