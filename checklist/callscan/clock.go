package callscan

import "time"

// clock turns instants into local minutes and days for one time zone. Zone
// offsets change at most every quarter hour, so the offset is cached per
// quarter hour: converting a timestamp costs a division, not a zone lookup.
type clock struct {
	loc     *time.Location
	quarter int64
	offset  int64
}

func newClock(loc *time.Location) *clock { return &clock{loc: loc, quarter: -1 << 62} }

// local returns seconds since the Unix epoch in local wall-clock time.
func (c *clock) local(t time.Time) int64 {
	u := t.Unix()
	if q := floorDiv(u, 900); q != c.quarter {
		_, off := t.In(c.loc).Zone()
		c.quarter, c.offset = q, int64(off)
	}
	return u + c.offset
}

// open reports whether a local time falls inside business hours.
func (h BusinessHours) open(local int64) bool {
	day := floorDiv(local, 86400)
	wd := time.Weekday((day + 4) % 7) // 1 January 1970 was a Thursday
	if wd < 0 {
		wd += 7
	}
	m := int((local - day*86400) / 60)
	return h.Days[wd] && m >= h.Open && m < h.Close
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func abs64(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}
