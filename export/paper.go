package export

import (
	"fmt"
	"strings"
)

// Paper sizes the PDF can be printed on. A4 is the default because most of the
// people who will print it are in the UK and Europe.
const (
	PaperA4     = "a4"
	PaperLetter = "letter"
)

// ParsePaper checks a paper size given on the command line or in a form. Case and
// surrounding spaces are ignored; an empty value means A4.
func ParsePaper(s string) (string, error) {
	switch v := strings.ToLower(strings.TrimSpace(s)); v {
	case "", PaperA4:
		return PaperA4, nil
	case PaperLetter, "us-letter", "usletter":
		return PaperLetter, nil
	}
	return "", fmt.Errorf("unknown paper size %q: use a4 or letter", s)
}
