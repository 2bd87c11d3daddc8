package httpx

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// The kinds of failure, for errors.Is. Every error from a Client is an *Error
// wrapping one of these (or a context error, or a certificate error below).
var (
	ErrTimeout     = errors.New("the phone system did not answer in time")
	ErrTooLarge    = errors.New("the answer was larger than Ringfence will read")
	ErrNotData     = errors.New("the server sent a web page instead of data")
	ErrBadData     = errors.New("the answer was not valid data")
	ErrStatus      = errors.New("the server refused the request")
	ErrRedirect    = errors.New("the server sent Ringfence to another address")
	ErrNotReadOnly = errors.New("Ringfence only reads from phone systems, so it refused to send this request")
	ErrConnect     = errors.New("Ringfence could not connect to the phone system")
	ErrCertName    = errors.New("the certificate belongs to another name")
	ErrCertInvalid = errors.New("the certificate is not valid")
	ErrOldTLS      = fmt.Errorf("%w: the phone system offers only an old version of TLS (1.0 or 1.1), which is no longer safe; Ringfence needs TLS 1.2 or newer", ErrConnect)
	ErrNotHTTPS    = fmt.Errorf("%w: the server at this address answered in plain http, not https", ErrConnect)
)

// Error is what a Client returns. Its message names the connector, the step,
// the HTTP status where there was one, and what to check. It never holds a
// secret and never repeats the server's answer, which might.
type Error struct {
	Connector string
	Step      string
	Status    int // 0 when no HTTP answer arrived
	Hint      string
	Err       error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Connector)
	b.WriteString(": ")
	b.WriteString(e.Step)
	b.WriteString(": ")
	if e.Status != 0 {
		fmt.Fprintf(&b, "the server said %d %s", e.Status, http.StatusText(e.Status))
		if e.Err != nil && !errors.Is(e.Err, ErrStatus) {
			b.WriteString(" and ")
			b.WriteString(e.Err.Error())
		}
	} else if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	b.WriteString(".")
	if e.Hint != "" {
		b.WriteString(" ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// UntrustedCertError says the server's certificate is signed by nobody the
// system trusts and has not been pinned. Show the fingerprint to the user and,
// once they have checked it against the one on the phone system's own screen,
// save it as a checklist.PinnedCert for Host.
type UntrustedCertError struct {
	Host   string
	SHA256 string // hex, lower case, of the leaf certificate's DER bytes
}

func (e *UntrustedCertError) Error() string {
	return fmt.Sprintf("the certificate of %s is not signed by an authority this computer trusts "+
		"(SHA-256 fingerprint %s); if it matches the one shown on the phone system itself, trust it once and Ringfence will remember it",
		e.Host, Fingerprint(e.SHA256))
}

// ChangedCertError says a pinned certificate has been replaced. That happens
// when a PBX renews its self-signed certificate, and also when someone sits
// between Ringfence and the PBX, so it is refused until the user confirms the
// new fingerprint.
type ChangedCertError struct {
	Host      string
	Pinned    string // hex
	Presented string // hex
}

func (e *ChangedCertError) Error() string {
	return fmt.Sprintf("the certificate of %s has changed since you trusted it (trusted %s, now %s); "+
		"check the fingerprint on the phone system before trusting the new one",
		e.Host, Fingerprint(e.Pinned), Fingerprint(e.Presented))
}

// Fingerprint formats a hex SHA-256 as colon-separated upper-case pairs, the
// way browsers and PBX admin pages show it, so people can compare by eye.
func Fingerprint(hexSum string) string {
	h := strings.ToUpper(strings.ReplaceAll(hexSum, ":", ""))
	var b strings.Builder
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(h[i:min(i+2, len(h))])
	}
	return b.String()
}

// defaultHints say what to check for each status when the connector has not
// said something more precise.
var defaultHints = map[int]string{
	http.StatusBadRequest:          "The phone system did not understand the request; check that its version is one Ringfence supports.",
	http.StatusUnauthorized:        "Check the client ID and secret, and that the API client is still enabled on the phone system.",
	http.StatusForbidden:           "The API client is not allowed to read this; check the role it was given on the phone system.",
	http.StatusNotFound:            "Check the address of the phone system: this page does not exist there.",
	http.StatusTooManyRequests:     "The phone system asked Ringfence to slow down and kept refusing; try again in a few minutes.",
	http.StatusInternalServerError: "The phone system had an internal error; check its own logs, then try again.",
	http.StatusBadGateway:          "Something between you and the phone system could not reach it; try again shortly.",
	http.StatusServiceUnavailable:  "The phone system is busy or restarting; try again shortly.",
	http.StatusGatewayTimeout:      "Something between you and the phone system timed out; try again shortly.",
}
