package xapifake

import (
	"fmt"
	"time"
)

// Known values planted in SmallBusiness, so tests can prove none of them
// leaves the connector.
const (
	ClientID   = "900"
	Secret     = "rf-3cx-key-Vq7Lw2Zp9Xk4"
	LicenseKey = "LIC-7Q2W-9E8R-3T6Y"
)

// LeakPINs are voicemail PINs in SmallBusiness that differ from every
// extension number, so finding one anywhere in the output is a leak.
var LeakPINs = []string{"2580", "4729", "739481", "5151"}

// SecretValues are the other secrets the fake holds and a careless
// connector would fetch: SIP passwords, phone web passwords, the licence key.
func SecretValues() []string {
	return []string{Secret, LicenseKey, "sip-pass-201-Hd8", "sip-pass-202-Kq3", "phone-web-Yt6Ua", "phone-web-Rw2Pz", "trunk-pass-Mx9"}
}

// SmallBusiness is Harbour Lane Dental, a ten-person practice on 3CX v20 with
// the problems such a practice tends to have:
//
//   - the owner is a system owner without two-factor sign-in (MFA-01);
//   - a shared "Reception" account has admin rights (MFA-03);
//   - mailbox 203's PIN is its extension (PIN-01), 204's is a keypad line
//     (PIN-02), 205's has four digits (PIN-03), 206 needs no PIN (PIN-06);
//   - every country can be dialled (TF-01), premium 09 numbers are not barred
//     (TF-02) and the trunk has no call limit (TF-06);
//   - a phone in the store room is assigned to nobody (EP-01).
func SmallBusiness() *PBX {
	users := []User{
		{ID: 1, Number: "201", FirstName: "Sarah", LastName: "Price", Email: "sarah@harbourlane.example", Enabled: true,
			VMEnabled: true, VMPIN: "739481", AuthPassword: "sip-pass-201-Hd8", Roles: []string{"system_owners"}},
		{ID: 2, Number: "202", FirstName: "Reception", Email: "reception@harbourlane.example", Enabled: true,
			Require2FA: true, VMEnabled: true, VMPIN: "5151", AuthPassword: "sip-pass-202-Kq3", Roles: []string{"system_admins"}},
		{ID: 3, Number: "203", FirstName: "Imran", LastName: "Qureshi", Email: "imran@harbourlane.example", Enabled: true,
			Enable2FA: true, VMEnabled: true, VMPIN: "203", Roles: []string{"users"}},
		{ID: 4, Number: "204", FirstName: "Chloe", LastName: "Evans", Email: "chloe@harbourlane.example", Enabled: true,
			Enable2FA: true, VMEnabled: true, VMPIN: "2580", Roles: []string{"users"}},
		{ID: 5, Number: "205", FirstName: "Dafydd", LastName: "Morgan", Email: "dafydd@harbourlane.example", Enabled: true,
			Enable2FA: true, VMEnabled: true, VMPIN: "4729", Roles: []string{"users"}},
		{ID: 6, Number: "206", FirstName: "Grace", LastName: "Okafor", Email: "grace@harbourlane.example", Enabled: true,
			Enable2FA: true, VMEnabled: true, VMPIN: "839217", VMDisablePinAuth: true, Roles: []string{"managers"}},
	}
	for i, name := range [][2]string{{"Owen", "Baker"}, {"Priya", "Shah"}, {"Lewis", "Clarke"}, {"Hannah", "Wood"}} {
		n := 207 + i
		users = append(users, User{ID: n - 200, Number: fmt.Sprint(n), FirstName: name[0], LastName: name[1],
			Email: fmt.Sprintf("%s@harbourlane.example", name[0]), Enabled: true, Enable2FA: true,
			VMEnabled: true, VMPIN: fmt.Sprintf("%d", 918273+i*7), Roles: []string{"users"}})
	}
	devices := []Device{
		{ID: 1, Extension: "201", Vendor: "Yealink", Model: "T54W", MAC: "805EC0123401", UserAgent: "Yealink SIP-T54W 96.86.0.70",
			IP: "192.168.10.21:5062", Firmware: "96.86.0.70", PhoneWebPassword: "phone-web-Yt6Ua"},
		{ID: 2, Extension: "202", Vendor: "Yealink", Model: "T21P_E2", MAC: "805EC0123402", UserAgent: "Yealink SIP-T21P_E2 52.84.0.15",
			IP: "192.168.10.22", Firmware: "52.84.0.15", PhoneWebPassword: "phone-web-Rw2Pz"},
		{ID: 3, Extension: "203", Vendor: "Fanvil", Model: "X3U", MAC: "0C383E123403", UserAgent: "Fanvil X3U 2.12.1",
			IP: "192.168.10.23", Firmware: "2.12.1"},
		{ID: 4, Extension: "", Vendor: "Snom", Model: "D717", MAC: "000413123404", UserAgent: "snomD717/10.1.54.13",
			IP: "192.168.10.29", Firmware: "10.1.54.13"},
	}
	codes := make([]string, 0, 200)
	for c := 1; c <= 200; c++ {
		codes = append(codes, fmt.Sprint(c))
	}
	return &PBX{
		ClientID: ClientID, Secret: Secret, Version: "20.0.4.904", LicenseKey: LicenseKey,
		Users: users, Devices: devices, CountryCodes: codes,
		Rules: []Rule{
			// 3CX tries rules by priority (here the ID): the bar comes first,
			// or the catch-all rule would route 118 calls out before it.
			{ID: 2, Name: "Everything", Prefix: ""},
			{ID: 1, Name: "Bar 118 directory enquiries", Prefix: "118", Blocked: true},
		},
		Trunks: []Trunk{{ID: 1, Number: "10000", SimultaneousCalls: 0, Outbound: true, AuthPassword: "trunk-pass-Mx9"}},
		Calls: []Call{{Start: time.Date(2026, 11, 2, 2, 14, 0, 0, time.UTC), End: time.Date(2026, 11, 2, 2, 54, 0, 0, time.UTC),
			From: "207", To: "+882345678901", Answered: true}},
	}
}
