package pins

import "strings"

// sameDigit reports a PIN that is one digit over and over.
func sameDigit(pin string) bool {
	return len(pin) >= 2 && strings.Count(pin, pin[:1]) == len(pin)
}

// runs holds every ascending and descending run. The 0 counts after 9 as well as
// before 1, as it does on a keyboard's number row, so 7890 and 0987 are runs; a
// run does not wrap further (8901 is not one).
const (
	ascending  = "01234567890"
	descending = "09876543210"
)

func isRun(pin string) bool {
	return len(pin) >= 3 && (strings.Contains(ascending, pin) || strings.Contains(descending, pin))
}

// repeatedGroup reports a PIN made of one group of two or more digits said
// again: 1212, 123123, 147147.
func repeatedGroup(pin string) bool {
	for size := 2; size <= len(pin)/2; size++ {
		if len(pin)%size == 0 && strings.Repeat(pin[:size], len(pin)/size) == pin {
			return true
		}
	}
	return false
}

// keypadLine reports a PIN that is made entirely of keypad lines.
func keypadLine(pin string) bool {
	if len(pin) < 4 {
		return false
	}
	return madeOfLines(pin)
}

func madeOfLines(rest string) bool {
	if rest == "" {
		return true
	}
	for _, line := range keypadLines {
		for _, shape := range []string{line, reverseRunes(line)} {
			if strings.HasPrefix(rest, shape) && madeOfLines(rest[len(shape):]) {
				return true
			}
		}
	}
	return false
}

// looksLikeYear reports a four-digit PIN from 1900 to 2029: birth years,
// wedding years and the year the phone system went in.
func looksLikeYear(pin string) bool {
	if len(pin) != 4 {
		return false
	}
	y := atoi(pin)
	return y >= 1900 && y <= 2029
}

// looksLikeDate reports a birthday or anniversary written as digits: DDMM or
// MMDD in four digits, DDMMYY, MMDDYY or YYMMDD in six, and DDMMYYYY, MMDDYYYY
// or YYYYMMDD (years 1900 to 2029) in eight.
func looksLikeDate(pin string) bool {
	switch len(pin) {
	case 4:
		return dayMonth(pin[0:2], pin[2:4]) || dayMonth(pin[2:4], pin[0:2])
	case 6:
		return dayMonth(pin[0:2], pin[2:4]) || dayMonth(pin[2:4], pin[0:2]) ||
			dayMonth(pin[4:6], pin[2:4])
	case 8:
		return (fullYear(pin[4:8]) && (dayMonth(pin[0:2], pin[2:4]) || dayMonth(pin[2:4], pin[0:2]))) ||
			(fullYear(pin[0:4]) && dayMonth(pin[6:8], pin[4:6]))
	}
	return false
}

// daysIn allows 29 February: the year is often missing, and people born on a
// leap day use it too.
var daysIn = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func dayMonth(day, month string) bool {
	d, m := atoi(day), atoi(month)
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn[m]
}

func fullYear(year string) bool {
	y := atoi(year)
	return y >= 1900 && y <= 2029
}

// atoi reads a short string already known to be ASCII digits.
func atoi(digits string) int {
	n := 0
	for i := 0; i < len(digits); i++ {
		n = n*10 + int(digits[i]-'0')
	}
	return n
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
