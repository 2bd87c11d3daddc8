package callscan

import "testing"

func TestParseNumber(t *testing.T) {
	t.Parallel()
	cases := []struct {
		raw, outside, national string
		kind                   numberKind
		code, rng, prefix      string
	}{
		{"+44 (0)20 7946 0000", "", "02079460000", numUK, "", "", ""},
		{"0044 161 496 0000", "", "01614960000", numUK, "", "", ""},
		{"09098790123", "", "09098790123", numSpecial, "", "premium rate (09)", ""},
		{"118500", "", "118500", numSpecial, "", "directory enquiries (118)", ""},
		{"141118500", "", "118500", numSpecial, "", "directory enquiries (118)", "141"},
		{"147008712345678", "", "08712345678", numSpecial, "", "revenue-sharing (087)", "1470"},
		{"1800109098790123", "", "09098790123", numSpecial, "", "premium rate (09)", "18001"},
		{"07000123456", "", "07000123456", numSpecial, "", "personal numbering (070)", ""},
		{"07700900123", "", "07700900123", numUK, "", "", ""},
		{"05512345678", "", "05512345678", numSpecial, "", "corporate numbering (055)", ""},
		{"901614960000", "9", "01614960000", numUK, "", "", ""},
		{"900371678000091", "9", "00371678000091", numInternational, "371", "", ""},
		{"+371 6780 0091", "", "0037167800091", numInternational, "371", "", ""},
		{"0018095550123", "", "0018095550123", numInternational, "1", "", ""},
		{"sip:+252618000240@trunk.example", "", "00252618000240", numInternational, "252", "", ""},
		{"101", "", "101", numOther, "", "", ""},
		{"999", "", "999", numOther, "", "", ""},
		{"*97", "", "97", numOther, "", "", ""},
		{"", "", "", numOther, "", "", ""},
	}
	for _, tc := range cases {
		n := parseNumber(tc.raw, tc.outside)
		if n.national != tc.national || n.kind != tc.kind || n.code != tc.code || n.rng != tc.rng || n.prefix != tc.prefix {
			t.Errorf("parseNumber(%q) = %+v, want %q kind %d code %q range %q prefix %q",
				tc.raw, n, tc.national, tc.kind, tc.code, tc.rng, tc.prefix)
		}
	}
}

func TestRiskKeyPrefersLongestMatch(t *testing.T) {
	t.Parallel()
	cases := map[string]string{"18095550123": "1809", "12125550123": "", "252618000240": "252", "447700900123": "", "9411234567": "94"}
	for digits, want := range cases {
		if got := riskKey(digits); got != want {
			t.Errorf("riskKey(%s) = %q, want %q", digits, got, want)
		}
	}
}

func TestLooksExternal(t *testing.T) {
	t.Parallel()
	for from, want := range map[string]bool{"101": false, "2140": false, "01614960000": true, "+3531234567": true, "447700900123": true, "": false} {
		if got := looksExternal(from); got != want {
			t.Errorf("looksExternal(%q) = %v, want %v", from, got, want)
		}
	}
}
