package main

import (
	"encoding/json"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/conformance"
	"github.com/ringfence/ringfence/connectors/secrets"
	"github.com/ringfence/ringfence/connectors/threecx/xapifake"
)

// leakFree fails the test if any secret or PIN appears in the output or in any
// file under dir.
func leakFree(t *testing.T, dir string, outputs []result, needles []string) {
	t.Helper()
	var all strings.Builder
	for _, r := range outputs {
		all.WriteString(r.stdout + r.stderr)
	}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(path)
			all.Write(data)
		}
		return nil
	})
	for i, n := range needles {
		if conformance.ContainsSecret(all.String(), n) {
			t.Errorf("secret or PIN number %d leaked into output or saved files", i)
		}
	}
}

func TestConnect3CXTrustAuditAndForget(t *testing.T) {
	// The mock stands in for a desktop keyring, reached over a session bus.
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ringfence-test-bus")
	keyring.MockInit()
	t.Setenv(secrets.EnvVar, "")
	dir := t.TempDir()
	pbx := xapifake.SmallBusiness()
	srv := httptest.NewTLSServer(pbx.Handler(t))
	t.Cleanup(srv.Close)
	var outputs []result

	// First try: the self-signed certificate is not trusted, and the message says
	// how to check and trust it.
	t.Setenv(secrets.EnvVar, xapifake.Secret)
	connect := []string{"connect", "--site", "Harbour Lane Dental", "--create", "--connector", "3cx", "--url", srv.URL, "--client-id", xapifake.ClientID}
	r := ringfence(t, dir, connect...)
	outputs = append(outputs, r)
	if r.code != exitError || !strings.Contains(r.stderr, "--trust-fingerprint") {
		t.Fatalf("untrusted certificate: %+v", r)
	}
	fingerprint := r.stderr[strings.LastIndex(r.stderr, "--trust-fingerprint ")+len("--trust-fingerprint "):]
	fingerprint = strings.TrimSpace(fingerprint)
	if _, err := sitestore.OpenStore(dir); err != nil {
		t.Fatal(err)
	}
	if r := ringfence(t, dir, "sites"); strings.Contains(r.stdout, "Harbour") {
		t.Error("a failed connection must not save the site")
	}

	// Second try with the fingerprint the user checked: connected, secret in the keyring.
	r = ringfence(t, dir, append(connect, "--trust-fingerprint", fingerprint)...)
	outputs = append(outputs, r)
	if r.code != exitOK || !strings.Contains(r.stdout, "Connected") {
		t.Fatalf("trusted connect: %+v", r)
	}
	if got, err := osKeyring.Get("Harbour Lane Dental", "3cx"); err != nil || got != xapifake.Secret {
		t.Fatalf("the secret should be in the keyring: %v", err)
	}

	// The audit reads the PBX with the secret from the keyring alone.
	t.Setenv(secrets.EnvVar, "")
	r = ringfence(t, dir, "audit", "--site", "Harbour Lane Dental", "--json", "-")
	outputs = append(outputs, r)
	if r.code != exitOK {
		t.Fatalf("audit: %+v", r)
	}
	var doc reportDoc
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	failed := map[string]bool{}
	for _, res := range doc.Results {
		failed[res.ID] = res.Status == "fail"
	}
	for _, id := range []string{"PIN-01", "MFA-01", "TF-01"} {
		if !failed[id] {
			t.Errorf("the 3CX audit should fail %s", id)
		}
	}

	// Forget removes the secret; an audit then says how to supply it.
	r = ringfence(t, dir, "forget", "--site", "Harbour Lane Dental", "--certificates")
	outputs = append(outputs, r)
	if r.code != exitOK {
		t.Fatalf("forget: %+v", r)
	}
	if _, err := osKeyring.Get("Harbour Lane Dental", "3cx"); err == nil {
		t.Error("the secret is still in the keyring after forget")
	}
	r = ringfence(t, dir, "audit", "--site", "Harbour Lane Dental")
	outputs = append(outputs, r)
	if r.code != exitError || !strings.Contains(r.stderr, secrets.EnvVar) {
		t.Errorf("audit without a secret: %+v", r)
	}
	leakFree(t, dir, outputs, append(xapifake.SecretValues(), xapifake.LeakPINs...))
}

func TestConnectRefusesBadSettings(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"connect", "--connector", "3cx"}, "--site"},
		{[]string{"connect", "--site", "A", "--connector", "avaya"}, "Give --connector one of 3cx"},
		{[]string{"connect", "--site", "A", "--connector", "3cx", "--client-id", "1"}, "needs --url"},
		{[]string{"connect", "--site", "A", "--connector", "3cx", "--url", "pbx.example.com", "--client-id", "1"}, "web address"},
		{[]string{"connect", "--site", "A", "--connector", "3cx", "--url", "https://pbx.example.com", "--client-id", "1", "--trust-fingerprint", "abc"}, "64 hex digits"},
		{[]string{"connect", "--site", "A", "--connector", "csv"}, "needs --file"},
		{[]string{"audit", "--site", "A", "--connector", "csv"}, "give the file as well: --file FILE."},
		{[]string{"audit", "--site", "A", "--connector", "3cx"}, "ringfence connect"},
		{[]string{"connect", "--site", "A", "--connector", "3cx", "--url", "https://pbx.example.com", "--client-id", "1", "--option", "calls"}, "key=value"},
	} {
		r := ringfence(t, dir, tt.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want usage error mentioning %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
}

func TestCSVInventorySite(t *testing.T) {
	dir := t.TempDir()
	inv := filepath.Join(dir, "phones.csv")
	os.WriteFile(inv, []byte("Extension;Owner;Vendor;Model;Firmware;MAC\n"+
		"201;Zoë Ó'Brien;Grandstream;GXP1625;1.0.7.64;00:0B:82:11:22:33\n"+
		"202;Łukasz Nowak;Cisco;SPA504G;7.6.2;not-a-mac\n"+
		"203;Siobhán Kelly;Yealink;SIP-T46S;66.86.0.15;80:5E:C0:11:22:33\n"), 0o600)
	ringfence(t, dir, "sites", "add", "Café Nero Ltd")
	r := ringfence(t, dir, "audit", "--site", "Café Nero Ltd", "--connector", "csv", "--file", inv, "--json", "-")
	if r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	if !strings.Contains(r.stderr, "line 3") || !strings.Contains(r.stderr, "3 lines read below the header on line 1: 2 used, 1 skipped") {
		t.Errorf("the bad row should be reported by line: %q", r.stderr)
	}
	var doc reportDoc
	json.Unmarshal([]byte(r.stdout), &doc)
	for _, res := range doc.Results {
		if res.ID == "FW-01" && res.Status != "fail" {
			t.Errorf("the old Grandstream should fail FW-01, got %s", res.Status)
		}
	}
	// The site remembers the file, so the next audit reads it again.
	r = ringfence(t, dir, "audit", "--site", "Café Nero Ltd")
	if r.code != exitOK || !strings.Contains(r.stderr, "2 used, 1 skipped") {
		t.Errorf("second audit should read the remembered file: %+v", r)
	}
}

// Options are saved in site.json in plain text, so a key no connector reads
// is refused (a typo would be silently ignored; "pwd=" would leave a password
// in the file), and so is an address carrying a password or a secret-looking
// query. Nothing is saved and the value is never echoed.
func TestConnectRefusesSecretsInOptionsAndAddresses(t *testing.T) {
	keyring.MockInit()
	t.Setenv(secrets.EnvVar, "the-api-key")
	dir := t.TempDir()
	base := []string{"connect", "--site", "Leaky", "--connector", "3cx", "--client-id", "1"}
	for _, tt := range []struct {
		extra []string
		want  []string
	}{
		{[]string{"--url", "https://pbx.example.com", "--option", "pwd=hunter2"}, []string{"pwd", "keyring", "calls", "page_size"}},
		{[]string{"--url", "https://pbx.example.com", "--option", "pass=hunter2"}, []string{"pass", "keyring"}},
		{[]string{"--url", "https://pbx.example.com", "--option", "key=hunter2"}, []string{"key", "keyring"}},
		{[]string{"--url", "https://pbx.example.com", "--option", "colour=hunter2"}, []string{"colour", "calls", "page_size"}},
		{[]string{"--url", "https://admin:hunter2@pbx.example.com"}, []string{"user name or password", "--url"}},
		{[]string{"--url", "https://pbx.example.com/?access_token=hunter2"}, []string{"access_token", "--url"}},
		{[]string{"--url", "https://pbx.example.com/?api_key=hunter2&x=1"}, []string{"api_key"}},
	} {
		r := ringfence(t, dir, append(base, tt.extra...)...)
		if r.code != exitUsage {
			t.Errorf("%v: exit %d, stderr %q; want a usage error", tt.extra, r.code, r.stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: %q does not say %q", tt.extra, r.stderr, w)
			}
		}
		if strings.Contains(r.stdout+r.stderr, "hunter2") {
			t.Errorf("%v: the secret was echoed: %q", tt.extra, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "sites")); err == nil {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if data, _ := os.ReadFile(path); strings.Contains(string(data), "hunter2") {
				t.Errorf("%s holds the secret", path)
			}
			return nil
		})
	}
	if r := ringfence(t, dir, "sites"); strings.Contains(r.stdout, "Leaky") {
		t.Error("a refused connection saved the site")
	}
}

// A site saved before options were checked may hold a password under an
// option nobody reads. The site file is checked against the same schema as
// the command line, so each audit refuses it, without the value, until the
// settings are replaced.
func TestAuditRefusesAStrayOptionInASavedSite(t *testing.T) {
	keyring.MockInit()
	t.Setenv(secrets.EnvVar, "the-api-key")
	dir := t.TempDir()
	if r := ringfence(t, dir, "sites", "add", "Old"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	path := filepath.Join(dir, "sites", "old", "site.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var site map[string]any
	json.Unmarshal(raw, &site)
	site["connector"] = map[string]any{"kind": "3cx", "url": "http://127.0.0.1:1", "client_id": "1", "options": map[string]string{"pwd": "hunter2"}}
	raw, _ = json.Marshal(site)
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	r := ringfence(t, dir, "audit", "--site", "Old")
	if r.code == exitOK || !strings.Contains(r.stderr, `"pwd"`) || !strings.Contains(r.stderr, "ringfence connect") || strings.Contains(r.stderr+r.stdout, "hunter2") {
		t.Errorf("stderr %q", r.stderr)
	}
}

// The command line prints the import's own account, line for line: the same
// lines the app shows, so neither front end can drop a skipped row.
func TestAuditPrintsEveryLineOfTheImportAccount(t *testing.T) {
	dir := t.TempDir()
	inv := filepath.Join(dir, "phones.csv")
	os.WriteFile(inv, []byte("Extension,Owner,Vendor,Model,Firmware,MAC\n"+
		"201,Ann,Grandstream,GXP1625,1.0.7.64,00:0B:82:11:22:33\n"+
		"202,Bo,Cisco,SPA504G,7.6.2,not-a-mac\n"+
		"203,Cy,Yealink,SIP-T46S,66.86.0.15,zz:zz\n"), 0o600)
	site := checklist.Site{Name: "Acme", Connector: checklist.ConnectorSettings{Kind: "csv", File: inv}}
	src, err := connectors.Open(builtin, site, connectors.Secrets{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := src.Fetch(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := res.Account()
	if len(want) != 3 {
		t.Fatalf("the account should list two skipped lines and the count: %q", want)
	}
	ringfence(t, dir, "sites", "add", "Acme")
	r := ringfence(t, dir, "audit", "--site", "Acme", "--connector", "csv", "--file", inv)
	if r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	for _, l := range want {
		if !strings.Contains(r.stderr, l+"\n") {
			t.Errorf("the command line left out %q:\n%s", l, r.stderr)
		}
	}
}

// osKeyring is the keyring as the program sees it, reading this process's
// environment; with keyring.MockInit it is go-keyring's in-memory mock.
var osKeyring = secrets.Keyring{Getenv: os.Getenv}
