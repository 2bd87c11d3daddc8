package csvinv

import (
	"fmt"
	"net/netip"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// quote shows a cell in an error, shortened so that one enormous cell cannot
// flood the report.
func quote(s string) string {
	const limit = 40
	if utf8.RuneCountInString(s) > limit {
		r := []rune(s)
		s = string(r[:limit]) + "…"
	}
	return "'" + s + "'"
}

// parseMAC accepts the usual spellings (00:15:65:aa:bb:cc, 00-15-65-AA-BB-CC,
// 0015.65aa.bbcc, 001565AABBCC) and returns the colon form in capitals, the
// form the rest of Ringfence uses.
func parseMAC(s string) (string, bool) {
	hex := make([]byte, 0, 12)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':' || c == '-' || c == '.' || c == ' ':
		case c >= '0' && c <= '9', c >= 'A' && c <= 'F':
			hex = append(hex, c)
		case c >= 'a' && c <= 'f':
			hex = append(hex, c-'a'+'A')
		default:
			return "", false
		}
	}
	if len(hex) != 12 {
		return "", false
	}
	var b strings.Builder
	b.Grow(17)
	for i := 0; i < 12; i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.Write(hex[i : i+2])
	}
	return b.String(), true
}

func parseIP(s string) (string, bool) {
	addr, err := netip.ParseAddr(s)
	if err != nil {
		return "", false
	}
	return addr.String(), true
}

// parseExtension accepts digits, with "201.0" (a number Excel has touched)
// turned back into "201". Leading zeros are kept: 0201 and 201 differ on a PBX.
func parseExtension(s string) (string, bool) {
	s = strings.TrimSuffix(s, ".0")
	if s == "" || len(s) > 15 {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", false
		}
	}
	return s, true
}

func validEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " ,;<>") && strings.Contains(s[at+1:], ".")
}

// deviceKinds maps the words people write in a "type" column to device kinds.
var deviceKinds = map[string]inventory.DeviceKind{
	"deskphone": inventory.DeviceDeskPhone, "phone": inventory.DeviceDeskPhone, "ipphone": inventory.DeviceDeskPhone,
	"handset": inventory.DeviceDeskPhone, "sipphone": inventory.DeviceDeskPhone, "desk": inventory.DeviceDeskPhone,
	"conferencephone": inventory.DeviceDeskPhone, "videophone": inventory.DeviceDeskPhone,
	"dect": inventory.DeviceDECT, "cordless": inventory.DeviceDECT, "dectphone": inventory.DeviceDECT,
	"dectbase": inventory.DeviceDECT, "dectbasestation": inventory.DeviceDECT, "cordlessphone": inventory.DeviceDECT,
	"softphone": inventory.DeviceSoftphone, "soft": inventory.DeviceSoftphone, "app": inventory.DeviceSoftphone,
	"mobileapp": inventory.DeviceSoftphone, "desktopapp": inventory.DeviceSoftphone, "webclient": inventory.DeviceSoftphone,
	"ata": inventory.DeviceATA, "analogueadapter": inventory.DeviceATA, "analogadapter": inventory.DeviceATA,
	"fax": inventory.DeviceATA, "doorentry": inventory.DeviceATA, "intercom": inventory.DeviceATA,
	"gateway": inventory.DeviceGateway, "voipgateway": inventory.DeviceGateway, "sbc": inventory.DeviceGateway,
	"router": inventory.DeviceGateway,
	"pbx":    inventory.DevicePBX, "phonesystem": inventory.DevicePBX,
}

const kindList = "desk phone, DECT, softphone, ATA, gateway or PBX"

func parseKind(s string) (inventory.DeviceKind, bool) {
	k, ok := deviceKinds[headerKey(s)]
	return k, ok
}

// dateLayouts are tried in order. Slashed dates are read day first, the UK
// way; ISO dates are unambiguous and recommended in the error message.
var dateLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
	"02/01/2006 15:04:05",
	"02/01/2006 15:04",
	"02/01/2006",
	"2/1/2006 15:04",
	"2/1/2006",
	"02-01-2006",
	"02.01.2006",
	"2 Jan 2006",
	"2 January 2006",
	"02 Jan 2006 15:04",
}

func parseDate(s string) (time.Time, bool) {
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func badValue(what, value, want string) string {
	return fmt.Sprintf("%s %s is not %s", what, quote(value), want)
}
