package secrets

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

// These tests use go-keyring's in-memory mock, which is global: none of them
// may run in parallel. The real Secret Service is tested in ./realkeyring.

// withBus makes the keyring look reachable, as in a desktop session, so that
// the mock is asked; the address is never dialled.
func withBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ringfence-test-bus")
}

func TestStoreReadReplaceForget(t *testing.T) {
	withBus(t)
	keyring.MockInit()
	if _, err := Get("Brightwater Kitchens", "3cx"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("empty keyring: got %v, want ErrNotFound", err)
	}
	if err := Set("Brightwater Kitchens", "3cx", "first-secret"); err != nil {
		t.Fatal(err)
	}
	if err := Set("Brightwater Kitchens", "3cx", "second-secret"); err != nil {
		t.Fatal(err)
	}
	if err := Set("Other Site", "3cx", "other-secret"); err != nil {
		t.Fatal(err)
	}
	got, err := Get("Brightwater Kitchens", "3cx")
	if err != nil || got != "second-secret" {
		t.Fatalf("got %q, %v", got, err)
	}
	if err := Delete("Brightwater Kitchens", "3cx"); err != nil {
		t.Fatal(err)
	}
	if _, err := Get("Brightwater Kitchens", "3cx"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if err := Delete("Brightwater Kitchens", "3cx"); err != nil {
		t.Fatalf("deleting twice: %v", err)
	}
	if got, _ := Get("Other Site", "3cx"); got != "other-secret" {
		t.Fatalf("another site's secret was touched: %q", got)
	}
}

func TestEmptySecretIsRefused(t *testing.T) {
	withBus(t)
	keyring.MockInit()
	if err := Set("s", "3cx", ""); err == nil {
		t.Fatal("an empty secret was saved")
	}
}

func TestHeadlessFailuresBecomeUnavailable(t *testing.T) {
	withBus(t)
	for _, raw := range []string{
		`exec: "dbus-launch": executable file not found in $PATH`,
		"The name org.freedesktop.secrets was not provided by any .service files",
		"failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'",
		"dial unix /run/user/1000/bus: connect: no such file or directory",
		"something nobody has seen before",
	} {
		keyring.MockInitWithError(errors.New(raw))
		_, err := Get("s", "3cx")
		if !errors.Is(err, ErrUnavailable) {
			t.Errorf("%q: got %v, want ErrUnavailable", raw, err)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "this run only") || !strings.Contains(msg, EnvVar) {
			t.Errorf("%q: the message offers no way forward: %s", raw, msg)
		}
		if err := Set("s", "3cx", "not-in-the-message"); !errors.Is(err, ErrUnavailable) || strings.Contains(err.Error(), "not-in-the-message") {
			t.Errorf("set: %v", err)
		}
	}
}

func TestTooLongAndNotFoundKeepTheirMeaning(t *testing.T) {
	withBus(t)
	keyring.MockInitWithError(keyring.ErrSetDataTooBig)
	if err := Set("s", "3cx", "x"); !errors.Is(err, ErrTooLong) {
		t.Errorf("got %v", err)
	}
	keyring.MockInitWithError(keyring.ErrNotFound)
	if err := Delete("s", "3cx"); err != nil {
		t.Errorf("deleting a missing secret: %v", err)
	}
}

func TestFromEnv(t *testing.T) {
	t.Setenv(EnvVar, "")
	if _, ok := FromEnv(); ok {
		t.Fatal("an empty variable counted as a secret")
	}
	t.Setenv(EnvVar, "s3cret\n")
	if s, ok := FromEnv(); !ok || s != "s3cret" {
		t.Fatalf("got %q %v", s, ok)
	}
}

func TestNoSessionBusMeansNoKeyring(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("macOS and Windows do not reach the keyring over D-Bus")
	}
	keyring.MockInit() // were the keyring asked, it would answer
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	err := Set("s", "3cx", "not-in-the-message")
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "no desktop session") || !strings.Contains(err.Error(), EnvVar) {
		t.Errorf("got %v", err)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "autolaunch:")
	if _, err := Get("s", "3cx"); !errors.Is(err, ErrUnavailable) {
		t.Errorf("an autolaunch address should count as no bus: %v", err)
	}
}

// Find tries a secret given for this run, then RINGFENCE_SECRET, then the
// keyring, and asks the keyring nothing once it has one.
func TestFindLooksInOneOrder(t *testing.T) {
	asked := 0
	keyring := func(site, connector string) (string, error) {
		asked++
		if site != "Acme" || connector != "3cx" {
			t.Errorf("keyring asked for %s/%s", site, connector)
		}
		return "saved", nil
	}
	t.Setenv(EnvVar, "")
	if got, err := Find("Acme", "3cx", "", keyring); got != "saved" || err != nil || asked != 1 {
		t.Errorf("keyring only: %q %v (asked %d)", got, err, asked)
	}
	t.Setenv(EnvVar, "from-env\r\n")
	if got, _ := Find("Acme", "3cx", "", keyring); got != "from-env" || asked != 1 {
		t.Errorf("environment: %q (asked %d)", got, asked)
	}
	if got, _ := Find("Acme", "3cx", "typed", keyring); got != "typed" || asked != 1 {
		t.Errorf("typed: %q (asked %d)", got, asked)
	}
}
