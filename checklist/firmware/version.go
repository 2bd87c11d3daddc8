package firmware

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Scheme names a vendor's way of numbering releases. Versions are only compared
// within one scheme, because the same text can order differently in two of them.
type Scheme string

const (
	// SchemeDotted is plain numeric fields: 1.0.10 is newer than 1.0.9.
	SchemeDotted Scheme = "dotted"
	// SchemeYealink is dotted, but the first field names the firmware family
	// (66 for the T4xS phones, 108 for the T4xU), so two families never compare.
	SchemeYealink Scheme = "yealink"
	// SchemeCisco is Cisco's multiplatform numbering: 11.3.7, then 11.3.7SR1,
	// 11.3.7SR2, then 11.3.8; "11.3.1 MSR2-6" is a maintenance release of 11.3.1.
	SchemeCisco Scheme = "cisco"
	// SchemeAsterisk is Asterisk's: mainline 18.24.2, or a certified train such
	// as 18.9-cert11, which is patched on its own and never compares with mainline.
	SchemeAsterisk Scheme = "asterisk"
)

// ErrNotComparable is returned when two versions are valid but belong to
// different families or trains, so neither is "newer".
var ErrNotComparable = errors.New("versions belong to different release lines")

// Compare orders a and b under a scheme: -1 when a is older, 0 when equal, 1 when
// a is newer. It returns an error when either version cannot be read, or when the
// two cannot be ordered at all (ErrNotComparable).
func Compare(scheme Scheme, a, b string) (int, error) {
	pa, err := parseVersion(scheme, a)
	if err != nil {
		return 0, err
	}
	pb, err := parseVersion(scheme, b)
	if err != nil {
		return 0, err
	}
	if pa.line != pb.line {
		return 0, fmt.Errorf("%q and %q: %w", a, b, ErrNotComparable)
	}
	return compareFields(pa.fields, pb.fields), nil
}

// parsed is a version reduced to a release line (versions on different lines
// never compare) and numeric fields compared left to right. Fields are kept as
// digit strings so that no input, however long, can overflow.
type parsed struct {
	line   string
	fields []string
}

func parseVersion(scheme Scheme, v string) (parsed, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return parsed{}, errors.New("empty version")
	}
	switch scheme {
	case SchemeDotted:
		f, ok := dottedFields(v)
		if !ok {
			return parsed{}, fmt.Errorf("version %q is not dotted numbers", v)
		}
		return parsed{fields: f}, nil
	case SchemeYealink:
		f, ok := dottedFields(v)
		if !ok || len(f) < 2 {
			return parsed{}, fmt.Errorf("version %q is not a Yealink firmware number", v)
		}
		return parsed{line: f[0], fields: f[1:]}, nil
	case SchemeCisco:
		return parseCisco(v)
	case SchemeAsterisk:
		return parseAsterisk(v)
	}
	return parsed{}, fmt.Errorf("unknown version scheme %q", scheme)
}

// dottedFields splits "1.0.7.64" into digit strings; every field must be digits.
func dottedFields(v string) ([]string, bool) {
	parts := strings.Split(v, ".")
	for _, p := range parts {
		if p == "" || strings.TrimLeft(p, "0123456789") != "" {
			return nil, false
		}
	}
	return parts, true
}

// ciscoVersion matches "11.3.7", "11.3.7SR1", "11.3.1 MSR2-6" and the older
// "14.2(1)SR1" shape; the service-release level sorts after its base release.
var ciscoVersion = regexp.MustCompile(`(?i)^(\d+)\.(\d+)(?:\.(\d+)|\((\d+)\))?\s*(?:M?SR\s*(\d+)(?:-(\d+))?)?$`)

func parseCisco(v string) (parsed, error) {
	m := ciscoVersion.FindStringSubmatch(v)
	if m == nil {
		return parsed{}, fmt.Errorf("version %q is not a Cisco release number", v)
	}
	patch := m[3]
	if patch == "" {
		patch = m[4]
	}
	return parsed{fields: []string{m[1], m[2], orZero(patch), orZero(m[5]), orZero(m[6])}}, nil
}

// asteriskCert matches a certified train such as "18.9-cert11".
var asteriskCert = regexp.MustCompile(`(?i)^(\d+(?:\.\d+)*)-cert(\d+)$`)

func parseAsterisk(v string) (parsed, error) {
	if m := asteriskCert.FindStringSubmatch(v); m != nil {
		f, _ := dottedFields(m[1])
		return parsed{line: "certified", fields: append(f, m[2])}, nil
	}
	f, ok := dottedFields(v)
	if !ok {
		return parsed{}, fmt.Errorf("version %q is not an Asterisk release number", v)
	}
	return parsed{line: "mainline", fields: f}, nil
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

// compareFields compares digit strings numerically; a missing field counts as 0,
// so 1.0 equals 1.0.0.
func compareFields(a, b []string) int {
	n := max(len(a), len(b))
	for i := range n {
		x, y := "0", "0"
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if c := compareDigits(x, y); c != 0 {
			return c
		}
	}
	return 0
}

func compareDigits(x, y string) int {
	x = strings.TrimLeft(x, "0")
	y = strings.TrimLeft(y, "0")
	if len(x) != len(y) {
		if len(x) < len(y) {
			return -1
		}
		return 1
	}
	return strings.Compare(x, y)
}
