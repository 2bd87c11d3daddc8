package main

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/ringfence/ringfence/connectors/kamailio/kamailiofake"
	"github.com/ringfence/ringfence/connectors/secrets"
)

// Kamailio's JSON-RPC has no sign-in: connecting and auditing need no
// secret, and none is asked for or saved. Behind a proxy that asks for a
// password, the password is taken and kept like any other secret.
func TestConnectKamailioWithAndWithoutAProxyPassword(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ringfence-test-bus")
	keyring.MockInit()
	t.Setenv(secrets.EnvVar, "")
	dir := t.TempDir()

	open := kamailiofake.Office()
	open.Protected = false
	srv := httptest.NewServer(open.Handler(t))
	t.Cleanup(srv.Close)
	r := ringfence(t, dir, "connect", "--site", "Quay Surgery", "--create", "--connector", "kamailio", "--url", srv.URL+"/RPC")
	if r.code != exitOK || !strings.Contains(r.stdout, "Connected") {
		t.Fatalf("connect without a secret: %+v", r)
	}
	if _, err := osKeyring.Get("Quay Surgery", "kamailio"); err == nil {
		t.Error("a secret was saved though none was given")
	}
	r = ringfence(t, dir, "audit", "--site", "Quay Surgery")
	if r.code != exitOK || !strings.Contains(r.stdout, "EP-03") || !strings.Contains(r.stderr, "Kamailio has no voicemail") {
		t.Fatalf("audit without a secret: %+v", r)
	}

	guarded := kamailiofake.Office()
	psrv := httptest.NewServer(guarded.Handler(t))
	t.Cleanup(psrv.Close)
	connect := []string{"connect", "--site", "Dock Clinic", "--create", "--connector", "kamailio", "--url", psrv.URL + "/RPC", "--client-id", kamailiofake.User}
	r = ringfence(t, dir, connect...)
	if r.code == exitOK || !strings.Contains(r.stderr, "proxy") {
		t.Fatalf("connect to a proxy without its password: %+v", r)
	}
	outputs := []result{r}
	t.Setenv(secrets.EnvVar, kamailiofake.Secret)
	r = ringfence(t, dir, connect...)
	outputs = append(outputs, r)
	if r.code != exitOK {
		t.Fatalf("connect with the proxy's password: %+v", r)
	}
	if got, err := osKeyring.Get("Dock Clinic", "kamailio"); err != nil || got != kamailiofake.Secret {
		t.Errorf("the proxy's password should be in the keyring: %v", err)
	}
	t.Setenv(secrets.EnvVar, "")
	r = ringfence(t, dir, "audit", "--site", "Dock Clinic")
	outputs = append(outputs, r)
	if r.code != exitOK || !strings.Contains(r.stdout, "EP-03") {
		t.Fatalf("audit with the saved password: %+v", r)
	}
	leakFree(t, dir, outputs, []string{kamailiofake.Secret})
}
