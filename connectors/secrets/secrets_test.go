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

// envOf is an environment of the test's own, so that no test changes the
// process's.
func envOf(vars map[string]string) Keyring {
	return Keyring{Getenv: func(name string) string { return vars[name] }}
}

// withBus makes the keyring look reachable, as in a desktop session, so that
// the mock is asked; the address is never dialled.
func withBus() Keyring {
	return envOf(map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/ringfence-test-bus"})
}

func TestStoreReadReplaceForget(t *testing.T) {
	k := withBus()
	keyring.MockInit()
	if _, err := k.Get("Brightwater Kitchens", "3cx"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("empty keyring: got %v, want ErrNotFound", err)
	}
	if err := k.Set("Brightwater Kitchens", "3cx", "first-secret"); err != nil {
		t.Fatal(err)
	}
	if err := k.Set("Brightwater Kitchens", "3cx", "second-secret"); err != nil {
		t.Fatal(err)
	}
	if err := k.Set("Other Site", "3cx", "other-secret"); err != nil {
		t.Fatal(err)
	}
	got, err := k.Get("Brightwater Kitchens", "3cx")
	if err != nil || got != "second-secret" {
		t.Fatalf("got %q, %v", got, err)
	}
	if err := k.Delete("Brightwater Kitchens", "3cx"); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get("Brightwater Kitchens", "3cx"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if err := k.Delete("Brightwater Kitchens", "3cx"); err != nil {
		t.Fatalf("deleting twice: %v", err)
	}
	if got, _ := k.Get("Other Site", "3cx"); got != "other-secret" {
		t.Fatalf("another site's secret was touched: %q", got)
	}
}

func TestEmptySecretIsRefused(t *testing.T) {
	k := withBus()
	keyring.MockInit()
	if err := k.Set("s", "3cx", ""); err == nil {
		t.Fatal("an empty secret was saved")
	}
}

func TestHeadlessFailuresBecomeUnavailable(t *testing.T) {
	k := withBus()
	for _, raw := range []string{
		`exec: "dbus-launch": executable file not found in $PATH`,
		"The name org.freedesktop.secrets was not provided by any .service files",
		"failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'",
		"dial unix /run/user/1000/bus: connect: no such file or directory",
		"something nobody has seen before",
	} {
		keyring.MockInitWithError(errors.New(raw))
		_, err := k.Get("s", "3cx")
		if !errors.Is(err, ErrUnavailable) {
			t.Errorf("%q: got %v, want ErrUnavailable", raw, err)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "this run only") || !strings.Contains(msg, EnvVar) {
			t.Errorf("%q: the message offers no way forward: %s", raw, msg)
		}
		if err := k.Set("s", "3cx", "not-in-the-message"); !errors.Is(err, ErrUnavailable) || strings.Contains(err.Error(), "not-in-the-message") {
			t.Errorf("set: %v", err)
		}
	}
}

func TestTooLongAndNotFoundKeepTheirMeaning(t *testing.T) {
	k := withBus()
	keyring.MockInitWithError(keyring.ErrSetDataTooBig)
	if err := k.Set("s", "3cx", "x"); !errors.Is(err, ErrTooLong) {
		t.Errorf("got %v", err)
	}
	keyring.MockInitWithError(keyring.ErrNotFound)
	if err := k.Delete("s", "3cx"); err != nil {
		t.Errorf("deleting a missing secret: %v", err)
	}
}

func TestFromEnv(t *testing.T) {
	t.Parallel()
	if _, ok := envOf(map[string]string{EnvVar: ""}).FromEnv(); ok {
		t.Fatal("an empty variable counted as a secret")
	}
	if s, ok := envOf(map[string]string{EnvVar: "s3cret\n"}).FromEnv(); !ok || s != "s3cret" {
		t.Fatalf("got %q %v", s, ok)
	}
}

func TestNoSessionBusMeansNoKeyring(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("macOS and Windows do not reach the keyring over D-Bus")
	}
	keyring.MockInit() // were the keyring asked, it would answer
	k := envOf(map[string]string{"DBUS_SESSION_BUS_ADDRESS": "", "XDG_RUNTIME_DIR": t.TempDir()})
	err := k.Set("s", "3cx", "not-in-the-message")
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "no desktop session") || !strings.Contains(err.Error(), EnvVar) {
		t.Errorf("got %v", err)
	}
	k = envOf(map[string]string{"DBUS_SESSION_BUS_ADDRESS": "autolaunch:"})
	if _, err := k.Get("s", "3cx"); !errors.Is(err, ErrUnavailable) {
		t.Errorf("an autolaunch address should count as no bus: %v", err)
	}
}

// Find tries a secret given for this run, then RINGFENCE_SECRET, then the
// keyring, and asks the keyring nothing once it has one.
func TestFindLooksInOneOrder(t *testing.T) {
	t.Parallel()
	asked := 0
	env := map[string]string{}
	store := fakeStore{env: env, get: func(site, connector string) (string, error) {
		asked++
		if site != "Acme" || connector != "3cx" {
			t.Errorf("keyring asked for %s/%s", site, connector)
		}
		return "saved", nil
	}}
	if got, err := Find("Acme", "3cx", "", store); got != "saved" || err != nil || asked != 1 {
		t.Errorf("keyring only: %q %v (asked %d)", got, err, asked)
	}
	env[EnvVar] = "from-env\r\n"
	if got, _ := Find("Acme", "3cx", "", store); got != "from-env" || asked != 1 {
		t.Errorf("environment: %q (asked %d)", got, asked)
	}
	if got, _ := Find("Acme", "3cx", "typed", store); got != "typed" || asked != 1 {
		t.Errorf("typed: %q (asked %d)", got, asked)
	}
	if _, err := Find("Acme", "3cx", "", nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("no store: %v", err)
	}
}

// fakeStore reads RINGFENCE_SECRET the way Keyring does, from a map, and the
// saved secret from get.
type fakeStore struct {
	env map[string]string
	get func(site, connector string) (string, error)
}

func (f fakeStore) Get(site, connector string) (string, error) { return f.get(site, connector) }
func (f fakeStore) FromEnv() (string, bool) {
	return Keyring{Getenv: func(n string) string { return f.env[n] }}.FromEnv()
}
