// Package secrets keeps connector secrets (API client secrets, passwords) in
// the operating system's keyring: Keychain on macOS, Credential Manager on
// Windows, the Secret Service (GNOME Keyring, KWallet) on Linux. Nothing here
// ever writes a secret to a file, and no error it returns contains one.
package secrets

import (
	"errors"
	"strings"

	"github.com/zalando/go-keyring"
)

// service is the name every Ringfence entry is filed under in the keyring.
const service = "ringfence"

// EnvVar holds a secret for headless runs where no keyring exists.
const EnvVar = "RINGFENCE_SECRET"

var (
	// ErrUnavailable means this computer has no keyring Ringfence can use.
	ErrUnavailable = errors.New("there is no system keyring available on this computer, so Ringfence cannot keep the secret safely between runs")
	// ErrNotFound means no secret has been saved for this site and connector.
	ErrNotFound = errors.New("no secret is saved for this site and connector")
	// ErrTooLong means the keyring refused a secret for its size (macOS and
	// Windows cap entries at a few kilobytes).
	ErrTooLong = errors.New("the secret is too long for this computer's keyring")
)

// Keyring reaches the system keyring. Getenv is how it reads the environment
// (RINGFENCE_SECRET and, on Linux, where the session bus is): the program
// passes os.Getenv once at start-up, and tests pass a map of their own.
type Keyring struct {
	Getenv func(string) string
}

func (k Keyring) getenv(name string) string {
	if k.Getenv == nil {
		return ""
	}
	return k.Getenv(name)
}

// Set saves or replaces the secret for a site's connector.
func (k Keyring) Set(site, connector, secret string) error {
	if secret == "" {
		return errors.New("an empty secret cannot be saved; enter the secret the phone system gave you")
	}
	if err := noSessionBus(k.getenv); err != nil {
		return err
	}
	return explain(keyring.Set(service, account(site, connector), secret))
}

// Get reads the secret for a site's connector.
func (k Keyring) Get(site, connector string) (string, error) {
	if err := noSessionBus(k.getenv); err != nil {
		return "", err
	}
	s, err := keyring.Get(service, account(site, connector))
	if err != nil {
		return "", explain(err)
	}
	return s, nil
}

// Delete forgets the secret for a site's connector. Forgetting one that was
// never saved is not an error: the outcome the caller wanted holds.
func (k Keyring) Delete(site, connector string) error {
	if err := noSessionBus(k.getenv); err != nil {
		return err
	}
	err := explain(keyring.Delete(service, account(site, connector)))
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// FromEnv returns the secret from RINGFENCE_SECRET, for machines without a
// keyring. A trailing newline (from `export X=$(cat file)` habits) is dropped.
func (k Keyring) FromEnv() (string, bool) {
	s := strings.TrimRight(k.getenv(EnvVar), "\r\n")
	return s, s != ""
}

// account names the keyring entry. The site name comes first so that the
// entries of one customer sort together in a keyring manager.
func account(site, connector string) string {
	return strings.TrimSpace(site) + "/" + strings.TrimSpace(connector)
}

// Store is what Find reads: the saved secret and RINGFENCE_SECRET. Keyring
// is the real one; tests and front ends may pass a stand-in.
type Store interface {
	Get(site, connector string) (string, error)
	FromEnv() (string, bool)
}

// Find is the one order in which every front end looks for a site's secret:
// a secret given for this run (typed in, or RINGFENCE_SECRET) comes before
// the keyring, because it is what the person running Ringfence has just
// asked for, and it is the only way to try a new secret without first
// overwriting the saved one. A nil store has nothing saved.
func Find(site, connector, thisRun string, store Store) (string, error) {
	if thisRun != "" {
		return thisRun, nil
	}
	if store == nil {
		return "", ErrNotFound
	}
	if s, ok := store.FromEnv(); ok {
		return s, nil
	}
	return store.Get(site, connector)
}
