package cdr

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// timeParser turns the timestamps CDR exports write into instants. Exports
// mostly write wall-clock time with no zone, so the zone is the site's. UK
// clocks change on the hour, so the zone offset is looked up once per hour of
// wall-clock time and cached: a busy file has one lookup per hour, not per row.
type timeParser struct {
	loc      *time.Location
	hourKey  [13]byte
	hourBase time.Time
	haveHour bool
}

var errTime = errors.New("not a date and time Ringfence can read")

func (p *timeParser) parse(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	// The common shape: 2026-03-05 14:07:31 (Asterisk, FreePBX, Yeastar, 3CX).
	if len(s) >= 16 && s[4] == '-' && s[7] == '-' && (s[10] == ' ' || s[10] == 'T') && s[13] == ':' && (len(s) == 16 || len(s) == 19 && s[16] == ':') {
		return p.wall(s[:13], s[14:16], sec(s), 0, 1, 2)
	}
	if len(s) >= 16 && s[2] == '/' && s[5] == '/' && s[10] == ' ' && s[13] == ':' && (len(s) == 16 || len(s) == 19 && s[16] == ':') {
		return p.wall(s[:13], s[14:16], sec(s), 2, 1, 0)
	}
	return p.slow(s)
}

func sec(s string) string {
	if len(s) == 19 {
		return s[17:19]
	}
	return "00"
}

// wall builds a time from "YYYY-MM-DD HH" (or "DD/MM/YYYY HH"), minutes and
// seconds. order gives the positions of year, month and day.
func (p *timeParser) wall(hour, mm, ss string, yi, mi, di int) (time.Time, error) {
	m, err1 := atoi2(mm)
	s, err2 := atoi2(ss)
	if err1 != nil || err2 != nil || m > 59 || s > 60 {
		return time.Time{}, errTime
	}
	if !p.haveHour || string(p.hourKey[:]) != hour {
		var parts [3]int
		var bad bool
		if yi == 0 {
			parts[0], bad = atoiN(hour[0:4], bad)
			parts[1], bad = atoiN(hour[5:7], bad)
			parts[2], bad = atoiN(hour[8:10], bad)
		} else {
			parts[2], bad = atoiN(hour[6:10], bad)
			parts[1], bad = atoiN(hour[3:5], bad)
			parts[0], bad = atoiN(hour[0:2], bad)
		}
		h, bad := atoiN(hour[11:13], bad)
		y, mo, d := parts[yi], parts[mi], parts[di]
		if bad || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || y < 1970 {
			return time.Time{}, errTime
		}
		t := time.Date(y, time.Month(mo), d, h, 0, 0, 0, p.loc)
		if t.Day() != d {
			return time.Time{}, errTime // 31 April and the like
		}
		copy(p.hourKey[:], hour)
		p.hourBase, p.haveHour = t, true
	}
	return p.hourBase.Add(time.Duration(m)*time.Minute + time.Duration(s)*time.Second), nil
}

func atoi2(s string) (int, error) {
	if len(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0, errTime
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), nil
}

func atoiN(s string, bad bool) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, true
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, bad
}

// slowLayouts are the other shapes seen in exports. Day-first dates are read
// the UK way.
var slowLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05 -0700",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"02/01/2006 15:04:05",
	"2/1/2006 15:04:05",
	"2/1/2006 15:04",
	"02-01-2006 15:04:05",
	"02.01.2006 15:04:05",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
}

func (p *timeParser) slow(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, errTime
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) == 10 {
		return time.Unix(n, 0), nil // Unix seconds, as some APIs and exports give
	}
	for _, l := range slowLayouts {
		if t, err := time.ParseInLocation(l, s, p.loc); err == nil {
			if t.Year() < 1970 {
				break
			}
			return t, nil
		}
	}
	return time.Time{}, errTime
}

// parseDuration reads talk time written as seconds ("83", "83.4") or as a
// clock ("00:01:23", "1:23").
func parseDuration(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	if n, ok := digits(s); ok {
		return time.Duration(n) * time.Second, true
	}
	if strings.IndexByte(s, ':') > 0 {
		var total int64
		parts := strings.Split(s, ":")
		if len(parts) > 3 {
			return 0, false
		}
		for i, part := range parts {
			if i == len(parts)-1 {
				if dot := strings.IndexByte(part, '.'); dot > 0 {
					part = part[:dot]
				}
			}
			n, ok := digits(part)
			if !ok || (i > 0 && n > 59) {
				return 0, false
			}
			total = total*60 + n
		}
		return time.Duration(total) * time.Second, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e9 {
		return 0, false
	}
	return time.Duration(f * float64(time.Second)), true
}

func digits(s string) (int64, bool) {
	if s == "" || len(s) > 12 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}

// parseCost reads a call cost in pounds ("0.35", "£1.20") as pence.
func parseCost(s string) (int, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "£"))
	if s == "" {
		return 0, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e7 {
		return 0, false
	}
	return int(f*100 + 0.5), true
}

// answered reads a status column. Vendors write ANSWERED, Answered,
// "NO ANSWER", BUSY, FAILED, Unanswered and so on.
func answered(status string, talk time.Duration) bool {
	status = strings.TrimSpace(status)
	if status == "" {
		return talk > 0
	}
	for _, yes := range answeredWords {
		if strings.EqualFold(status, yes) {
			return true
		}
	}
	return false
}

var answeredWords = []string{"answered", "answer", "connected", "completed", "yes", "true", "1"}

// extensionOf pulls the number out of the caller fields vendors write, such as
// "Jo Whitaker <101>", "Jo Whitaker (101)" or "Ext.101".
func extensionOf(s string) string {
	if plainNumber(s) {
		return s
	}
	if i := strings.LastIndexByte(s, '<'); i >= 0 {
		if j := strings.IndexByte(s[i:], '>'); j > 0 {
			return strings.TrimSpace(s[i+1 : i+j])
		}
	}
	if i := strings.LastIndexByte(s, '('); i >= 0 {
		if j := strings.IndexByte(s[i:], ')'); j > 0 {
			if inner := strings.TrimSpace(s[i+1 : i+j]); inner != "" && strings.Trim(inner, "+0123456789 ") == "" {
				return inner
			}
		}
	}
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(strings.ToLower(s), "ext."); ok {
		return strings.TrimSpace(rest)
	}
	return s
}

// plainNumber reports whether s is digits with at most a leading "+", the
// usual case, which needs no further work.
func plainNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && !(c == '+' && i == 0) {
			return false
		}
	}
	return s != ""
}
