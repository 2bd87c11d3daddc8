package freepbxfake

import "time"

// LeakPINs are PINs DentalPractice holds that equal no extension, so finding
// one anywhere in a connector's output is a leak.
var LeakPINs = []string{"583920", "8305"}

// DentalPractice is a small dental practice's FreePBX with the problems such
// systems really have: a PIN equal to its extension, a blank PIN, the
// commonest PIN, a short one, an extension with voicemail switched on but no
// box, and a half-hour call to a satellite number at three on a Sunday morning.
func DentalPractice() *Server {
	f := New()
	f.Exts = []Ext{
		{ID: "200", Name: "Reception", VM: "default", PIN: PIN("200")},
		{ID: "201", Name: "Dr Aisha Patel", VM: "default", PIN: PIN("")},
		{ID: "202", Name: "Zoë Ward / Nurse", VM: "default", PIN: PIN("1234")},
		{ID: "203", Name: "Practice Manager", VM: "default", PIN: PIN("8305")},
		{ID: "204", Name: "Hygienist", VM: "default", PIN: PIN("583920")},
		{ID: "205", Name: "Old Locum", VM: "novm"},
		{ID: "206", Name: "Spare Room", VM: "default"},
		{ID: "299", Name: "Fax", VM: "novm"},
	}
	sunday3am := time.Date(2025, 6, 1, 3, 0, 0, 0, time.UTC).Unix()
	f.CDRs = []map[string]any{
		{"calldate": "2025-06-01 03:00:00", "timestamp": sunday3am, "src": "201", "cnum": "201", "dst": "00881234567890", "billsec": 1800, "disposition": ""},
		{"calldate": "2025-05-30 10:00:00", "timestamp": sunday3am - 150000, "src": "200", "cnum": "200", "dst": "01612345678", "billsec": 120, "disposition": ""},
		{"calldate": "2025-05-30 11:00:00", "timestamp": 0, "src": "202", "cnum": "", "dst": "07700900123", "billsec": 0, "disposition": ""},
	}
	return f
}
