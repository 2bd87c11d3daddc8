package demo

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
)

// A Sunday evening late in a month, with a time of day that the story truncates.
var testNow = time.Date(2026, 11, 22, 18, 47, 31, 500, time.UTC)

func fetch(t *testing.T, now time.Time) inventory.Inventory {
	t.Helper()
	inv, err := New(now).Fetch(t.Context(), nil)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	return inv.Inventory
}

func TestSameMomentGivesSameInventory(t *testing.T) {
	t.Parallel()
	first := fetch(t, testNow)
	second := fetch(t, testNow)
	if !reflect.DeepEqual(first, second) {
		t.Fatal("two fetches at the same moment differ")
	}

	// What one caller does to its copy must not leak into the next fetch.
	first.Extensions[0].Name = "changed"
	findExtension(first, "Declan Ó Briain").Forwards[0].Destination = "changed"
	first.Dialling.BlockedPrefixes[0] = "changed"
	first.Calls[0].To = "changed"
	first.Staff[0].Name = "changed"
	first.Source.Collected[0] = "changed"
	third := fetch(t, testNow)
	if !reflect.DeepEqual(second, third) {
		t.Fatal("changing one inventory changed the next fetch")
	}
}

func TestStoryMovesWithTheClock(t *testing.T) {
	t.Parallel()
	later := testNow.AddDate(0, 3, 0)
	inv := fetch(t, later)
	leaver := findStaff(t, inv, "Declan Ó Briain")
	if got := later.Sub(leaver.Left); got < 21*24*time.Hour || got >= 22*24*time.Hour {
		t.Fatalf("three months on, the leaver left %v before now; want 21 days", got)
	}
	if inv.Source.FetchedAt != later {
		t.Fatalf("FetchedAt = %v, want %v", inv.Source.FetchedAt, later)
	}
}

func TestCollectsEveryFacetAndReportsProgress(t *testing.T) {
	t.Parallel()
	var steps []connectors.Progress
	inv, err := New(testNow).Fetch(t.Context(), func(p connectors.Progress) { steps = append(steps, p) })
	if err != nil {
		t.Fatal(err)
	}
	all := []inventory.Facet{
		inventory.FacetExtensions, inventory.FacetVoicemail, inventory.FacetDevices,
		inventory.FacetAdmins, inventory.FacetDialling, inventory.FacetTrunks,
		inventory.FacetCalls, inventory.FacetStaff, inventory.FacetPBX,
	}
	for _, f := range all {
		if !inv.Has(f) {
			t.Errorf("facet %s not collected", f)
		}
	}
	if len(steps) != len(all) {
		t.Fatalf("got %d progress reports, want one per facet (%d)", len(steps), len(all))
	}
	if last := steps[len(steps)-1]; last.Done != last.Total {
		t.Errorf("last progress report %+v is not complete", last)
	}
	if inv.Source.Connector != "demo" || inv.Source.Detail != "embedded demo company" {
		t.Errorf("source = %+v", inv.Source)
	}
	if inv.PBX.Product != "3CX" || !inv.PBX.Hosted || inv.PBX.Version == "" {
		t.Errorf("PBX = %+v, want a hosted 3CX with a version", inv.PBX)
	}
}

func TestLooksLikeARealCompany(t *testing.T) {
	t.Parallel()
	inv := fetch(t, testNow)
	if n := len(inv.Extensions); n < 40 {
		t.Errorf("%d extensions, want at least 40", n)
	}
	if n := len(inv.Devices); n < 30 {
		t.Errorf("%d devices, want at least 30", n)
	}
	vendors := map[string]bool{}
	for _, d := range inv.Devices {
		if d.Vendor != "" {
			vendors[d.Vendor] = true
		}
	}
	if len(vendors) < 5 {
		t.Errorf("%d device vendors, want at least 5", len(vendors))
	}
	types := map[inventory.ExtensionType]int{}
	for _, e := range inv.Extensions {
		types[e.Type]++
	}
	if types[inventory.ExtShared] == 0 || types[inventory.ExtQueue] == 0 || types[inventory.ExtService] < 2 {
		t.Errorf("extension types %v: want reception, a queue, fax and door entry", types)
	}
	for _, e := range inv.Extensions {
		if e.Email != "" && (!strings.HasSuffix(e.Email, "@brightwater.example.co.uk") || !isASCII(e.Email)) {
			t.Errorf("extension %s e-mail %q is not an ASCII address on the company domain", e.Number, e.Email)
		}
	}
}

func TestNamesKeepTheirAccents(t *testing.T) {
	t.Parallel()
	inv := fetch(t, testNow)
	for _, name := range []string{"Zoë Hartley", "Siobhán Kelly", "Łukasz Nowak", "Søren Madsen", "Declan Ó Briain"} {
		findStaff(t, inv, name)
		if findExtension(inv, name) == nil {
			t.Errorf("no extension named %q", name)
		}
	}
}

func TestLeaverStory(t *testing.T) {
	t.Parallel()
	inv := fetch(t, testNow)
	leaver := findStaff(t, inv, "Declan Ó Briain")
	today := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	if want := today.AddDate(0, 0, -21); !leaver.Left.Equal(want) {
		t.Fatalf("leaver left on %v, want %v", leaver.Left, want)
	}
	ext := findExtension(inv, "Declan Ó Briain")
	if ext == nil || !ext.Enabled {
		t.Fatalf("leaver's extension %+v should still be enabled", ext)
	}
	forwarded := false
	for _, f := range ext.Forwards {
		forwarded = forwarded || (f.External && f.Enabled)
	}
	if !forwarded {
		t.Error("leaver's extension has no live forward to an outside number")
	}
	if mb := findMailbox(inv, ext.Number); mb == nil || !mb.Enabled {
		t.Error("leaver's voicemail should still be on")
	}

	var after, international, night int
	for _, c := range inv.Calls {
		if c.From != ext.Number || c.Start.Before(leaver.Left) {
			continue
		}
		after++
		if strings.HasPrefix(c.To, "00") && c.Destination != "" {
			international++
		}
		if h := c.Start.Hour(); h < 7 || h >= 22 {
			night++
		}
	}
	if international < 3 || night < 3 {
		t.Errorf("after leaving: %d calls, %d international, %d at night; want several of each", after, international, night)
	}
}

func TestOrdinaryCallsKeepOfficeHours(t *testing.T) {
	t.Parallel()
	inv := fetch(t, testNow)
	ordinary := 0
	for i, c := range inv.Calls {
		if i > 0 && c.Start.Before(inv.Calls[i-1].Start) {
			t.Fatal("calls are not in time order")
		}
		if !c.Start.Before(testNow) {
			t.Errorf("call at %v lies in the future", c.Start)
		}
		if strings.HasPrefix(c.To, "00") {
			continue
		}
		ordinary++
		if !strings.HasPrefix(c.To, "01") && !strings.HasPrefix(c.To, "02") && !strings.HasPrefix(c.To, "07") {
			t.Errorf("ordinary call to %s is not a UK landline or mobile", c.To)
		}
		if h := c.Start.Hour(); h < 8 || h > 16 {
			t.Errorf("ordinary call at %v is outside office hours", c.Start)
		}
		if wd := c.Start.Weekday(); wd == time.Saturday || wd == time.Sunday {
			t.Errorf("ordinary call on a %v", wd)
		}
		if testNow.Sub(c.Start) > 31*24*time.Hour {
			t.Errorf("ordinary call at %v is older than the 30-day window", c.Start)
		}
	}
	if ordinary < 150 {
		t.Errorf("%d ordinary calls, want about 200", ordinary)
	}
}

func TestPINVerdictsAsPlanted(t *testing.T) {
	t.Parallel()
	inv := fetch(t, testNow)
	count := map[inventory.PINVerdict]int{}
	noPIN := 0
	for _, m := range inv.Voicemail {
		count[m.PIN.Verdict]++
		if !m.PINRequired {
			noPIN++
		}
		if m.PIN.Verdict != inventory.PINOK && m.PIN.Reason == "" {
			t.Errorf("mailbox %s: verdict %s has no reason", m.Extension, m.PIN.Verdict)
		}
	}
	want := map[inventory.PINVerdict]int{
		inventory.PINEqualsExtension: 2,
		inventory.PINUnset:           1,
		inventory.PINWeak:            2,
	}
	for v, n := range want {
		if count[v] != n {
			t.Errorf("%d mailboxes with verdict %s, want %d", count[v], v, n)
		}
	}
	if count[inventory.PINOK] < len(inv.Voicemail)/2 {
		t.Errorf("only %d of %d PINs are ok; the rest should be", count[inventory.PINOK], len(inv.Voicemail))
	}
	if noPIN != 1 {
		t.Errorf("%d mailboxes open without a PIN, want 1", noPIN)
	}
}

func TestPlantedProblemsInEachArea(t *testing.T) {
	t.Parallel()
	inv := fetch(t, testNow)

	var mfaOff, mfaOn int
	for _, e := range inv.Extensions {
		switch e.MFA {
		case inventory.MFADisabled:
			mfaOff++
		case inventory.MFAEnabled:
			mfaOn++
		}
	}
	if mfaOff < 2 || mfaOn <= mfaOff {
		t.Errorf("user MFA: %d on, %d off; want a few off and most on", mfaOn, mfaOff)
	}

	var namedWithMFA, namedWithout, shared bool
	for _, a := range inv.Admins {
		switch {
		case a.Shared:
			shared = true
		case a.MFA == inventory.MFAEnabled:
			namedWithMFA = true
		case a.MFA == inventory.MFADisabled:
			namedWithout = true
		}
	}
	if !namedWithMFA || !namedWithout || !shared {
		t.Errorf("admins %+v: want a named one with MFA, one without, and a shared one", inv.Admins)
	}

	d := inv.Dialling
	if d == nil || !d.InternationalOpen || len(d.AllowedCountries) != 0 || d.MaxConcurrentCalls != 0 {
		t.Errorf("dialling %+v: want international open, no allow-list, no call limit", d)
	} else {
		for _, open := range []string{"118", "070", "087"} {
			for _, p := range d.BlockedPrefixes {
				if strings.HasPrefix(open, p) {
					t.Errorf("%s is barred by %s; the story leaves it open", open, p)
				}
			}
		}
	}

	if len(inv.Trunks) == 0 || inv.Trunks[0].Transport != "udp" || inv.Trunks[0].SRTP || inv.Trunks[0].IPRestricted {
		t.Errorf("trunks %+v: want plain UDP, no SRTP, open to any address", inv.Trunks)
	}

	var oldGrandstream, oldYealink, endOfLife, odd, forgotten bool
	for _, dv := range inv.Devices {
		switch {
		case strings.HasPrefix(dv.Model, "GXP16") && dv.Owner != "":
			oldGrandstream = oldGrandstream || dv.Firmware < "1.0.7.81"
		case dv.Model == "SIP-T46S":
			oldYealink = oldYealink || dv.Firmware < "66.86.0.15"
		case strings.HasPrefix(dv.Model, "SPA5"):
			endOfLife = true
		case dv.Vendor == "" && dv.Model == "" && dv.UserAgent != "":
			odd = true
		}
		if dv.Owner == "" && testNow.Sub(dv.LastSeen) > 120*24*time.Hour {
			forgotten = true
		}
	}
	if !oldGrandstream || !oldYealink || !endOfLife || !odd || !forgotten {
		t.Errorf("devices: old Grandstream %v, old Yealink %v, end-of-life Cisco %v, odd user agent %v, forgotten phone %v",
			oldGrandstream, oldYealink, endOfLife, odd, forgotten)
	}
}

func TestDevicesAreDistinctAndOwnedByRealExtensions(t *testing.T) {
	t.Parallel()
	inv := fetch(t, testNow)
	macs := map[string]bool{}
	for _, d := range inv.Devices {
		if d.Owner != "" && findExtensionByNumber(inv, d.Owner) == nil {
			t.Errorf("device %s belongs to unknown extension %s", d.Label(), d.Owner)
		}
		if d.MAC != "" && macs[d.MAC] {
			t.Errorf("MAC %s appears twice", d.MAC)
		}
		macs[d.MAC] = true
	}
}

func TestCancelledFetchStops(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := New(testNow).Fetch(ctx, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Fetch with a cancelled context returned %v, want context.Canceled", err)
	}

	// Cancelling part-way through stops at the next facet.
	ctx, cancel = context.WithCancel(t.Context())
	defer cancel()
	reports := 0
	_, err = New(testNow).Fetch(ctx, func(connectors.Progress) { reports++; cancel() })
	if !errors.Is(err, context.Canceled) || reports != 1 {
		t.Fatalf("cancelled during the fetch: err %v after %d reports, want context.Canceled after 1", err, reports)
	}
}

func TestBrokenStoryIsReportedWithItsPlace(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"unknown key":   "domain: x\nstaf: []\n",
		"bad span":      "domain: x\nextensions:\n  - {number: \"1\", type: user, active: soon}\n",
		"unknown owner": "domain: x\ncalls: {ordinary: {days: 30}}\ndevices:\n  - {kind: desk_phone, owner: \"999\"}\n",
		"bad verdict":   "domain: x\ncalls: {ordinary: {days: 30}}\nextensions:\n  - {number: \"1\", type: user}\nvoicemail:\n  - {extension: \"1\", pin: \"secret\"}\n",
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := loadCompany([]byte(data))
			if err == nil {
				t.Fatal("accepted a broken story")
			}
			if !strings.Contains(err.Error(), "company.yaml") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func findStaff(t *testing.T, inv inventory.Inventory, name string) inventory.StaffMember {
	t.Helper()
	for _, s := range inv.Staff {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no staff member named %q", name)
	return inventory.StaffMember{}
}

func findExtension(inv inventory.Inventory, name string) *inventory.Extension {
	for i := range inv.Extensions {
		if inv.Extensions[i].Name == name {
			return &inv.Extensions[i]
		}
	}
	return nil
}

func findExtensionByNumber(inv inventory.Inventory, number string) *inventory.Extension {
	for i := range inv.Extensions {
		if inv.Extensions[i].Number == number {
			return &inv.Extensions[i]
		}
	}
	return nil
}

func findMailbox(inv inventory.Inventory, ext string) *inventory.Mailbox {
	for i := range inv.Voicemail {
		if inv.Voicemail[i].Extension == ext {
			return &inv.Voicemail[i]
		}
	}
	return nil
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return true
}

// An Irish surname is written either the Irish way (Ó Briain) or the English
// way (O'Brien); a mix of the two is no one's real name.
func TestNoNameMixesIrishAndEnglishSpellings(t *testing.T) {
	t.Parallel()
	inv := fetch(t, testNow)
	var names []string
	for _, s := range inv.Staff {
		names = append(names, s.Name, s.Email)
	}
	for _, e := range inv.Extensions {
		names = append(names, e.Name, e.Email)
	}
	for _, n := range names {
		if strings.Contains(n, "Ó'") || strings.Contains(n, "Ó’") {
			t.Errorf("%q mixes the Irish Ó with the English apostrophe", n)
		}
	}
}
