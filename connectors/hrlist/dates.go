package hrlist

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// parseDate reads the dates UK HR exports use: day first (05/03/2026,
// 5-3-26, 5.3.2026), written out (5 Mar 2026, 5 March 2026, 5th March 2026),
// or ISO (2026-03-05, with or without a time). A slashed date is read day
// first; one that can only be month first (03/25/2026) is refused with a
// message, because guessing would put a leaver on the wrong side of a date.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return day(s, t.Year(), t.Month(), t.Day())
	}
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil && (len(s) == 10 || s[10] == ' ' || s[10] == 'T') {
			return day(s, t.Year(), t.Month(), t.Day())
		}
	}
	if parts := splitNumeric(s); parts != nil {
		d, m, y := parts[0], parts[1], parts[2]
		// Only a two-digit year is short for this century or the last: a
		// four-digit 0001 is the empty date some systems write, not 2001.
		if y < 100 && len(s)-strings.LastIndexAny(s, "/-.") == 3 {
			y += 2000
			if y > time.Now().Year()+10 {
				y -= 100
			}
		}
		switch {
		case m > 12 && d <= 12 && m <= 31:
			return time.Time{}, fmt.Errorf("%q looks like a US date, month first; write it day first (%02d/%02d/%d) or as %d-%02d-%02d", s, m, d, y, y, d, m)
		case m < 1 || m > 12 || d < 1:
			return time.Time{}, fmt.Errorf("%q is not a real date", s)
		}
		return day(s, y, time.Month(m), d)
	}
	words := strings.Fields(strings.NewReplacer(",", " ", "-", " ").Replace(s))
	if len(words) == 3 {
		dd := strings.TrimRight(strings.ToLower(words[0]), "stndrh")
		if d, err := strconv.Atoi(dd); err == nil {
			if m, ok := monthNames[strings.ToLower(words[1])]; ok {
				if y, err := strconv.Atoi(words[2]); err == nil {
					return day(s, y, m, d)
				}
			}
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date Ringfence can read; use 05/03/2026, 5 Mar 2026 or 2026-03-05", s)
}

// day builds a date at midnight UTC, refusing the 31st of April and the like,
// and years before 1900 or after 2200, which are placeholders or typos
// (01/01/0001 is what several systems write for "no date").
func day(s string, y int, m time.Month, d int) (time.Time, error) {
	if y < 1900 || y > 2200 {
		return time.Time{}, fmt.Errorf("%q is not a real leave or start date: the year %d is before 1900 or after 2200; clear the cell or write the real date", s, y)
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != m {
		return time.Time{}, fmt.Errorf("%d/%d/%d is not a real date", d, int(m), y)
	}
	return t, nil
}

// splitNumeric splits "05/03/2026", "5-3-26" or "5.3.2026" into three numbers.
func splitNumeric(s string) []int {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(f) != 3 || len(f[0]) > 2 || len(f[1]) > 2 || (len(f[2]) != 2 && len(f[2]) != 4) {
		return nil
	}
	out := make([]int, 3)
	for i, p := range f {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil
		}
		out[i] = n
	}
	return out
}

var monthNames = func() map[string]time.Month {
	m := make(map[string]time.Month)
	for i := time.January; i <= time.December; i++ {
		long := strings.ToLower(i.String())
		m[long], m[long[:3]] = i, i
	}
	m["sept"] = time.September
	return m
}()
