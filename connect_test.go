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
	connect := []string{"connect", "--site", "Harbour Lane Dental", "--connector", "3cx", "--url", srv.URL, "--client-id", xapifake.ClientID}
	r := ringfence(t, dir, connect...)
	outputs = append(outputs, r)
	if r.code != exitError || !strings.Contains(r.stderr, "--trust-fingerprint") {
		t.Fatalf("untrusted certificate: %+v", r)
	}
	fingerprint := r.stderr[strings.LastIndex(r.stderr, "--trust-fingerprint ")+len("--trust-fingerprint "):]
	fingerprint = strings.TrimSpace(fingerprint)
	if _, err := checklist.OpenStore(dir); err != nil {
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
	if got, err := secrets.Get("Harbour Lane Dental", "3cx"); err != nil || got != xapifake.Secret {
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
	if _, err := secrets.Get("Harbour Lane Dental", "3cx"); err == nil {
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
		{[]string{"connect", "--site", "A", "--connector", "avaya"}, "one of: "},
		{[]string{"connect", "--site", "A", "--connector", "3cx", "--client-id", "1"}, "needs --url"},
		{[]string{"connect", "--site", "A", "--connector", "3cx", "--url", "pbx.example.com", "--client-id", "1"}, "web address"},
		{[]string{"connect", "--site", "A", "--connector", "3cx", "--url", "https://pbx.example.com", "--client-id", "1", "--trust-fingerprint", "abc"}, "64 hex digits"},
		{[]string{"connect", "--site", "A", "--connector", "csv"}, "needs --file"},
		{[]string{"audit", "--site", "A", "--connector", "csv"}, "needs --file"},
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
	if !strings.Contains(r.stderr, "line 3") || !strings.Contains(r.stderr, "rows were skipped") {
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
	if r.code != exitOK || !strings.Contains(r.stderr, "rows were skipped") {
		t.Errorf("second audit should read the remembered file: %+v", r)
	}
}
