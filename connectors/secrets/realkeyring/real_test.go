// Package realkeyring tests the secrets package against the machine's real
// keyring. It is a separate package because go-keyring's mock, used by the
// unit tests, replaces the keyring for the whole test binary.
//
// In CI (Debian), with gnome-keyring, dbus-x11 and libsecret-tools installed:
//
//	dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; RINGFENCE_REQUIRE_REAL=1 go test ./connectors/...'
package realkeyring

import (
	"crypto/rand"
	"errors"
	"os"
	"testing"

	"github.com/ringfence/ringfence/connectors/secrets"
)

func TestRealSecretService(t *testing.T) {
	site := "ringfence-test-" + rand.Text()
	const connector = "3cx"
	t.Cleanup(func() { realKeyring.Delete(site, connector) })

	err := realKeyring.Set(site, connector, "first-value")
	if errors.Is(err, secrets.ErrUnavailable) {
		if os.Getenv("RINGFENCE_REQUIRE_REAL") == "1" {
			t.Fatalf("RINGFENCE_REQUIRE_REAL=1 but the keyring is unavailable: %v (cause: %v)", err, errors.Unwrap(err))
		}
		t.Skipf("no Secret Service on this session bus (%v); run under dbus-run-session with gnome-keyring-daemon to test it", errors.Unwrap(err))
	}
	if err != nil {
		t.Fatal(err)
	}
	if got, err := realKeyring.Get(site, connector); err != nil || got != "first-value" {
		t.Fatalf("read back %q, %v", got, err)
	}
	if err := realKeyring.Set(site, connector, "second-value"); err != nil {
		t.Fatal(err)
	}
	if got, err := realKeyring.Get(site, connector); err != nil || got != "second-value" {
		t.Fatalf("after replacing: %q, %v", got, err)
	}
	if err := realKeyring.Delete(site, connector); err != nil {
		t.Fatal(err)
	}
	if _, err := realKeyring.Get(site, connector); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("after deleting: %v", err)
	}
}

// realKeyring is the system keyring, reached as the program reaches it.
var realKeyring = secrets.Keyring{Getenv: os.Getenv}
