package httpx

import (
	"errors"
	"strings"
)

// Skippable reports whether err says that one part of the phone system's API
// could not be read (an error status, a refusal in the answer, a JSON-RPC
// error, an answer in the wrong form, a list whose pages never end), so that
// a connector may record that part as a gap and carry on. It is false for what says the
// whole system cannot be trusted or reached: a read-only refusal, a redirect,
// a certificate problem, a timeout, a failure to connect, a cancellation.
func Skippable(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	switch {
	case errors.Is(err, ErrNotReadOnly), errors.Is(err, ErrRedirect), errors.Is(err, ErrTimeout), errors.Is(err, ErrConnect):
		return false
	case e.Status != 0:
		return true
	}
	return errors.Is(err, ErrBadData) || errors.Is(err, ErrNotData) || errors.Is(err, ErrTooLarge) || errors.Is(err, ErrPaging) || errors.Is(err, ErrRPCRefused)
}

// GapReason says in plain words why a part could not be read, for an
// inventory gap: the step and what went wrong, without the connector's name.
// Advice for 400 and 404 is left out: it is about a wrong address, and a
// part missing on this version or licence is not that. Advice on a refusal
// (which role or scope to give) is kept.
func GapReason(err error) string {
	var e *Error
	if !errors.As(err, &e) {
		return "It could not be read."
	}
	short := *e
	short.Connector = ""
	if e.Status == 400 || e.Status == 404 {
		short.Hint = ""
	}
	msg := strings.TrimPrefix(short.Error(), ": ")
	return strings.ToUpper(msg[:1]) + msg[1:]
}
