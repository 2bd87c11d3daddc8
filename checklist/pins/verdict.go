// Package pins judges voicemail PINs in memory so that only the verdict is kept.
//
// It deliberately knows nothing of the rest of Ringfence: a connector calls Judge
// the moment a PIN arrives from the phone system, keeps the Judgement and drops
// the PIN.
package pins

// Verdict is the conclusion about one PIN. The strings are the same as the
// checklist's PIN verdicts, so a connector can convert with a plain type cast.
type Verdict string

const (
	Unset           Verdict = "unset"
	Default         Verdict = "default"
	EqualsExtension Verdict = "equals_extension"
	Weak            Verdict = "weak"
	OK              Verdict = "ok"
)

// MinLength is the fewest digits a PIN should have. Four-digit PINs fall to a
// patient guesser in an afternoon; six digits multiply the work a hundredfold.
const MinLength = 6

// Judgement is what may be kept about a PIN: never the PIN itself.
type Judgement struct {
	Verdict Verdict
	// Reason says in a few plain words why the PIN is not OK. It is always one of
	// a fixed set of phrases, so it can never carry the PIN or its digits.
	Reason string
	// Short is true when the PIN is shorter than MinLength, whatever the verdict,
	// so a report can count short PINs even when something worse is wrong too.
	Short bool
}
