package checklist

import (
	"strings"
	"testing"
)

func TestParseFraudDesk(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]FraudDesk{
		"Acme Telecom fraud team, 0800 123 4567": {Name: "Acme Telecom fraud team", Phone: "0800 123 4567"},
		"Smith, Jones & Co, +44 (0)20 7946 0000": {Name: "Smith, Jones & Co", Phone: "+44 (0)20 7946 0000"},
		"0800 123 4567":                          {Phone: "0800 123 4567"},
		"":                                       {},
	} {
		got, err := ParseFraudDesk(in)
		if err != nil || got != want {
			t.Errorf("ParseFraudDesk(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"Acme, call them", "Acme, 12", "Acme\x1b[2J, 0800 123 4567", "Acme\u202e, 0800 123 4567", "Acme, 0800 123 4567 ext ", strings.Repeat("A", 200) + ", 0800 123 4567"} {
		if _, err := ParseFraudDesk(bad); err == nil || strings.Contains(err.Error(), "\x1b") || strings.Contains(err.Error(), "\u202e") {
			t.Errorf("ParseFraudDesk(%q) = %v, want a clean refusal", bad, err)
		}
	}
}
