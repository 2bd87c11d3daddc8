package tui

import (
	"errors"

	"github.com/ringfence/ringfence/connectors/secrets"
)

// Secrets is where the app keeps connector secrets: the system keyring when
// the program runs, a stand-in of the test's own in tests. Where
// RINGFENCE_SECRET fits in is decided by connectors.Open, for the app and the
// command line alike.
type Secrets interface {
	secrets.Store
	Set(site, connector, secret string) error
	Delete(site, connector string) error
}

// secretProblem says in plain words why a saved secret could not be used.
func secretProblem(err error) string {
	if errors.Is(err, secrets.ErrNotFound) {
		return "Ringfence has no saved secret for this site. Enter it to read the phone system."
	}
	return "Your system keyring cannot be reached from here, so Ringfence cannot read the saved secret. Enter it to use it for this run only: it is kept in memory and never written to disk."
}
