package yeastarfake

import "time"

// LeakPINs are PINs EstateAgency holds that equal no extension, so finding one
// anywhere in a connector's output is a leak.
var LeakPINs = []string{"915372", "74019"}

// EstateAgency is a small estate agency's Yeastar P550 with the problems such
// systems really have.
func EstateAgency() *Server {
	f := New()
	f.Exts = []Ext{
		{ID: 1, Number: "1000", Name: "Front Desk", Email: "desk@example.co.uk", PINB64: B64("1000")}, // PIN is the extension
		{ID: 2, Number: "1001", Name: "Sales", Email: "sales@example.co.uk", PINB64: B64("")},         // no PIN
		{ID: 3, Number: "1002", Name: "Lettings", Email: "lets@example.co.uk", PINB64: B64("000000")}, // one digit repeated
		{ID: 4, Number: "1003", Name: "Branch Manager", PINB64: B64("74019")},                         // only short
		{ID: 5, Number: "1004", Name: "Valuer", PINB64: B64("915372")},                                // fine
		{ID: 6, Number: "1005", Name: "Mortgages", PINB64: "%%not-base64%%"},                          // cannot be judged
	}
	f.Phones = []Phone{
		{ID: 1, MAC: "000b82aabb01", Vendor: "Grandstream", Model: "GXP1625", FW: "1.0.4.106", IP: "192.168.5.21", Owner: "1000"}, // old firmware
		{ID: 2, MAC: "00:15:65:AA:BB:02", Vendor: "Yealink", Model: "SIP-T38G", FW: "38.70.0.185", Owner: "1001"},                 // end of life
		{ID: 3, MAC: "80:5E:C0:AA:BB:03", Vendor: "Yealink", Model: "SIP-T54W", FW: "96.86.0.100", Owner: "1002"},
		{ID: 4, MAC: "80:5E:C0:AA:BB:04", Vendor: "Yealink", Model: "SIP-T46S", FW: "66.86.0.15"}, // nobody's
		{ID: 5, MAC: "80:5E:C0:AA:BB:05", Vendor: "Yealink", Model: "W60B", FW: "77.85.0.25", Owner: "1003"},
	}
	saturday2am := time.Date(2025, 5, 31, 2, 0, 0, 0, time.UTC).Unix()
	f.CDRs = []map[string]any{
		{"id": 3, "time": "31/05/2025 02:00:00", "timestamp": saturday2am, "call_from": "Sales<1001>", "call_to": "0088212345678", "talk_duration": 2400, "disposition": "ANSWERED", "call_type": "Outbound"},
		{"id": 2, "time": "30/05/2025 10:00:00", "timestamp": saturday2am - 57600, "call_from": "Front Desk<1000>", "call_to": "01612345678", "talk_duration": 60, "disposition": "ANSWERED", "call_type": "Outbound"},
		{"id": 1, "time": "30/05/2025 09:00:00", "timestamp": saturday2am - 61200, "call_from": "07700900123", "call_to": "Lettings<1002>", "talk_duration": 0, "disposition": "NO ANSWER", "call_type": "Inbound"},
	}
	return f
}
