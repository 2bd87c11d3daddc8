package callscan

import (
	"strings"
	"testing"
)

func TestParseHours(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in, want string
		open     []int // weekdays open, Sunday = 0
	}{
		{"Mon-Fri 08:00-18:00", "Mon-Fri 08:00-18:00", []int{1, 2, 3, 4, 5}},
		{"mon-sat 7:30-17:00", "Mon-Sat 07:30-17:00", []int{1, 2, 3, 4, 5, 6}},
		{"Mon,Wed,Fri 09:00-13:00", "Mon,Wed,Fri 09:00-13:00", []int{1, 3, 5}},
		{"Sat-Mon 10:00-16:00", "Sun-Mon,Sat 10:00-16:00", []int{0, 1, 6}},
		{"Monday-Thursday 08:15-17:45", "Mon-Thu 08:15-17:45", []int{1, 2, 3, 4}},
	} {
		h, err := ParseHours(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if got := h.String(); got != tt.want {
			t.Errorf("%q reads back as %q, want %q", tt.in, got, tt.want)
		}
		for d := range 7 {
			want := false
			for _, o := range tt.open {
				want = want || o == d
			}
			if h.Days[d] != want {
				t.Errorf("%q: day %d open=%v", tt.in, d, h.Days[d])
			}
		}
		if again, err := ParseHours(h.String()); err != nil || again.String() != h.String() {
			t.Errorf("%q does not round-trip: %v", h.String(), err)
		}
	}
	for _, bad := range []string{"", "9 to 5", "Mon-Fri", "Mon-Fri 18:00-08:00", "Mon-Fry 08:00-18:00", "Mon-Fri 8-18"} {
		if _, err := ParseHours(bad); err == nil || !strings.Contains(err.Error(), "business hours") {
			t.Errorf("%q should be refused with a clear message, got %v", bad, err)
		}
	}
}
