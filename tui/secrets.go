package tui

import "errors"

// These wrap the keyring so that the rest of the app never touches it
// directly and tests can swap it out.
var (
	errKeyringUnavailable = errors.New("keyring unavailable")
	errSecretNotFound     = errors.New("secret not found")

	secretGet = func(site, connector string) (string, error) { return "", errKeyringUnavailable }
	secretSet = func(site, connector, secret string) error { return errKeyringUnavailable }
)

// secretProblem says in plain words why a saved secret could not be used.
func secretProblem(err error) string {
	if errors.Is(err, errSecretNotFound) {
		return "Ringfence has no saved secret for this site. Enter it to read the phone system."
	}
	return "Your system keyring cannot be reached from here, so Ringfence cannot read the saved secret. Enter it to use it for this run only; it will not be written to disk."
}
