package tui

import (
	"errors"

	"github.com/ringfence/ringfence/connectors/secrets"
)

// These wrap the keyring so that the rest of the app never touches it
// directly and tests can swap it out. RINGFENCE_SECRET serves machines with
// no keyring at all.
var (
	secretGet = func(site, connector string) (string, error) {
		s, err := secrets.Get(site, connector)
		if err != nil {
			if env, ok := secrets.FromEnv(); ok {
				return env, nil
			}
		}
		return s, err
	}
	secretSet = secrets.Set
)

// secretProblem says in plain words why a saved secret could not be used.
func secretProblem(err error) string {
	if errors.Is(err, secrets.ErrNotFound) {
		return "Ringfence has no saved secret for this site. Enter it to read the phone system."
	}
	return "Your system keyring cannot be reached from here, so Ringfence cannot read the saved secret. Enter it to use it for this run only: it is kept in memory and never written to disk."
}
