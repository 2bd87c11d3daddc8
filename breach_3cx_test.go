package main

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/ringfence/ringfence/connectors/secrets"
	"github.com/ringfence/ringfence/connectors/threecx/xapifake"
)

// A breach on a site connected to a 3CX system (a fake built from the
// vendor's documented shapes): the steps name the admin logins the system
// reports, its own call history is reviewed, and no secret or PIN the
// system holds reaches the output, the saved incident or either report.
func TestBreachOn3CXNamesAccountsAndLeaksNothing(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ringfence-test-bus")
	keyring.MockInit()
	dir := t.TempDir()
	pbx := xapifake.SmallBusiness()
	srv := httptest.NewTLSServer(pbx.Handler(t))
	t.Cleanup(srv.Close)
	t.Setenv(secrets.EnvVar, xapifake.Secret)
	site := "Harbour Lane Dental"
	connect := []string{"connect", "--site", site, "--create", "--connector", "3cx", "--url", srv.URL, "--client-id", xapifake.ClientID, "--option", "calls=yes"}
	r := ringfence(t, dir, connect...)
	fingerprint := strings.TrimSpace(r.stderr[strings.LastIndex(r.stderr, "--trust-fingerprint ")+len("--trust-fingerprint "):])
	outputs := []result{r, ringfence(t, dir, append(connect, "--trust-fingerprint", fingerprint)...)}
	if outputs[1].code != exitOK {
		t.Fatalf("connect: %+v", outputs[1])
	}
	t.Setenv(secrets.EnvVar, "")

	r = ringfence(t, dir, "breach", "--site", site)
	outputs = append(outputs, r)
	if r.code != exitOK || !strings.Contains(r.stdout, "admin logins can change the system") || !strings.Contains(r.stdout, "Read from the phone system just now (3cx)") {
		t.Fatalf("the steps do not name what the phone system reports:\n%+v", r)
	}
	r = ringfence(t, dir, "breach", "--site", site, "--calls-from-system")
	outputs = append(outputs, r)
	if r.code != exitOK || !strings.Contains(r.stdout, "Read the phone system's call history: 1 call") || !strings.Contains(r.stdout, "extension 207") {
		t.Fatalf("--calls-from-system: %+v", r)
	}
	r = ringfence(t, dir, "breach", "--site", site)
	outputs = append(outputs, r)
	if !strings.Contains(r.stdout, "the call records point at extension 207") {
		t.Errorf("the suspect extension is not named in the first step:\n%s", r.stdout)
	}
	pdf := filepath.Join(dir, "incident.pdf")
	for _, report := range []string{filepath.Join(dir, "incident.json"), pdf} {
		r = ringfence(t, dir, "breach", "--site", site, "--report", report)
		outputs = append(outputs, r)
		if r.code != exitOK {
			t.Fatalf("--report %s: %+v", report, r)
		}
	}
	if tool, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command(tool, pdf, "-").Output()
		if err != nil || !strings.Contains(string(text), site) {
			t.Fatalf("pdftotext: %v", err)
		}
		outputs = append(outputs, result{stdout: string(text)})
	} else if os.Getenv("RINGFENCE_REQUIRE_REAL") == "1" {
		t.Fatal("pdftotext is required (RINGFENCE_REQUIRE_REAL=1) but not installed: apt-get install poppler-utils")
	}
	leakFree(t, dir, outputs, append(xapifake.SecretValues(), xapifake.LeakPINs...))
}
