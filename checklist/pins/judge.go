package pins

import (
	"strings"
	"unicode/utf8"
)

// Judge decides how guessable a voicemail PIN is. Call it as soon as the PIN
// arrives and keep only the result.
//
// The first rule that matches wins, most serious first:
//
//  1. blank (or only spaces): Unset
//  2. a known vendor default: Default
//  3. the extension, the extension backwards, or the extension said twice or
//     more (201201 on 201): EqualsExtension
//  4. anything but digits: Weak
//  5. one of the most common PINs, then one digit repeated, a run (1234, 9876,
//     7890), a group repeated (1212, 147147), a keypad line (2580, 159357),
//     a year (1900 to 2029), a date (DDMM, MMDD, DDMMYY...): Weak
//  6. shorter than MinLength: Weak, with ReasonShort
//  7. otherwise: OK
//
// Short is set for every PIN shorter than MinLength whatever the verdict, except
// an unset one, which has no length to speak of. Spaces around the PIN or the
// extension are ignored; spaces inside a PIN count as non-digits.
func Judge(pin, extension string) Judgement {
	pin = strings.TrimSpace(pin)
	if pin == "" {
		return Judgement{Verdict: Unset, Reason: ReasonUnset}
	}
	verdict, reason := judge(pin, strings.TrimSpace(extension))
	return Judgement{
		Verdict: verdict,
		Reason:  reason,
		Short:   utf8.RuneCountInString(pin) < MinLength,
	}
}

func judge(pin, extension string) (Verdict, string) {
	if vendorDefaults[pin] {
		return Default, ReasonDefault
	}
	if reason := sameAsExtension(pin, extension); reason != "" {
		return EqualsExtension, reason
	}
	if !allDigits(pin) {
		return Weak, ReasonNotDigits
	}
	if reason := guessable(pin); reason != "" {
		return Weak, reason
	}
	if len(pin) < MinLength {
		return Weak, ReasonShort
	}
	return OK, ""
}

func sameAsExtension(pin, extension string) string {
	if extension == "" {
		return ""
	}
	switch {
	case pin == extension:
		return ReasonExtension
	case pin == reverseRunes(extension):
		return ReasonExtReversed
	case len(pin) > len(extension) && len(pin)%len(extension) == 0 &&
		strings.Repeat(extension, len(pin)/len(extension)) == pin:
		return ReasonExtRepeated
	}
	return ""
}

// guessable checks a PIN of digits against the patterns people fall back on.
// Very short PINs skip it: with one or two digits, length is the whole story.
func guessable(pin string) string {
	switch {
	case commonPINs[pin]:
		return ReasonCommon
	case len(pin) < 3:
		return ""
	case sameDigit(pin):
		return ReasonSameDigit
	case isRun(pin):
		return ReasonRun
	case repeatedGroup(pin):
		return ReasonRepeatedPart
	case keypadLine(pin):
		return ReasonKeypadLine
	case looksLikeYear(pin):
		return ReasonYear
	case looksLikeDate(pin):
		return ReasonDate
	}
	return ""
}

func reverseRunes(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}
