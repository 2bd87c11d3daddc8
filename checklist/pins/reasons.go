package pins

import "slices"

// Every reason is a constant: Judge never builds text from its input, which is
// what keeps PINs out of saved audits, logs and reports.
const (
	ReasonUnset        = "no PIN is set"
	ReasonDefault      = "left at a default that ships with the phone system"
	ReasonExtension    = "the same as the extension number"
	ReasonExtReversed  = "the extension number backwards"
	ReasonExtRepeated  = "the extension number repeated"
	ReasonNotDigits    = "has characters other than digits, which a phone keypad cannot type"
	ReasonSameDigit    = "one digit repeated"
	ReasonRun          = "a run of digits"
	ReasonKeypadLine   = "a line on the keypad"
	ReasonRepeatedPart = "a short group of digits repeated"
	ReasonCommon       = "one of the most common PINs"
	ReasonYear         = "looks like a year"
	ReasonDate         = "looks like a date"
	// ReasonShort must stay equal to the checklist's ShortPINReason, which tells a
	// PIN whose only fault is its length apart from a guessable one.
	ReasonShort = "shorter than 6 digits"
)

// reasons lists every phrase Judge can return, for tests that prove the set is closed.
var reasons = []string{
	"", ReasonUnset, ReasonDefault, ReasonExtension, ReasonExtReversed, ReasonExtRepeated,
	ReasonNotDigits, ReasonSameDigit, ReasonRun, ReasonKeypadLine, ReasonRepeatedPart,
	ReasonCommon, ReasonYear, ReasonDate, ReasonShort,
}

// KnownReason reports whether s is one of the fixed phrases Judge returns. Code
// that prints a stored reason checks it first, so that a reason altered on disk
// or filled in by mistake can never carry a PIN into a report.
func KnownReason(s string) bool {
	return slices.Contains(reasons, s)
}
