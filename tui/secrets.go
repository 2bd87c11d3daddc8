package tui

import (
	"errors"

	"github.com/ringfence/ringfence/connectors/secrets"
)

// Secrets is where the app keeps connector secrets: the system keyring when
// the program runs, something of the test's own in tests.
type Secrets interface {
	Get(site, connector string) (string, error)
	Set(site, connector, secret string) error
	// FromEnv is RINGFENCE_SECRET, for machines with no keyring at all.
	FromEnv() (string, bool)
}

// secretGet reads a saved secret, falling back to RINGFENCE_SECRET.
func secretGet(keys Secrets, site, connector string) (string, error) {
	s, err := keys.Get(site, connector)
	if err != nil {
		if env, ok := keys.FromEnv(); ok {
			return env, nil
		}
	}
	return s, err
}

// secretProblem says in plain words why a saved secret could not be used.
func secretProblem(err error) string {
	if errors.Is(err, secrets.ErrNotFound) {
		return "Ringfence has no saved secret for this site. Enter it to read the phone system."
	}
	return "Your system keyring cannot be reached from here, so Ringfence cannot read the saved secret. Enter it to use it for this run only: it is kept in memory and never written to disk."
}
