package xapifake

import "fmt"

// Large is a PBX with n users (each with a voicemail box) and n phones, for
// measuring a fetch; PINs vary so the judge does real work.
func Large(n int) *PBX {
	p := SmallBusiness()
	p.Users = make([]User, n)
	p.Devices = make([]Device, n)
	for i := range n {
		ext := fmt.Sprint(10000 + i)
		p.Users[i] = User{ID: i + 1, Number: ext, FirstName: "Person", LastName: fmt.Sprint(i), Email: fmt.Sprintf("p%d@example.com", i),
			Enabled: true, Enable2FA: i%3 == 0, VMEnabled: true, VMPIN: fmt.Sprintf("%06d", (i*7919)%1000000), Roles: []string{"users"}}
		p.Devices[i] = Device{ID: i + 1, Extension: ext, Vendor: "Yealink", Model: "T54W", MAC: fmt.Sprintf("805EC0%06X", i),
			UserAgent: "Yealink SIP-T54W 96.86.0.70", IP: fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255), Firmware: "96.86.0.70"}
	}
	p.PageLimit = 1000
	return p
}
