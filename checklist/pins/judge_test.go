package pins

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Failures name the case, never the PIN: test output ends up in CI logs too.
func TestJudge(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		pin, ext  string
		verdict   Verdict
		reason    string
		wantShort bool
	}{
		{"empty", "", "201", Unset, ReasonUnset, false},
		{"spaces only", "   ", "201", Unset, ReasonUnset, false},
		{"tabs and newline", "\t\n", "201", Unset, ReasonUnset, false},

		{"Asterisk sample default", "4242", "201", Default, ReasonDefault, true},
		{"default with spaces round it", " 4242 ", "201", Default, ReasonDefault, true},
		{"default beats extension", "4242", "4242", Default, ReasonDefault, true},

		{"same as extension", "201", "201", EqualsExtension, ReasonExtension, true},
		{"same as extension with spaces", " 201", "201 ", EqualsExtension, ReasonExtension, true},
		{"extension backwards", "102", "201", EqualsExtension, ReasonExtReversed, true},
		{"extension twice", "201201", "201", EqualsExtension, ReasonExtRepeated, false},
		{"extension three times", "201201201", "201", EqualsExtension, ReasonExtRepeated, false},
		{"one-digit extension repeated", "7777", "7", EqualsExtension, ReasonExtRepeated, true},
		{"long extension beats common list", "123456", "123456", EqualsExtension, ReasonExtension, false},
		{"extension backwards beats keypad", "0852", "2580", EqualsExtension, ReasonExtReversed, true},
		{"extension as prefix is not caught", "839251", "839", OK, "", false},

		{"letters", "abc123", "201", Weak, ReasonNotDigits, false},
		{"letters and short", "12a4", "201", Weak, ReasonNotDigits, true},
		{"space inside", "12 34 56", "201", Weak, ReasonNotDigits, false},
		{"full-width digits", "１２３４５６", "201", Weak, ReasonNotDigits, false},
		{"star key", "8392*1", "201", Weak, ReasonNotDigits, false},

		{"top four-digit PIN", "1234", "201", Weak, ReasonCommon, true},
		{"common four-digit, no pattern", "6969", "201", Weak, ReasonCommon, true},
		{"common four-digit, no pattern 2", "1004", "201", Weak, ReasonCommon, true},
		{"top six-digit PIN", "123456", "201", Weak, ReasonCommon, false},
		{"common pairs", "112233", "201", Weak, ReasonCommon, false},
		{"repeated group with no extension", "201201", "", Weak, ReasonRepeatedPart, false},

		{"same digit six times", "555555", "201", Weak, ReasonSameDigit, false},
		{"same digit eight times", "77777777", "201", Weak, ReasonSameDigit, false},
		{"same digit three times", "444", "201", Weak, ReasonSameDigit, true},

		{"ascending run", "2345", "201", Weak, ReasonRun, true},
		{"descending run", "9876", "201", Weak, ReasonRun, true},
		{"run from zero", "012345", "201", Weak, ReasonRun, false},
		{"run ending in zero", "7890", "201", Weak, ReasonRun, true},
		{"long run ending in zero", "567890", "201", Weak, ReasonRun, false},
		{"descending run from zero", "0987", "201", Weak, ReasonRun, true},
		{"ten-digit run", "1234567890", "201", Weak, ReasonRun, false},
		{"no wrap past zero", "8901", "201", Weak, ReasonShort, true},

		{"group repeated", "383838", "201", Weak, ReasonRepeatedPart, false},
		{"column repeated", "147147", "201", Weak, ReasonRepeatedPart, false},
		{"long group repeated", "9753197531", "201", Weak, ReasonRepeatedPart, false},

		{"keypad column with zero", "2580", "201", Weak, ReasonKeypadLine, true},
		{"keypad column upwards", "0852", "201", Weak, ReasonKeypadLine, true},
		{"left column and zero", "1470", "201", Weak, ReasonKeypadLine, true},
		{"right column and zero", "3690", "201", Weak, ReasonKeypadLine, true},
		{"computer keypad column", "7410", "201", Weak, ReasonKeypadLine, true},
		{"both diagonals", "159357", "201", Weak, ReasonKeypadLine, false},
		{"two columns", "258369", "201", Weak, ReasonKeypadLine, false},
		{"three columns backwards", "963852741", "201", Weak, ReasonKeypadLine, false},
		{"rows out of order", "789456", "201", Weak, ReasonCommon, false},
		{"rows bottom to top", "789456123", "201", Weak, ReasonKeypadLine, false},

		{"year", "1987", "201", Weak, ReasonYear, true},
		{"last year counted", "2029", "201", Weak, ReasonYear, true},
		{"first year counted", "1900", "201", Weak, ReasonYear, true},
		{"after the years", "2030", "201", Weak, ReasonShort, true},
		{"before the years", "1899", "201", Weak, ReasonShort, true},

		{"day then month", "2512", "201", Weak, ReasonDate, true},
		{"month then day", "1225", "201", Weak, ReasonDate, true},
		{"leap day", "2902", "201", Weak, ReasonDate, true},
		{"no such day", "3102", "201", Weak, ReasonShort, true},
		{"DDMMYY", "250690", "201", Weak, ReasonDate, false},
		{"MMDDYY", "062590", "201", Weak, ReasonDate, false},
		{"YYMMDD", "900625", "201", Weak, ReasonDate, false},
		{"DDMMYYYY", "25061990", "201", Weak, ReasonDate, false},
		{"YYYYMMDD", "19900625", "201", Weak, ReasonDate, false},
		{"eight digits, year out of range", "25061890", "201", OK, "", false},

		{"short but no pattern", "8317", "201", Weak, ReasonShort, true},
		{"five digits", "83172", "201", Weak, ReasonShort, true},
		{"two digits", "83", "201", Weak, ReasonShort, true},
		{"two same digits", "11", "201", Weak, ReasonShort, true},
		{"one digit", "7", "201", Weak, ReasonShort, true},

		{"six good digits", "839251", "201", OK, "", false},
		{"ten good digits", "4739201856", "201", OK, "", false},
		{"good with no extension", "839251", "", OK, "", false},
	}
	for i, tc := range tests {
		got := Judge(tc.pin, tc.ext)
		if got.Verdict != tc.verdict || got.Reason != tc.reason || got.Short != tc.wantShort {
			t.Errorf("case %d (%s): got %s/%q short=%v, want %s/%q short=%v",
				i, tc.name, got.Verdict, got.Reason, got.Short, tc.verdict, tc.reason, tc.wantShort)
		}
	}
}

// Every vendor default and every common PIN must be caught however it arrives,
// so a typo in the lists cannot silently let one through.
func TestListsAreCaught(t *testing.T) {
	t.Parallel()
	for pin := range vendorDefaults {
		if got := Judge(pin, "201"); got.Verdict != Default {
			t.Errorf("a vendor default (length %d) judged %s", len(pin), got.Verdict)
		}
	}
	for pin := range commonPINs {
		if !allDigits(pin) {
			t.Errorf("a common PIN of length %d has a non-digit", len(pin))
		}
		if got := Judge(pin, "201"); got.Verdict != Weak || got.Reason != ReasonCommon {
			t.Errorf("a common PIN (length %d) judged %s/%q", len(pin), got.Verdict, got.Reason)
		}
	}
}

// No reason may carry a PIN or its digits: reasons are constants, and apart from
// the minimum length they contain no digit at all.
func TestReasonsHoldNoDigits(t *testing.T) {
	t.Parallel()
	for _, r := range reasons {
		if r == ReasonShort {
			continue
		}
		if strings.ContainsAny(r, "0123456789") {
			t.Errorf("reason %q has a digit", r)
		}
	}
	if want := fmt.Sprintf("shorter than %d digits", MinLength); ReasonShort != want {
		t.Errorf("ReasonShort is %q, want %q to match MinLength", ReasonShort, want)
	}
}

func TestEveryFourDigitPIN(t *testing.T) {
	t.Parallel()
	verdicts := map[Verdict]int{}
	for n := range 10000 {
		pin := fmt.Sprintf("%04d", n)
		got := Judge(pin, "201")
		verdicts[got.Verdict]++
		if strings.Contains(got.Reason, pin) {
			t.Errorf("PIN number %d: the reason contains the PIN", n)
		}
		if !slices.Contains(reasons, got.Reason) {
			t.Errorf("PIN number %d: reason is not one of the fixed phrases", n)
		}
		// Four digits are never enough, whatever else is true.
		if got.Verdict == OK || !got.Short {
			t.Errorf("PIN number %d: judged %s short=%v, want weak and short", n, got.Verdict, got.Short)
		}
	}
	if verdicts[Default] != 1 || verdicts[EqualsExtension] != 0 {
		t.Errorf("verdict counts %v: want one default and no extension match for 4-digit PINs on 201", verdicts)
	}
}

func FuzzJudge(f *testing.F) {
	for _, seed := range [][2]string{
		{"", ""}, {"1234", "201"}, {"201201", "201"}, {"abc", "x"}, {"٣٤٥٦٧٨", "201"},
		{"4242", "4242"}, {"\xff\xfe", "\xff"}, {"25061990", ""}, {"839251", "839251"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, pin, ext string) {
		got := Judge(pin, ext)
		trimmed := strings.TrimSpace(pin)
		if !slices.Contains(reasons, got.Reason) {
			t.Fatalf("reason %q is not one of the fixed phrases", got.Reason)
		}
		if (got.Verdict == Unset) != (trimmed == "") {
			t.Fatalf("verdict %s for a PIN of %d bytes", got.Verdict, len(trimmed))
		}
		if got.Verdict == OK && (got.Reason != "" || got.Short) {
			t.Fatalf("OK with reason %q short=%v", got.Reason, got.Short)
		}
		if got.Verdict != Unset && got.Short != (utf8.RuneCountInString(trimmed) < MinLength) {
			t.Fatalf("short=%v for a PIN of %d characters", got.Short, utf8.RuneCountInString(trimmed))
		}
		// A letters-only "PIN" such as "its" can appear inside an English phrase by
		// chance; the closed set above already proves nothing was copied from it.
		if utf8.RuneCountInString(trimmed) >= 3 && strings.ContainsAny(trimmed, "0123456789") &&
			strings.Contains(got.Reason, trimmed) {
			t.Fatalf("the reason contains the PIN")
		}
	})
}
