package firmware

import (
	"regexp"
	"strings"
	"unicode"
)

// Identify works out what a device is from everything a source gave for it:
// the vendor, model and firmware columns, and its user agent. The columns win;
// the user agent fills gaps only when it names the same maker and model, since
// a stale or shared user agent must never lend a version to another phone.
// A maker written inside the model ("Cisco SPA504G", "Yealink T46S", as many
// spreadsheets have it) is split off when no vendor was given.
func Identify(vendor, model, version, ua string) Identity {
	vendor, model, version = clean(vendor), clean(model), clean(version)
	if vendor == "" && model != "" {
		vendor, model = splitMaker(model)
	}
	id := Identity{Vendor: vendor, Model: model, Version: version}
	if parsed, ok := ParseUserAgent(ua); ok {
		sameMaker := id.Vendor == "" || canonicalVendor(id.Vendor) == parsed.Vendor
		sameModel := id.Model == "" || sameModelName(parsed.Vendor, id.Model, parsed.Model)
		if sameMaker && sameModel {
			id.Vendor = firstSet(id.Vendor, parsed.Vendor)
			id.Model = firstSet(id.Model, parsed.Model)
			id.Version = firstSet(id.Version, parsed.Version)
			id.Kind = parsed.Kind
			id.CoreVersion = parsed.CoreVersion
		}
	}
	if id.Vendor != "" {
		if c, ok := vendorAliases[strings.ToLower(canonicalVendor(id.Vendor))]; ok {
			id.Vendor = c
		}
	}
	if id.Vendor == "Poly" {
		id.Model = polyModel(id.Model)
	}
	if id.Vendor == "Cisco" {
		id.Model = ciscoModel(id.Model, id.Version+" "+ua)
	}
	return id
}

// clean trims a field and drops control characters, which some phones leave at
// the end of a model name (a C string's closing zero byte).
func clean(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s))
}

func firstSet(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// makerNoise are words that follow a maker's name in company and product names
// ("Cisco Systems, Inc. IP Phone CP-7940G") and say nothing about the model.
var makerNoise = map[string]bool{
	"systems": true, "inc": true, "ltd": true, "co": true, "networks": true, "network": true,
	"technology": true, "gmbh": true, "ip": true, "phone": true, "wireless": true,
}

// splitMaker reads "Cisco SPA504G" as the maker Cisco and the model SPA504G. It
// returns the model untouched when it does not start with a maker Ringfence
// knows, or when nothing that looks like a model (with a digit) follows.
func splitMaker(model string) (string, string) {
	words := strings.Fields(model)
	if len(words) > 0 {
		// "Cisco-CP7821", "Yealink-T46G": the maker joined to the model by a hyphen.
		if maker, rest, ok := strings.Cut(words[0], "-"); ok && rest != "" {
			if _, known := vendorAliases[strings.ToLower(maker)]; known {
				words = append([]string{maker, rest}, words[1:]...)
			}
		}
	}
	for n := min(2, len(words)-1); n >= 1; n-- {
		name := strings.ToLower(strings.Trim(strings.Join(words[:n], " "), ",."))
		maker, ok := vendorAliases[name]
		if !ok {
			continue
		}
		rest := words[n:]
		for len(rest) > 0 && makerNoise[strings.ToLower(strings.Trim(rest[0], ",."))] {
			rest = rest[1:]
		}
		m := strings.Join(rest, " ")
		// A model has a digit, and no slash, semicolon, colon or bracket: those
		// belong to a user agent or a note, whose model Ringfence cannot tell. So
		// does a firmware number or MAC address after the model ("Sangoma S305 V3.0.4.72").
		if !strings.ContainsAny(m, "0123456789") || strings.ContainsAny(m, "/;:()") || carriesFirmware(rest) {
			return "", model
		}
		return maker, m
	}
	return "", model
}

// sameModelName reports whether two spellings name one model: "SIP-T46S" and
// "T46S", "CP-8841-3PCC" and "8841".
func sameModelName(vendor, a, b string) bool {
	_, ka := modelKeys(vendor, a)
	_, kb := modelKeys(vendor, b)
	trim := func(k string) string {
		k = strings.ToUpper(k)
		for _, p := range []string{"SIP", "CP"} {
			k = strings.TrimPrefix(k, p)
		}
		for _, s := range []string{"3PCC", "MPP"} {
			k = strings.TrimSuffix(k, s)
		}
		return k
	}
	return trim(ka) != "" && trim(ka) == trim(kb)
}

// ciscoDeskPhone matches the model of a Cisco 6800, 7800, 8800 or older desk
// phone in any of its spellings: "8841", "CP-8841", "CP8865NR", "CP-8841-3PCC".
var ciscoDeskPhone = regexp.MustCompile(`(?i)^(?:CP-?)?(\d{4}[A-Z]*?)(?:-?(3PCC|MPP))?$`)

// multiplatformMark finds the signs of Cisco's multiplatform (MPP, also called
// 3PCC) firmware in a version or user agent: "sip88xx.12-0-4MPP0001",
// "11.3.1 MSR2-6", "Cisco-CP-8841-3PCC/11.3.7".
var multiplatformMark = regexp.MustCompile(`(?i)3PCC|MPP|\dMSR\d|\sMSR\d`)

// ciscoModel spells a Cisco desk phone one way, "CP-8841", and marks it
// "CP-8841-3PCC" when it runs multiplatform firmware. Enterprise (CUCM) and
// multiplatform firmware are patched separately, so advisories for one must
// never judge the other.
func ciscoModel(model, evidence string) string {
	m := ciscoDeskPhone.FindStringSubmatch(strings.ReplaceAll(model, " ", "-"))
	if m == nil {
		return model
	}
	out := "CP-" + strings.ToUpper(m[1])
	if m[2] != "" || multiplatformMark.MatchString(evidence) {
		out += "-3PCC"
	}
	return out
}

// firmwareWord is a firmware number ("V3.0.4.72") or a bare MAC address
// ("001fc1200b41"), the two things a user agent puts after its model.
var firmwareWord = regexp.MustCompile(`^(?:[Vv]?\d+(?:\.\d+){2,}|[0-9A-Fa-f]{12})$`)

// carriesFirmware reports a word after the first that reads as a firmware
// number or MAC address, which would otherwise be taken as part of the model.
func carriesFirmware(words []string) bool {
	for _, w := range words[min(1, len(words)):] {
		if firmwareWord.MatchString(w) {
			return true
		}
	}
	return false
}
