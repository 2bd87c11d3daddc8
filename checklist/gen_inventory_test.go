package checklist

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// allFacets is every facet a source can supply.
var allFacets = []inventory.Facet{inventory.FacetExtensions, inventory.FacetVoicemail, inventory.FacetDevices, inventory.FacetAdmins, inventory.FacetDialling,
	inventory.FacetTrunks, inventory.FacetCalls, inventory.FacetStaff, inventory.FacetPBX, inventory.FacetExposure}

// phoneCandidates are desk phones on the newest firmware the advisory table
// knows for their model; the generator keeps only those the judge still agrees
// on, so a change to the advisory data cannot quietly plant a failure, or an
// unknown, in a "clean" site.
var phoneCandidates = []inventory.Device{
	{Kind: inventory.DeviceDeskPhone, Vendor: "Grandstream", Model: "GXP1625", Firmware: "1.0.7.81"},
	{Kind: inventory.DeviceDeskPhone, Vendor: "Grandstream", Model: "GXP2170", Firmware: "1.0.11.85"},
	{Kind: inventory.DeviceDeskPhone, Vendor: "Snom", Model: "D735", Firmware: "10.1.215.13"},
	{Kind: inventory.DeviceDeskPhone, Vendor: "Yealink", Model: "SIP-T46S", Firmware: "66.86.0.15"},
	{Kind: inventory.DeviceDeskPhone, Vendor: "Yealink", Model: "SIP-T54W", Firmware: "96.87.0.15"},
	{Kind: inventory.DeviceDeskPhone, Vendor: "Yealink", Model: "SIP-T33G", Firmware: "124.86.0.75"},
	{Kind: inventory.DeviceDECT, Vendor: "Yealink", Model: "SIP-T46S", Firmware: "66.86.0.15"},
}

var softphoneCandidates = []inventory.Device{
	{Kind: inventory.DeviceSoftphone, Vendor: "3CX", Model: "3CX DesktopApp", Firmware: "18.12.425"},
	{Kind: inventory.DeviceSoftphone, Vendor: "3CX", Model: "DesktopApp", Firmware: "18.12.425"},
}

var people = []struct{ first, last string }{
	{"Siobhán", "Kelly"}, {"Dafydd", "Evans"}, {"Zoë", "O'Brien"}, {"Łukasz", "Nowak"}, {"Priya", "Shah"},
	{"Gareth", "Pryce"}, {"Aoife", "Byrne"}, {"Tomasz", "Wiśniewski"}, {"Mhairi", "Campbell"}, {"Kwame", "Mensah"},
	{"Eilidh", "Fraser"}, {"Rhys", "Morgan"}, {"Amara", "Okafor"}, {"Callum", "Reid"},
}

func currentOnly(t interface{ Fatalf(string, ...any) }, cands []inventory.Device, judge func(inventory.Device) firmware.Verdict) []inventory.Device {
	var out []inventory.Device
	for _, d := range cands {
		if v := judge(d); v.Status == firmware.StatusCurrent && !v.Behind {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no candidate device is judged current any more: update the generator's candidates")
	}
	return out
}

// cleanInventory builds a site on which every automated check has what it
// needs and finds nothing wrong: a named person behind every extension, every
// phone identified and patched, every admin with MFA, dialling locked down,
// encrypted trunks, ordinary calls, and a staff list that matches. Each seed
// varies the size, the kit and the details.
func cleanInventory(t interface{ Fatalf(string, ...any) }, seed uint64) inventory.Inventory {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	phones := currentOnly(t, phoneCandidates, func(d inventory.Device) firmware.Verdict {
		v := firmware.JudgeDevice(d.Vendor, d.Model, d.Firmware)
		if !v.LatestChecked {
			v.Status = firmware.StatusUnknown // FW-08 could not pass on it
		}
		return v
	})
	soft := currentOnly(t, softphoneCandidates, func(d inventory.Device) firmware.Verdict {
		return firmware.JudgeSoftphone(d.Model, d.Firmware)
	})

	inv := inventoryWith(allFacets...)
	inv.PBX = inventory.PBX{Product: "FreePBX", Version: "16.0.40", Components: []inventory.Component{{Name: "asterisk", Version: "22.10.1"}}}
	inv.Dialling = &inventory.DiallingPolicy{
		AllowedCountries:   []string{"33", "353", "49"}[:1+r.IntN(3)],
		BlockedPrefixes:    []string{"09", "118", "070", "076", "087", "084", "055", "056"},
		MaxConcurrentCalls: 2 + r.IntN(6),
	}
	for i := range 1 + r.IntN(2) {
		inv.Trunks = append(inv.Trunks, inventory.Trunk{Name: fmt.Sprintf("trunk-%d", i+1), Provider: "Carrier Ltd", Transport: "tls", SRTP: true, IPRestricted: true})
	}
	for i := range 1 + r.IntN(3) {
		p := people[(int(seed)+i)%len(people)]
		inv.Admins = append(inv.Admins, inventory.AdminAccount{
			Username: fmt.Sprintf("%s.admin%d", asciiName(p.first), i), Name: p.first + " " + p.last,
			Role: "System Owner", MFA: inventory.MFAEnabled, Enabled: true,
		})
	}

	n := 3 + r.IntN(10)
	// Calls fall on weekday mornings within the last fortnight, to UK numbers.
	monday := testNow.AddDate(0, 0, -int(testNow.Weekday()+6)%7-7).Truncate(24 * time.Hour)
	perm := r.Perm(len(people))
	for i := range n {
		p := people[perm[i%len(people)]]
		name := p.first + " " + p.last
		if i >= len(people) {
			name = fmt.Sprintf("%s %s-%d", p.first, p.last, i)
		}
		num := fmt.Sprintf("%d", 201+i)
		email := fmt.Sprintf("%s.%d@example.co.uk", asciiName(p.first), i)
		active := testNow.Add(-time.Duration(r.IntN(30*24)) * time.Hour)
		inv.Extensions = append(inv.Extensions, inventory.Extension{Number: num, Name: name, Email: email, Enabled: true,
			Type: inventory.ExtUser, MFA: inventory.MFAEnabled, LastActive: active})
		inv.Voicemail = append(inv.Voicemail, inventory.Mailbox{Extension: num, Enabled: true, PINRequired: true, PIN: inventory.PINJudgement{Verdict: inventory.PINOK}})
		inv.Staff = append(inv.Staff, inventory.StaffMember{Name: name, Email: email})

		d := phones[r.IntN(len(phones))]
		d.MAC = fmt.Sprintf("00:15:65:%02x:%02x:%02x", seed&0xff, i>>8, i&0xff)
		d.IP = fmt.Sprintf("192.168.10.%d", 20+i)
		d.Owner, d.LastSeen = num, active
		inv.Devices = append(inv.Devices, d)
		if r.IntN(3) == 0 {
			s := soft[r.IntN(len(soft))]
			s.IP = fmt.Sprintf("10.0.0.%d", 20+i)
			s.Owner, s.LastSeen = num, active
			inv.Devices = append(inv.Devices, s)
		}

		day := monday.AddDate(0, 0, r.IntN(5))
		inv.Calls = append(inv.Calls, inventory.Call{
			Start: day.Add(9*time.Hour + time.Duration(r.IntN(7*60))*time.Minute), From: num,
			To: fmt.Sprintf("0161496%04d", r.IntN(10000)), Duration: time.Duration(1+r.IntN(10)) * time.Minute, Answered: true,
		})
	}
	inv.Exposure = closedProbe(inventory.VantageOutside)
	// A shared reception line and a queue: not anybody's personal extension.
	inv.Extensions = append(inv.Extensions,
		inventory.Extension{Number: "200", Name: "Reception", Enabled: true, Type: inventory.ExtShared, MFA: inventory.MFAEnabled, LastActive: testNow},
		inventory.Extension{Number: "600", Name: "Sales queue", Enabled: true, Type: inventory.ExtQueue, LastActive: testNow})
	return inv
}

func asciiName(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		if r >= 'a' && r <= 'z' {
			out = append(out, r)
		}
	}
	return string(out)
}

// mutation takes one fact away from an inventory in one of three ways.
type mutation string

const (
	// removed: the source did not collect the facet (or tried and failed).
	removed mutation = "removed"
	// emptied: the source collected the facet and it holds nothing.
	emptied mutation = "emptied"
	// unidentifiable: the items are there, but every field that says which
	// item is which (number, name, make, model, version...) is blank.
	unidentifiable mutation = "unidentifiable"
)

const testGapReason = "this licence has no API for it"

// mutate applies m to facet f of inv, in place. It reports false when the
// mutation means nothing for the facet.
func mutate(inv *inventory.Inventory, f inventory.Facet, m mutation, withGap bool) bool {
	switch m {
	case removed:
		clearFacet(inv, f)
		if withGap {
			inv.AddGap(f, testGapReason)
		} else {
			kept := inv.Source.Collected[:0:0]
			for _, c := range inv.Source.Collected {
				if c != f {
					kept = append(kept, c)
				}
			}
			inv.Source.Collected = kept
		}
	case emptied:
		clearFacet(inv, f)
	case unidentifiable:
		return blankIdentities(inv, f)
	}
	return true
}

func clearFacet(inv *inventory.Inventory, f inventory.Facet) {
	switch f {
	case inventory.FacetExtensions:
		inv.Extensions = nil
	case inventory.FacetVoicemail:
		inv.Voicemail = nil
	case inventory.FacetDevices:
		inv.Devices = nil
	case inventory.FacetAdmins:
		inv.Admins = nil
	case inventory.FacetDialling:
		inv.Dialling = nil
	case inventory.FacetTrunks:
		inv.Trunks = nil
	case inventory.FacetCalls:
		inv.Calls = nil
	case inventory.FacetStaff:
		inv.Staff = nil
	case inventory.FacetPBX:
		inv.PBX = inventory.PBX{}
	case inventory.FacetExposure:
		inv.Exposure = nil
	}
}

func blankIdentities(inv *inventory.Inventory, f inventory.Facet) bool {
	switch f {
	case inventory.FacetExtensions:
		for i := range inv.Extensions {
			e := &inv.Extensions[i]
			e.Number, e.Name, e.Email = "", "", ""
		}
	case inventory.FacetVoicemail:
		for i := range inv.Voicemail {
			inv.Voicemail[i].Extension = ""
		}
	case inventory.FacetDevices:
		for i := range inv.Devices {
			d := &inv.Devices[i]
			d.Vendor, d.Model, d.Firmware, d.UserAgent, d.MAC, d.IP, d.Owner = "", "", "", "", "", "", ""
		}
	case inventory.FacetAdmins:
		for i := range inv.Admins {
			a := &inv.Admins[i]
			a.Username, a.Name, a.Email = "", "", ""
		}
	case inventory.FacetTrunks:
		for i := range inv.Trunks {
			inv.Trunks[i].Name, inv.Trunks[i].Provider = "", ""
		}
	case inventory.FacetCalls:
		for i := range inv.Calls {
			c := &inv.Calls[i]
			c.From, c.To, c.Start = "", "", time.Time{}
		}
	case inventory.FacetStaff:
		for i := range inv.Staff {
			inv.Staff[i].Name, inv.Staff[i].Email = "", ""
		}
	case inventory.FacetPBX:
		inv.PBX.Product, inv.PBX.Version = "", ""
		for i := range inv.PBX.Components {
			inv.PBX.Components[i] = inventory.Component{}
		}
	case inventory.FacetExposure:
		for i := range inv.Exposure.Ports {
			inv.Exposure.Ports[i].Port = 0
		}
	case inventory.FacetDialling:
		// A dialling policy is settings, not a list of named items: blanking
		// its fields would change what it says rather than hide which rule is
		// which.
		return false
	}
	return true
}

// cloneInventory copies every slice so that a mutation leaves the original alone.
func cloneInventory(inv inventory.Inventory) inventory.Inventory {
	out := inv
	out.Source.Collected = append([]inventory.Facet(nil), inv.Source.Collected...)
	out.Source.Gaps = append([]inventory.Gap(nil), inv.Source.Gaps...)
	out.PBX.Components = append([]inventory.Component(nil), inv.PBX.Components...)
	out.Extensions = append([]inventory.Extension(nil), inv.Extensions...)
	out.Voicemail = append([]inventory.Mailbox(nil), inv.Voicemail...)
	out.Devices = append([]inventory.Device(nil), inv.Devices...)
	out.Admins = append([]inventory.AdminAccount(nil), inv.Admins...)
	out.Trunks = append([]inventory.Trunk(nil), inv.Trunks...)
	out.Calls = append([]inventory.Call(nil), inv.Calls...)
	out.Staff = append([]inventory.StaffMember(nil), inv.Staff...)
	if inv.Dialling != nil {
		d := *inv.Dialling
		out.Dialling = &d
	}
	if inv.Exposure != nil {
		x := *inv.Exposure
		x.SIP = append([]inventory.SIPAnswer(nil), x.SIP...)
		x.Ports = append([]inventory.PortAnswer(nil), x.Ports...)
		out.Exposure = &x
	}
	return out
}

// closedProbe is a probe of a public address on which SIP answers over TLS
// only and no admin or remote-access port accepts connections.
func closedProbe(from inventory.Vantage) *inventory.Exposure {
	x := &inventory.Exposure{Host: "pbx.example.co.uk", Address: "203.0.113.10", At: testNow, From: from,
		SIP: []inventory.SIPAnswer{
			{Transport: "udp", Port: 5060, Checked: true},
			{Transport: "tcp", Port: 5060, Checked: true},
			{Transport: "tls", Port: 5061, Checked: true, Answered: true, Status: 200},
		}}
	for _, p := range inventory.ProbePorts {
		x.Ports = append(x.Ports, inventory.PortAnswer{Port: p.Port, Checked: true})
	}
	return x
}
