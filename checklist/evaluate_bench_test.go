package checklist

import (
	"fmt"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// largeInventory builds a site far bigger than any small business: n extensions,
// each with a mailbox, a phone, a staff-list entry and a call; one in fifty
// people has left.
func largeInventory(n int) inventory.Inventory {
	inv := inventoryWith(inventory.FacetExtensions, inventory.FacetVoicemail, inventory.FacetDevices, inventory.FacetAdmins, inventory.FacetDialling, inventory.FacetTrunks, inventory.FacetCalls, inventory.FacetStaff, inventory.FacetPBX)
	inv.PBX = inventory.PBX{Product: "FreePBX", Version: "16.0.40", Components: []inventory.Component{{Name: "asterisk", Version: "18.20.0"}, {Name: "endpoint", Version: "16.0.88"}}}
	inv.Dialling = &inventory.DiallingPolicy{InternationalOpen: true, BlockedPrefixes: []string{"09"}}
	inv.Trunks = []inventory.Trunk{{Name: "main", Transport: "udp"}}
	inv.Admins = []inventory.AdminAccount{{Username: "admin", Enabled: true, MFA: inventory.MFADisabled}}
	agents := []string{
		"Yealink SIP-T46S 66.84.0.125", "Grandstream GXP1625 1.0.7.64", "Cisco/SPA504G-7.6.2",
		"PolycomVVX-VVX_450-UA/6.4.3.5018", "snomD785/10.1.54.13", "Fanvil X5U-Pro 2.12.22.2", "DoorBird/1.0",
	}
	verdicts := []inventory.PINVerdict{inventory.PINOK, inventory.PINOK, inventory.PINWeak, inventory.PINEqualsExtension, inventory.PINUnset}
	start := testNow.Add(-30 * 24 * time.Hour)
	for i := range n {
		num := fmt.Sprintf("%d", 10000+i)
		name := fmt.Sprintf("Person %d", i)
		email := fmt.Sprintf("person%d@example.co.uk", i)
		inv.Extensions = append(inv.Extensions, inventory.Extension{Number: num, Name: name, Email: email, Enabled: true, Type: inventory.ExtUser,
			MFA: inventory.MFAEnabled, LastActive: testNow.Add(-time.Duration(i%200) * 24 * time.Hour)})
		inv.Voicemail = append(inv.Voicemail, inventory.Mailbox{Extension: num, Enabled: true, PINRequired: true, PIN: inventory.PINJudgement{Verdict: verdicts[i%len(verdicts)]}})
		inv.Devices = append(inv.Devices, inventory.Device{Kind: inventory.DeviceDeskPhone, UserAgent: agents[i%len(agents)], Owner: num,
			MAC: fmt.Sprintf("00:15:65:%02x:%02x:%02x", i>>16&0xff, i>>8&0xff, i&0xff), LastSeen: testNow})
		staff := inventory.StaffMember{Name: name, Email: email}
		if i%50 == 0 {
			staff.Left = start
		}
		inv.Staff = append(inv.Staff, staff)
		// Ordinary weekday office-hours calls to UK numbers, and one in a hundred
		// to a high-risk destination at night, as a compromised site might show.
		day := start.AddDate(0, 0, i%20)
		for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			day = day.AddDate(0, 0, 1)
		}
		call := inventory.Call{Start: day.Add(9*time.Hour + time.Duration(i%480)*time.Minute), From: num,
			To: fmt.Sprintf("0161496%04d", i%10000), Duration: 3 * time.Minute, Answered: true}
		if i%100 == 0 {
			call.Start, call.To = day.Add(2*time.Hour), "+2348031234567"
		}
		inv.Calls = append(inv.Calls, call)
	}
	return inv
}

// BenchmarkEvaluateLarge judges the whole built-in catalogue against 10,000
// extensions, mailboxes, phones, staff and calls. Target: under 50 ms and under
// 100 MB allocated per evaluation.
func BenchmarkEvaluateLarge(b *testing.B) {
	cat := Builtin()
	inv := largeInventory(10_000)
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(cat, &inv, nil, nil, testNow)
	}
}

// BenchmarkEvaluateLargeAllDistinct is the worst case: no two phones share a
// model and firmware, so nothing judged once can be reused.
func BenchmarkEvaluateLargeAllDistinct(b *testing.B) {
	cat := Builtin()
	inv := largeInventory(10_000)
	for i := range inv.Devices {
		inv.Devices[i].UserAgent = fmt.Sprintf("Grandstream GXP1625 1.0.%d.%d", i/100, i%100)
	}
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(cat, &inv, nil, nil, testNow)
	}
}
