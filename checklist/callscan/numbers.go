package callscan

import "strings"

// number is a dialled number sorted into what matters for fraud.
type number struct {
	national string // digits in UK national form: "020…", "09…", "00371…", "118…"
	kind     numberKind
	code     string // international dialling code, for international numbers
	rng      string // premium or special range name, for UK special numbers
	prefix   string // carrier or caller-ID prefix that was dialled first, if any
}

type numberKind uint8

const (
	numOther         numberKind = iota // extensions, feature codes, emergency
	numUK                              // ordinary UK landline, mobile, freephone, 03
	numSpecial                         // UK premium, revenue-sharing or special range
	numInternational                   // 00 + country code
)

// dialPrefixes are codes a UK caller may dial in front of a full number. They
// hide the real destination from a simple prefix match, so they are removed
// before the number is judged:
//
//   - 141 withholds the caller's number and 1470 releases it (Andrews & Arnold,
//     "Calling Line Identity", aaisp.net.uk/aa/callinglineidentity.html);
//   - 18001 and 18002 route the call through the text relay service, and are
//     described by BT as indirect access codes dialled before the full number
//     (BT price list, section 2 part 23 "Text Relay"; BT TextDirect rebate page).
//
// We looked for other carrier access codes still in use in the UK (the old
// indirect-access codes such as 18185 that some PBX guides mention) and found
// no current source, so they are not listed; a number such as 181850911… is
// still caught when the PBX records it, because its tail is checked below.
var dialPrefixes = []string{"1470", "18001", "18002", "141"}

// specialRanges are the UK ranges that charge the caller a premium or share the
// call charge with the number's holder. Source: Ofcom's National Telephone
// Numbering Plan (designations and tariff principles for 055, 056, 070, 076,
// 084, 087 and 09; 118 directory enquiries), as republished in the telephone
// number glossary at nsltelecoms.co.uk, and the Ofcom 070 and 118 reviews.
// Longest prefixes first.
var specialRanges = []struct{ prefix, name string }{
	{"09", "premium rate (09)"},
	{"118", "directory enquiries (118)"},
	{"070", "personal numbering (070)"},
	{"076", "pager (076)"},
	{"087", "revenue-sharing (087)"},
	{"084", "revenue-sharing (084)"},
	{"055", "corporate numbering (055)"},
	{"056", "internet telephony (056)"},
}

// parseNumber turns a dialled number into its national form and sorts it.
// outside is the PBX's outside-line digit ("9"), removed when the rest is a
// full number.
func parseNumber(raw, outside string) number {
	s := raw
	if !allDigits(raw) {
		var buf [40]byte
		d := buf[:0]
		for i := 0; i < len(raw); i++ {
			c := raw[i]
			switch {
			case c >= '0' && c <= '9':
				d = append(d, c)
			case c == '+' && len(d) == 0:
				d = append(d, '0', '0')
			case c == '@' || c == ';':
				i = len(raw) // a SIP URI: the user part is the number
			}
		}
		s = string(d)
	}
	n := number{}
	if outside != "" && strings.HasPrefix(s, outside) && len(s)-len(outside) >= 9 && s[len(outside)] == '0' {
		s = s[len(outside):]
	}
	for _, p := range dialPrefixes {
		if s == "" || s[0] != '1' {
			break
		}
		if rest, ok := strings.CutPrefix(s, p); ok && (strings.HasPrefix(rest, "0") || strings.HasPrefix(rest, "118")) {
			n.prefix, s = p, rest
			break
		}
	}
	if rest, ok := strings.CutPrefix(s, "0044"); ok {
		s = "0" + strings.TrimPrefix(rest, "0")
	}
	n.national = s
	switch {
	case strings.HasPrefix(s, "00") && len(s) > 3:
		n.kind = numInternational
		n.code = countryCode(s[2:])
	case strings.HasPrefix(s, "118") && len(s) == 6:
		n.kind, n.rng = numSpecial, specialRanges[1].name
	case strings.HasPrefix(s, "0") && len(s) >= 10:
		n.kind = numUK
		for _, r := range specialRanges {
			if strings.HasPrefix(s, r.prefix) {
				n.kind, n.rng = numSpecial, r.name
				break
			}
		}
	}
	return n
}

// allDigits reports whether s is digits only, the usual case, which needs no copy.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// external reports whether the number leaves the business.
func (n number) external() bool { return n.kind != numOther }

// looksExternal reports whether a caller field is an outside number rather
// than an extension, which marks the call as incoming.
func looksExternal(from string) bool {
	digits := 0
	for i := 0; i < len(from); i++ {
		c := from[i]
		if c >= '0' && c <= '9' {
			if digits == 0 && c == '0' {
				return true
			}
			digits++
		} else if c == '+' && digits == 0 {
			return true
		}
	}
	return digits > 7
}

// countryCode finds the E.164 country code at the start of an international
// number (digits after "00"): the longest known code, else the first two digits.
func countryCode(digits string) string {
	for n := 3; n >= 1; n-- {
		if len(digits) >= n && knownCountryCodes[digits[:n]] {
			return digits[:n]
		}
	}
	if len(digits) >= 2 {
		return digits[:2]
	}
	return digits
}

// validLength reports whether an international number can be real: E.164 caps
// a number at fifteen digits including the country code. Calls to impossible
// numbers are a known mark of revenue-share fraud (Commsrisk, "Expert says 15%
// of IRSF sent to B-numbers too long or short to be valid").
func validLength(national string) bool {
	d := len(national) - 2
	return d >= 7 && d <= 15
}
