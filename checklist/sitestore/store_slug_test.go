package sitestore

import (
	"regexp"
	"strings"
	"testing"
)

var slugShape = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestSlug(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, want string }{
		{"Zoë's Café", "zoes-cafe"},
		{"  Acme Ltd  ", "acme-ltd"},
		{"ACME LTD", "acme-ltd"},
		{"Smith & Sons (Stockport)", "smith-sons-stockport"},
		{"a---b", "a-b"},
		{"-lead and trail-", "lead-and-trail"},
		{"../../etc/passwd", "etc-passwd"},
		{`C:\Windows\System32`, "c-windows-system32"},
		{"ŁÓDŹ Świętokrzyska", "lodz-swietokrzyska"},
		{"Straße", "strasse"},
		{"Ærøskøbing", "aeroskobing"},
		{"Ñandú Çava", "nandu-cava"},
		{"e\u0301cole", "ecole"}, // accent as a separate combining mark
		{"O’Brien’s", "obriens"},
		{"con", "con-site"},
		{"LPT1", "lpt1-site"},
		{"Com 1", "com-1"},
		{"2nd Floor", "2nd-floor"},
	}
	for _, tc := range tests {
		if got := siteSlug(tc.name); got != tc.want {
			t.Errorf("siteSlug(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestSlugFallsBackToAHash(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"", "   ", "東京", "大阪", "!!!", "..", "Ελλάδα"} {
		got := siteSlug(name)
		if !strings.HasPrefix(got, "site-") || len(got) != len("site-")+8 || !slugShape.MatchString(got) {
			t.Errorf("siteSlug(%q) = %q, want site- and eight hex digits", name, got)
		}
	}
	if siteSlug("東京") == siteSlug("大阪") {
		t.Error("two names in another script share a folder")
	}
	if siteSlug("Ελλάδα") != siteSlug("ΕΛΛΆΔΑ") {
		t.Error("the same name in another case got a different folder")
	}
}

func TestSlugIsAlwaysPathSafe(t *testing.T) {
	t.Parallel()
	names := []string{
		strings.Repeat("very long name ", 20),
		strings.Repeat("x", 47) + " y",
		"tab\there", "new\nline", "nul\x00byte", "dots...", "\u202eevil",
		"emoji 📞 phones", "mixed Ünïcödé ÆØÅ", "\xff\xfe bad utf-8",
	}
	for _, name := range names {
		got := siteSlug(name)
		if !slugShape.MatchString(got) || len(got) > maxSlug {
			t.Errorf("siteSlug(%q) = %q, not a safe folder name", name, got)
		}
	}
}
