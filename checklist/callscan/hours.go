package callscan

import (
	"fmt"
	"strings"
	"time"
)

var dayNames = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// ParseHours reads business hours as people write them: "Mon-Fri 08:00-18:00",
// "Mon-Sat 07:30-17:00", "Mon,Wed,Fri 09:00-13:00". Times are UK local time.
func ParseHours(s string) (BusinessHours, error) {
	h := DefaultHours()
	days, times, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok {
		return h, fmt.Errorf("business hours %q should look like Mon-Fri 08:00-18:00", s)
	}
	h.Days = [7]bool{}
	for _, part := range strings.Split(days, ",") {
		from, to, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, okA := dayIndex(from)
		b, okB := a, okA
		if isRange {
			b, okB = dayIndex(to)
		}
		if !okA || !okB {
			return h, fmt.Errorf("business hours %q: %q is not a day (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)", s, part)
		}
		for d := a; ; d = (d + 1) % 7 {
			h.Days[d] = true
			if d == b {
				break
			}
		}
	}
	open, close, ok := strings.Cut(strings.TrimSpace(times), "-")
	o, okO := clockMinutes(open)
	c, okC := clockMinutes(close)
	if !ok || !okO || !okC || c <= o {
		return h, fmt.Errorf("business hours %q: the times should look like 08:00-18:00, opening before closing", s)
	}
	h.Open, h.Close = o, c
	return h, nil
}

// String writes the hours back in the form ParseHours reads.
func (h BusinessHours) String() string {
	var parts []string
	for d := 0; d < 7; {
		if !h.Days[d] {
			d++
			continue
		}
		end := d
		for end+1 < 7 && h.Days[end+1] {
			end++
		}
		if end == d {
			parts = append(parts, dayNames[d])
		} else {
			parts = append(parts, dayNames[d]+"-"+dayNames[end])
		}
		d = end + 1
	}
	return fmt.Sprintf("%s %02d:%02d-%02d:%02d", strings.Join(parts, ","), h.Open/60, h.Open%60, h.Close/60, h.Close%60)
}

func dayIndex(s string) (int, bool) {
	s = strings.TrimSpace(s)
	for i, n := range dayNames {
		if len(s) >= 3 && strings.EqualFold(s[:3], n) {
			return i, true
		}
	}
	return 0, false
}

func clockMinutes(s string) (int, bool) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}
