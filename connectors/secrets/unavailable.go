package secrets

import (
	"errors"
	"strings"

	"github.com/zalando/go-keyring"
)

// UnavailableError explains why the keyring cannot be used and what to do
// instead. errors.Is(err, ErrUnavailable) is true for it.
type UnavailableError struct {
	// Reason is one plain sentence about what is missing.
	Reason string
	// Err is the keyring library's own error, for logs. It names D-Bus
	// services and paths, never a secret.
	Err error
}

func (e *UnavailableError) Error() string {
	return "The system keyring is not available: " + e.Reason +
		" Ringfence will not write the secret to a file. You can type it for this run only, " +
		"or set the " + EnvVar + " environment variable before running Ringfence."
}

func (e *UnavailableError) Is(target error) bool { return target == ErrUnavailable }
func (e *UnavailableError) Unwrap() error        { return e.Err }

// explain turns go-keyring's errors into ours. On Linux the library passes
// D-Bus errors through as they come, and on a server, over SSH or in WSL they
// come in several shapes; every one of them means the same to the user.
func explain(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return ErrTooLong
	}
	return &UnavailableError{Reason: reason(err.Error()), Err: err}
}

const noSessionReason = "there is no desktop session here (usual on servers, over SSH and in WSL), so there is no keyring to talk to."

// reason picks the plain explanation for a known failure.
func reason(msg string) string {
	m := strings.ToLower(msg)
	switch {
	case strings.Contains(m, "dbus-launch"), strings.Contains(m, "display"), strings.Contains(m, "dbus_session_bus_address"),
		strings.Contains(m, "no such file"), strings.Contains(m, "connection refused"):
		return noSessionReason
	case strings.Contains(m, "org.freedesktop.secrets"), strings.Contains(m, "serviceunknown"):
		return "no keyring program (such as GNOME Keyring or KWallet) is running in this session."
	case strings.Contains(m, "unlock"), strings.Contains(m, "prompt"), strings.Contains(m, "dismissed"):
		return "the keyring is locked and could not be unlocked."
	}
	return "the keyring did not answer as expected."
}
