package csvinv

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRead feeds the reader arbitrary bytes. Whatever arrives, it must not
// panic, must give either an error or an inventory, must name a line for every
// rejected row, and must keep only well-formed MACs and IPs.
func FuzzRead(f *testing.F) {
	f.Add([]byte(practiceSheet))
	f.Add([]byte("\uFEFFVendor;Model;MAC\nYealink;T46S;80:5E:C0:00:00:01\n"))
	f.Add([]byte("Ext\tOwner\n201\tA\n"))
	f.Add([]byte("MAC,Owner\n\"unterminated,A\n"))
	f.Add([]byte{0xFF, 0xFE, 0, 0})
	f.Add([]byte("Vendor,Model\r\nA,\"B\"\"C\"\r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, problems, err := Read(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			if inv.Devices != nil || problems != nil {
				t.Fatal("an error came with a result")
			}
			if !strings.Contains(err.Error(), "fuzz.csv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) + 1
		for _, p := range problems {
			if p.Line < 1 || p.Line > lines {
				t.Fatalf("problem on line %d of a %d-line file: %v", p.Line, lines, p)
			}
			if !utf8.ValidString(p.Reason) {
				t.Fatalf("reason is not UTF-8: %q", p.Reason)
			}
		}
		for _, d := range inv.Devices {
			if d.MAC != "" {
				if m, ok := parseMAC(d.MAC); !ok || m != d.MAC {
					t.Fatalf("kept a bad MAC %q", d.MAC)
				}
			}
			if d.IP != "" {
				if _, ok := parseIP(d.IP); !ok {
					t.Fatalf("kept a bad IP %q", d.IP)
				}
			}
		}
	})
}
