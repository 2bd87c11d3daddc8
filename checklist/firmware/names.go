package firmware

import (
	"slices"
	"strings"
)

// vendorAliases maps the ways vendors appear in PBX exports, spreadsheets and
// user agents to one name. Poly was Polycom (and Plantronics), Unify phones are
// sold as Atos OpenScape, Linksys SPA kit was rebadged Cisco, Digium's Asterisk
// is now Sangoma's.
var vendorAliases = map[string]string{
	"yealink":     "Yealink",
	"poly":        "Poly",
	"polycom":     "Poly",
	"plantronics": "Poly",
	"hp poly":     "Poly",
	"cisco":       "Cisco",
	"linksys":     "Cisco",
	"grandstream": "Grandstream",
	"snom":        "Snom",
	"fanvil":      "Fanvil",
	"panasonic":   "Panasonic",
	"unify":       "Unify",
	"atos":        "Unify",
	"openscape":   "Unify",
	"sangoma":     "Sangoma",
	"digium":      "Sangoma",
	"3cx":         "3CX",
	"yeastar":     "Yeastar",
	"mitel":       "Mitel",
	"aastra":      "Mitel",
	"htek":        "Htek",
	"gigaset":     "Gigaset",
}

// canonicalVendor turns "Yealink Network Technology Co., Ltd." into "Yealink" by
// its first word (or first two, for "HP Poly"). An unknown vendor keeps its
// trimmed spelling, so it simply matches no row.
func canonicalVendor(v string) string {
	words := strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
		return r == ' ' || r == ',' || r == '.' || r == '-' || r == '_' || r == '/' || r == '(' || r == ')'
	})
	if len(words) == 0 {
		return ""
	}
	if len(words) > 1 {
		if c, ok := vendorAliases[words[0]+" "+words[1]]; ok {
			return c
		}
	}
	if c, ok := vendorAliases[words[0]]; ok {
		return c
	}
	return strings.TrimSpace(v)
}

// nameKey reduces a model or product name to what the patterns match: no spaces,
// hyphens, underscores or slashes, so "SIP-T46S", "sip t46s" and "SIPT46S" agree.
func nameKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '_', '/', '\t':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// vendorPrefixes lists, per vendor, every spelling that may lead a model name,
// longest first so that "Polycom" is removed before "Poly" could be.
var vendorPrefixes = func() map[string][]string {
	m := map[string][]string{}
	for alias, vendor := range vendorAliases {
		m[vendor] = append(m[vendor], nameKey(alias))
	}
	for _, list := range m {
		slices.SortFunc(list, func(a, b string) int { return len(b) - len(a) })
	}
	return m
}()

// modelKeys gives the model as written and without the vendor's name in front
// ("Yealink T46S", "snomD785"), so either spelling finds the row.
func modelKeys(vendor, model string) (string, string) {
	k := nameKey(model)
	for _, prefix := range vendorPrefixes[canonicalVendor(vendor)] {
		if len(k) > len(prefix) && strings.EqualFold(k[:len(prefix)], prefix) {
			return k, k[len(prefix):]
		}
	}
	return k, k
}
