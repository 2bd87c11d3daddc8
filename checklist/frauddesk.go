package checklist

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/ringfence/ringfence/checklist/safetext"
)

// FraudDesk is who to call at the phone provider when calls are being made
// fraudulently: the first call to make in a breach, so worth saving before
// one happens.
type FraudDesk struct {
	Name  string `json:"name,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// String is "Name, number", or the number alone.
func (d FraudDesk) String() string {
	if d.Name == "" {
		return d.Phone
	}
	return d.Name + ", " + d.Phone
}

// ParseFraudDesk reads "Name, number" (or just a number): the name is
// everything before the last comma.
func ParseFraudDesk(s string) (FraudDesk, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return FraudDesk{}, nil
	}
	var d FraudDesk
	if i := strings.LastIndex(s, ","); i >= 0 {
		d.Name, d.Phone = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	} else {
		d.Phone = s
	}
	if !safetext.Clean(d.Name) || !safetext.Clean(d.Phone) {
		return FraudDesk{}, fmt.Errorf("the fraud desk %q has a control or invisible formatting character in it; type it again as a name, a comma and a phone number", safetext.Line(s))
	}
	if len(d.Name) > 100 {
		return FraudDesk{}, fmt.Errorf("the fraud desk's name is %d characters long; keep it under 100", len(d.Name))
	}
	digits := 0
	for _, r := range d.Phone {
		switch {
		case unicode.IsDigit(r) && r < 128:
			digits++
		case strings.ContainsRune("+ ()-.", r):
		default:
			return FraudDesk{}, fmt.Errorf("%q is not a phone number: write the name, a comma, then the number, such as \"Acme Telecom fraud team, 0800 123 4567\"", safetext.Line(d.Phone))
		}
	}
	if digits < 3 || digits > 15 {
		return FraudDesk{}, fmt.Errorf("%q is not a phone number (it has %d digits): write the name, a comma, then the number, such as \"Acme Telecom fraud team, 0800 123 4567\"", safetext.Line(d.Phone), digits)
	}
	return d, nil
}
