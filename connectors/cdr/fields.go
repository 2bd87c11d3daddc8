package cdr

import (
	"errors"
	"fmt"
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
	// order says how "05/03/2026" is read. It is settled once per file (see
	// scanner.hold), never row by row.
	order dateOrder
}

// dateOrder is how a file writes dates with the year last.
type dateOrder uint8

const (
	orderUnknown dateOrder = iota
	dayFirst               // 05/03/2026 is 5 March (UK, most of the world)
	monthFirst             // 05/03/2026 is 3 May (US; some Yeastar and 3CX settings)
)

func (o dateOrder) String() string {
	switch o {
	case dayFirst:
		return "day first"
	case monthFirst:
		return "month first"
	}
	return ""
}

// yearLast reads the two numbers in front of the year of a date written
// "5/3/2026", "05-03-2026" or "05.03.2026", or reports false for any other
// shape (ISO dates, Unix times).
func yearLast(s string) (a, b int, ok bool) {
	s = strings.TrimSpace(s)
	num := func(i int) (int, int, bool) {
		n, j := 0, i
		for j < len(s) && j-i < 2 && s[j] >= '0' && s[j] <= '9' {
			n = n*10 + int(s[j]-'0')
			j++
		}
		return n, j, j > i
	}
	a, i, okA := num(0)
	if !okA || i >= len(s) || (s[i] != '/' && s[i] != '-' && s[i] != '.') {
		return 0, 0, false
	}
	sep := s[i]
	b, j, okB := num(i + 1)
	if !okB || j+4 > len(s) || s[j] != sep {
		return 0, 0, false
	}
	for k := j + 1; k < j+5; k++ {
		if k >= len(s) || s[k] < '0' || s[k] > '9' {
			return 0, 0, false
		}
	}
	return a, b, true
}

var errTime = errors.New("not a date and time Ringfence can read")

func (p *timeParser) parse(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	// The common shape: 2026-03-05 14:07:31 (Asterisk, FreePBX, Yeastar, 3CX).
	// Also 2026/03/05 14:07:31 (Avaya IP Office SMDR, 3CX CDR log).
	if len(s) >= 16 && (s[4] == '-' && s[7] == '-' || s[4] == '/' && s[7] == '/') && (s[10] == ' ' || s[10] == 'T') && s[13] == ':' && (len(s) == 16 || len(s) == 19 && s[16] == ':') {
		return p.wall(s[:13], s[14:16], sec(s), 0, 1, 2)
	}
	if len(s) >= 16 && s[2] == '/' && s[5] == '/' && s[10] == ' ' && s[13] == ':' && (len(s) == 16 || len(s) == 19 && s[16] == ':') {
		if p.order == monthFirst {
			return p.wall(s[:13], s[14:16], sec(s), 2, 0, 1)
		}
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

// slowLayouts are the other shapes seen in exports. Dates with the year last
// are read day first unless the file has shown it writes them month first.
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
	"2/1/2006 3:04:05 PM",
	"2/1/2006 3:04 PM",
	"02-01-2006 15:04:05",
	"02.01.2006 15:04:05",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
}

// monthFirstLayouts replace the day-first shapes for a month-first file.
var monthFirstLayouts = func() []string {
	swap := strings.NewReplacer("02/01/", "01/02/", "2/1/", "1/2/", "02-01-", "01-02-", "02.01.", "01.02.")
	out := make([]string, len(slowLayouts))
	for i, l := range slowLayouts {
		out[i] = swap.Replace(l)
	}
	return out
}()

func (p *timeParser) slow(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, errTime
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) == 10 {
		return time.Unix(n, 0), nil // Unix seconds, as some APIs and exports give
	}
	layouts := slowLayouts
	if p.order == monthFirst {
		layouts = monthFirstLayouts
	}
	for _, l := range layouts {
		if t, err := time.ParseInLocation(l, s, p.loc); err == nil {
			if t.Year() < 1970 {
				break
			}
			return t, nil
		}
	}
	return time.Time{}, errTime
}

// maxTalk is the longest talk time believed for one call record. Business
// calls last minutes, a long conference call a few hours; phone systems and
// carriers cut calls well before a day (SIP session timers, trunk maximum call
// durations), and a record still open after a day is a stuck channel, not a
// conversation. A day is generous on purpose: a fraud call left up for hours
// still counts, while a broken value can no longer turn into years of minutes.
const maxTalk = 24 * time.Hour

// parseDuration reads talk time written as seconds ("83", "83.4"), as a clock
// ("00:01:23", "1:23") or as an ISO 8601 duration ("PT7M31S", "PT1H2M3.5S", as
// 3CX's call history writes). It returns a reason when the text is not a
// duration or not one a real call can have (negative, not a number, longer
// than maxTalk).
func parseDuration(s string) (time.Duration, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, ""
	}
	if n, ok := digits(s); ok {
		return capTalk(n, s)
	}
	if strings.IndexByte(s, ':') > 0 {
		var total int64
		parts := strings.Split(s, ":")
		if len(parts) > 3 {
			return 0, notDuration(s)
		}
		for i, part := range parts {
			if i == len(parts)-1 {
				if dot := strings.IndexByte(part, '.'); dot > 0 {
					part = part[:dot]
				}
			}
			n, ok := digits(part)
			if !ok || (i > 0 && n > 59) {
				return 0, notDuration(s)
			}
			total = total*60 + n
		}
		return capTalk(total, s)
	}
	if len(s) > 1 && (s[0] == 'P' || s[0] == 'p') {
		return isoDuration(s)
	}
	f, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return 0, notDuration(s)
	case f != f: // NaN
		return 0, fmt.Sprintf("the duration %q is not a number", clip(s))
	case f < 0:
		return 0, fmt.Sprintf("the duration %q is negative", clip(s))
	case f > maxTalk.Seconds():
		return 0, tooLong(s)
	}
	return time.Duration(f * float64(time.Second)), ""
}

func capTalk(secs int64, s string) (time.Duration, string) {
	if secs > int64(maxTalk/time.Second) {
		return 0, tooLong(s)
	}
	return time.Duration(secs) * time.Second, ""
}

func notDuration(s string) string {
	return fmt.Sprintf("the duration %q is not seconds, hh:mm:ss or an ISO 8601 duration such as PT7M31S", clip(s))
}

func tooLong(s string) string {
	return fmt.Sprintf("the duration %q is longer than a day, which no real call lasts; check the export", clip(s))
}

// isoDuration reads the ISO 8601 durations 3CX writes: "PT7M31S",
// "PT1H2M3.5S", "PT0S", and a day part ("P1DT2H") for completeness. Years,
// months and weeks are refused: no call lasts that long.
func isoDuration(s string) (time.Duration, string) {
	rest := s[1:]
	var total float64
	inTime := false
	seen := false
	for rest != "" {
		if rest[0] == 'T' || rest[0] == 't' {
			if inTime {
				return 0, notDuration(s)
			}
			inTime, rest = true, rest[1:]
			continue
		}
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		if i == 0 || i == len(rest) || i > 12 {
			return 0, notDuration(s)
		}
		n, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil {
			return 0, notDuration(s)
		}
		var unit float64
		switch rest[i] {
		case 'D', 'd':
			if inTime {
				return 0, notDuration(s)
			}
			unit = 86400
		case 'H', 'h':
			unit = 3600
		case 'M', 'm':
			unit = 60
		case 'S', 's':
			unit = 1
		default:
			return 0, notDuration(s)
		}
		if unit < 86400 && !inTime {
			return 0, notDuration(s) // "P7M" is seven months
		}
		total += n * unit
		seen = true
		rest = rest[i+1:]
	}
	if !seen {
		return 0, notDuration(s)
	}
	if total > maxTalk.Seconds() {
		return 0, tooLong(s)
	}
	return time.Duration(total * float64(time.Second)), ""
}

// talkBetween works out talk time from the answered and end times, as the
// 3CX CDR gives them.
func talkBetween(answered, end time.Time) (time.Duration, string) {
	d := end.Sub(answered)
	switch {
	case d < 0:
		return 0, "the call ends before it was answered"
	case d > maxTalk:
		return 0, fmt.Sprintf("the call was answered at %s and ended at %s, more than a day later, which no real call lasts; check the export",
			answered.Format("2006-01-02 15:04:05"), end.Format("2006-01-02 15:04:05"))
	}
	return d, ""
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
