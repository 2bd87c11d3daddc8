package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zalando/go-keyring"

	"github.com/ringfence/ringfence/checklist/safetext/hostile"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors/secrets"
	"github.com/ringfence/ringfence/connectors/threecx/xapifake"
)

// csvCell quotes a cell so that line breaks and separators inside a hostile
// name stay in one cell.
func csvCell(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// hostileFiles writes an inventory, a staff list and call records whose names,
// models and numbers carry every name of the hostile set, some in rows good
// enough to be read and some in rows bad enough to be skipped and quoted.
func hostileFiles(t *testing.T, dir string) (inv, hr, cdr string) {
	t.Helper()
	// NUL bytes and bytes that are not UTF-8 make the readers refuse the whole
	// file as binary, so those names are left out of the files.
	var names []string
	for _, n := range hostile.Names {
		if utf8.ValidString(n) && !strings.ContainsRune(n, 0) {
			names = append(names, n)
		}
	}
	var b strings.Builder
	b.WriteString("Extension,Owner,Vendor,Model,Firmware,MAC\n")
	for i, n := range names {
		fmt.Fprintf(&b, "%d,%s,Yealink,%s,%s,80:5E:C0:11:22:%02X\n", 300+i, csvCell(n), csvCell("T46S "+n), csvCell("66.86.0.15"+n), i)
		fmt.Fprintf(&b, "%d,%s,Cisco,SPA504G,7.6.2,%s\n", 400+i, csvCell(n), csvCell(n)) // a MAC that is no MAC: skipped
	}
	inv = writeFile(t, dir, "phones.csv", b.String())

	b.Reset()
	b.WriteString("Name,Email,Status,Leave date\n")
	for _, n := range names {
		fmt.Fprintf(&b, "%s,,Leaver,01/11/2026\n", csvCell(n))
		fmt.Fprintf(&b, "%s,,Active,%s\n", csvCell(n), csvCell(n)) // a date that is no date: skipped
	}
	b.WriteString("\"Ó Briain, Declan\",declan.obriain@brightwater.example.co.uk,Leaver,01/11/2026\n")
	hr = writeFile(t, dir, "staff.csv", b.String())

	b.Reset()
	for i, n := range names {
		fmt.Fprintf(&b, "\"\",\"205\",%s,\"from-internal\",%s,\"PJSIP/205-0001\",\"PJSIP/trunk-0002\",\"Dial\",\"\",\"2026-11-07 01:%02d:00\",\"2026-11-07 01:%02d:00\",\"2026-11-07 01:%02d:09\",549,540,\"ANSWERED\",\"DOCUMENTATION\"\n",
			csvCell("00371671234"+fmt.Sprint(i)+n), csvCell(n), i, i, i+9)
		fmt.Fprintf(&b, "\"\",%s,\"0037167123456\",\"from-internal\",%s,\"PJSIP/x-0001\",\"PJSIP/trunk-0002\",\"Dial\",\"\",\"2026-11-08 02:%02d:00\",\"2026-11-08 02:%02d:00\",\"2026-11-08 02:%02d:09\",549,540,\"ANSWERED\",\"DOCUMENTATION\"\n",
			csvCell(n), csvCell(n), i, i, i+9)
		fmt.Fprintf(&b, "%s,%s,not,a,call\n", csvCell(n), csvCell(n))
	}
	cdr = writeFile(t, dir, "Master.csv", b.String())
	return inv, hr, cdr
}

// hostilePBX is a 3CX whose version and user names are hostile, connected and
// trusted as a site.
func hostilePBX(t *testing.T, dir string) (site string, connect result) {
	t.Helper()
	keyring.MockInit()
	pbx := xapifake.SmallBusiness()
	pbx.Version = "20.0.3.884 " + strings.Join(hostile.Names[:15], " ")
	for i := range pbx.Users {
		pbx.Users[i].LastName = hostile.Names[i%len(hostile.Names)]
	}
	srv := httptest.NewTLSServer(pbx.Handler(t))
	t.Cleanup(srv.Close)
	sum := sha256.Sum256(srv.Certificate().Raw)
	t.Setenv(secrets.EnvVar, xapifake.Secret)
	site = "Harbour Lane Dental"
	connect = ringfence(t, dir, "connect", "--site", site, "--create", "--connector", "3cx", "--url", srv.URL,
		"--client-id", xapifake.ClientID, "--trust-fingerprint", hex.EncodeToString(sum[:]))
	if connect.code != exitOK {
		t.Fatalf("connect: %+v", connect)
	}
	return site, connect
}

// TestHostileTextNeverReachesTheTerminal sends the hostile set through every
// command that prints what came from outside and scans both streams for any
// control, escape or bidi character. A new output path is one more row.
func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	dir := t.TempDir()
	inv, hr, cdr := hostileFiles(t, dir)
	site, connected := hostilePBX(t, dir)

	// A site saved by hand (or by an older Ringfence) with a bidi override in
	// its name is still listed safely.
	old := filepath.Join(dir, "old")
	if r := ringfence(t, old, "sites", "add", "Mallory Ltd"); r.code != exitOK {
		t.Fatal(r)
	}
	matches, _ := filepath.Glob(filepath.Join(old, "sites", "*", "site.json"))
	if len(matches) != 1 {
		t.Fatalf("site.json not found: %v", matches)
	}
	data, _ := os.ReadFile(matches[0])
	os.WriteFile(matches[0], []byte(strings.Replace(string(data), `"Mallory Ltd"`, `"Mallory \u202egnp.exe \u001b]2;title\u0007"`, 1)), 0o600)

	rows := []struct {
		name string
		run  func() result
	}{
		{"connect message with the PBX version", func() result { return connected }},
		{"audit summary with the PBX version", func() result { return ringfence(t, dir, "audit", "--site", site) }},
		{"audit Markdown with the PBX version", func() result { return ringfence(t, dir, "audit", "--site", site, "--md", "-") }},
		{"audit JSON with the PBX version", func() result { return ringfence(t, dir, "audit", "--site", site, "--json", "-") }},
		{"sites add", func() result { return ringfence(t, dir, "sites", "add", "Café Nero Ltd") }},
		{"audit summary and CSV skips", func() result {
			return ringfence(t, dir, "audit", "--site", "Café Nero Ltd", "--connector", "csv", "--file", inv)
		}},
		{"audit Markdown from CSV", func() result { return ringfence(t, dir, "audit", "--site", "Café Nero Ltd", "--md", "-") }},
		{"audit JSON from CSV", func() result { return ringfence(t, dir, "audit", "--site", "Café Nero Ltd", "--json", "-") }},
		{"cdr against a CSV site", func() result { return ringfence(t, dir, "cdr", cdr, "--site", "Café Nero Ltd") }},
		{"audit with a staff list", func() result { return ringfence(t, dir, "audit", "--demo", "--hr", hr) }},
		{"leavers", func() result { return ringfence(t, dir, "leavers", "--demo", "--hr", hr) }},
		{"leavers JSON", func() result { return ringfence(t, dir, "leavers", "--demo", "--hr", hr, "--json", "-") }},
		{"leavers against the PBX", func() result { return ringfence(t, dir, "leavers", "--site", site, "--hr", hr) }},
		{"cdr", func() result { return ringfence(t, dir, "cdr", cdr, "--demo") }},
		{"cdr JSON", func() result { return ringfence(t, dir, "cdr", cdr, "--demo", "--json", "-") }},
		{"sites add with a bidi override", func() result { return ringfence(t, dir, "sites", "add", "Mallory \u202egnp.exe") }},
		{"sites add with a title change", func() result { return ringfence(t, dir, "sites", "add", hostile.Names[1]) }},
		{"sites lists an old hostile name", func() result { return ringfence(t, old, "sites") }},
		{"connect with a hostile site name", func() result {
			return ringfence(t, dir, "connect", "--site", hostile.Names[0], "--create", "--connector", "csv", "--file", inv)
		}},
		{"connect with a hostile file name", func() result {
			return ringfence(t, dir, "connect", "--site", "Acme", "--connector", "csv", "--file", filepath.Join(dir, hostile.Names[2]))
		}},
		{"connect with a hostile address", func() result {
			return ringfence(t, dir, "connect", "--site", "Acme", "--connector", "3cx", "--url", "https://pbx.example/"+hostile.Names[4], "--client-id", "x")
		}},
		{"audit of a hostile site name", func() result { return ringfence(t, dir, "audit", "--site", hostile.Names[3]) }},
		{"unknown command", func() result { return ringfence(t, dir, hostile.Names[0]) }},
	}
	for _, row := range rows {
		r := row.run()
		for stream, out := range map[string]string{"standard output": r.stdout, "standard error": r.stderr} {
			if bad := hostile.Find(out, false); bad != "" {
				t.Errorf("%s: %s holds %s", row.name, stream, bad)
			}
			// A line break inside a name must not start a line of its own.
			if i := strings.Index(out, "\nbreak"); i >= 0 {
				t.Errorf("%s: %s lets a name start a new line: %q", row.name, stream, out[max(i-40, 0):i+10])
			}
		}
	}
}

// TestSiteNamesWithHiddenCharactersAreRefused: a site name is shown in every
// report, so one that could reorder or hide text is refused when it is made.
func TestSiteNamesWithHiddenCharactersAreRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{"Mallory \u202egnp.exe", "Eve \u2066Ltd\u2069", "Ad\u200dmin Ltd", "Bell \a Ltd", "C1 \u009b Ltd"} {
		r := ringfence(t, dir, "sites", "add", name)
		if r.code == exitOK || !strings.Contains(r.stderr, "site name") {
			t.Errorf("sites add %q: %+v", name, r)
		}
	}
	for _, name := range hostile.Safe {
		if r := ringfence(t, dir, "sites", "add", name); r.code != exitOK {
			t.Errorf("sites add %q was refused: %+v", name, r)
		}
	}
	store, _ := sitestore.OpenStore(dir)
	sites, _ := store.Sites()
	if len(sites) != len(hostile.Safe) {
		t.Errorf("want %d sites, got %d", len(hostile.Safe), len(sites))
	}
	r := ringfence(t, dir, "sites")
	for _, name := range hostile.Safe {
		if !strings.Contains(r.stdout, name) {
			t.Errorf("sites does not list %q as it is:\n%s", name, r.stdout)
		}
	}
}
