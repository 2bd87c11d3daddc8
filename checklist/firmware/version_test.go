package firmware

import (
	"errors"
	"testing"
)

func TestCompare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		scheme Scheme
		a, b   string
		want   int
	}{
		{SchemeDotted, "1.0.10", "1.0.9", 1},
		{SchemeDotted, "1.0.7.64", "1.0.7.81", -1},
		{SchemeDotted, "1.0", "1.0.0", 0},
		{SchemeDotted, "01.022", "1.22", 0},
		{SchemeDotted, "2", "10", -1},
		{SchemeDotted, "99999999999999999999999.1", "99999999999999999999998.9", 1},
		{SchemeYealink, "66.86.0.15", "66.86.0.9", 1},
		{SchemeYealink, "66.85.0.5", "66.86.0.15", -1},
		{SchemeYealink, "108.86.0.45", "108.86.0.45", 0},
		{SchemeCisco, "11.3.7SR1", "11.3.7", 1},
		{SchemeCisco, "11.3.7SR2", "11.3.7SR1", 1},
		{SchemeCisco, "12.0.4", "11.3.7SR1", 1},
		{SchemeCisco, "11.3.8", "11.3.7SR2", 1},
		{SchemeCisco, "11.3.1 MSR2-6", "11.3.1", 1},
		{SchemeCisco, "11.3.1 MSR2-6", "11.3.1 MSR3-3", -1},
		{SchemeCisco, "11.3.1 MSR4-1", "11.3.2", -1},
		{SchemeCisco, "14.2(1)SR1", "14.2(1)", 1},
		{SchemeAsterisk, "18.24.2", "18.20.0", 1},
		{SchemeAsterisk, "20.9.2", "18.24.2", 1},
		{SchemeAsterisk, "18.9-cert11", "18.9-cert5", 1},
		{SchemeAsterisk, "18.9-cert5", "20.7-cert2", -1},
	}
	for _, tt := range tests {
		got, err := Compare(tt.scheme, tt.a, tt.b)
		if err != nil {
			t.Errorf("Compare(%s, %q, %q): %v", tt.scheme, tt.a, tt.b, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Compare(%s, %q, %q) = %d, want %d", tt.scheme, tt.a, tt.b, got, tt.want)
		}
		// Ordering must be antisymmetric, or a judge could call both sides older.
		if back, _ := Compare(tt.scheme, tt.b, tt.a); back != -tt.want {
			t.Errorf("Compare(%s, %q, %q) = %d, want %d", tt.scheme, tt.b, tt.a, back, -tt.want)
		}
	}
}

func TestCompareRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		scheme        Scheme
		a, b          string
		notComparable bool // valid versions on different lines, as opposed to unreadable ones
	}{
		{"Yealink families differ", SchemeYealink, "66.86.0.15", "108.86.0.90", true},
		{"certified against mainline", SchemeAsterisk, "18.9-cert11", "18.24.2", true},
		{"letters in dotted", SchemeDotted, "1.0.7a", "1.0.7", false},
		{"empty", SchemeDotted, "", "1.0", false},
		{"double dot", SchemeDotted, "1..2", "1.2", false},
		{"Yealink needs a family and a build", SchemeYealink, "66", "66.86.0.15", false},
		{"Cisco garbage", SchemeCisco, "11-3-1MSR2UPG", "11.3.1", false},
		{"Asterisk git build", SchemeAsterisk, "GIT-master-abc123", "20.9.2", false},
		{"unknown scheme", Scheme("semver"), "1.0.0", "1.0.1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compare(tt.scheme, tt.a, tt.b)
			if err == nil {
				t.Fatalf("Compare(%s, %q, %q) gave a result, want an error", tt.scheme, tt.a, tt.b)
			}
			if got := errors.Is(err, ErrNotComparable); got != tt.notComparable {
				t.Errorf("errors.Is(err, ErrNotComparable) = %v, want %v (err: %v)", got, tt.notComparable, err)
			}
		})
	}
}
