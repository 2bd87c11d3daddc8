package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/ringfence/ringfence/connectors/secrets"
	"github.com/ringfence/ringfence/connectors/threecx/xapifake"
)

// TestBreachDoesNotWaitForASlowPhoneSystem connects a site to a 3CX system
// (the documented fake) that then stops answering, as a hacked or
// overloaded one may: the command prints the first step without waiting for
// the phone system to time out, and says the accounts could not be read yet.
func TestBreachDoesNotWaitForASlowPhoneSystem(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ringfence-test-bus")
	keyring.MockInit()
	dir := t.TempDir()
	pbx := xapifake.SmallBusiness()
	var hang atomic.Bool
	release := make(chan struct{})
	inner := pbx.Handler(t)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hang.Load() {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	t.Setenv(secrets.EnvVar, xapifake.Secret)
	site := "Harbour Lane Dental"
	connect := []string{"connect", "--site", site, "--create", "--connector", "3cx", "--url", srv.URL, "--client-id", xapifake.ClientID}
	r := ringfence(t, dir, connect...)
	fingerprint := strings.TrimSpace(r.stderr[strings.LastIndex(r.stderr, "--trust-fingerprint ")+len("--trust-fingerprint "):])
	if r := ringfence(t, dir, append(connect, "--trust-fingerprint", fingerprint)...); r.code != exitOK {
		t.Fatalf("connect: %+v", r)
	}
	hang.Store(true)
	r = ringfence(t, dir, "breach", "--site", site)
	if r.code != exitOK || !strings.Contains(r.stdout, "Step 1 of 11: Stop the calls now") {
		t.Fatalf("the first step was not printed: %+v", r)
	}
	if strings.Contains(r.stdout, "did not answer in time") {
		t.Errorf("the command waited for the phone system to time out before giving the first step:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "not answered yet") {
		t.Errorf("the command does not say the phone system has not answered:\n%s", r.stdout)
	}
}
