// Package cdr reads call-detail-record exports from 3CX, FreePBX/Asterisk,
// FreeSWITCH, Avaya IP Office and Yeastar, or any CSV with a column mapping, and streams them as calls. It
// never holds the whole file: each row is handed on and forgotten.
package cdr

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Format names a CDR export layout.
type Format string

const (
	// Auto works the layout out from the header, or from the shape of the
	// first row for Asterisk's headerless Master.csv.
	Auto Format = ""
	// Asterisk is cdr_csv's Master.csv: no header and a fixed column order
	// (accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp,
	// lastdata, start, answer, end, duration, billsec, disposition, amaflags,
	// then optionally uniqueid, userfield and peeraccount, linkedid, sequence).
	Asterisk Format = "asterisk"
	// FreePBX is the CDR Reports module's CSV export, with column names from
	// the cdr table (calldate, clid, src, dst, …, billsec, disposition, …).
	FreePBX Format = "freepbx"
	// ThreeCX is the call log exported from the 3CX web client (Call Time,
	// From, To, …, Talking, Cost), the v20 call history and call report
	// (CallHistoryView, ReportCallLogData: ISO 8601 durations), or the CDR
	// service's log, with its field names as a header (time-start, from-no,
	// to-no, …, bill-cost) or without one in the documented default order.
	ThreeCX Format = "3cx"
	// Yeastar is the P-Series or S-Series CDR download (Time, Call From,
	// Call To, Call Duration, Ring Duration, Talk Duration, Status, …).
	Yeastar Format = "yeastar"
	// Avaya is IP Office SMDR: Call Start, Connected Time, Ring Time,
	// Caller, Direction, Called Number, Dialled Number, … with or without
	// a header row.
	Avaya Format = "avaya"
	// FreeSWITCH is mod_cdr_csv's Master.csv written with the default
	// "example" template: caller_id_name, caller_id_number,
	// destination_number, context, start_stamp, answer_stamp, end_stamp,
	// duration, billsec, hangup_cause, uuid, … with no header.
	FreeSWITCH Format = "freeswitch"
	// Generic is any CSV, read through a Mapping.
	Generic Format = "generic"
)

// Layout says how to read a file.
type Layout struct {
	Format Format
	// Map names the columns for Generic files, and overrides single columns
	// of the other layouts.
	Map *Mapping
	// Location is the time zone of timestamps that carry none (most
	// exports write the PBX's local time). Nil means Europe/London.
	Location *time.Location
}

// Mapping names the columns holding each part of a call, by header name
// (case and punctuation ignored) or, for files without a header, by column
// number counting from 1.
type Mapping struct {
	Start    string // date and time the call started (required)
	Date     string // date only, when the time is in its own column
	From     string // calling extension or number (required)
	To       string // dialled number (required)
	Duration string // talk time: seconds or hh:mm:ss
	Status   string // answered or not
	Cost     string // call cost in pounds
	Dest     string // destination name, where the PBX gives one
	// NoHeader is true when the first row is already a call.
	NoHeader bool
}

// ParseMapping reads a mapping written for the command line, such as
// "start=Date,from=Extension,to=Number,duration=Seconds" or, for a file with
// no header, "noheader,start=1,from=2,to=3,duration=5".
func ParseMapping(spec string) (Mapping, error) {
	var m Mapping
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if strings.EqualFold(part, "noheader") {
			m.NoHeader = true
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok || strings.TrimSpace(v) == "" {
			return m, fmt.Errorf("column mapping %q: write each part as name=column, for example to=Number", part)
		}
		v = strings.TrimSpace(v)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "start", "time":
			m.Start = v
		case "date":
			m.Date = v
		case "from", "src", "extension":
			m.From = v
		case "to", "dst", "number":
			m.To = v
		case "duration", "talk", "billsec":
			m.Duration = v
		case "status", "disposition":
			m.Status = v
		case "cost":
			m.Cost = v
		case "destination", "dest":
			m.Dest = v
		default:
			return m, fmt.Errorf("column mapping: %q is not a part Ringfence knows; use start, date, from, to, duration, status, cost or destination", k)
		}
	}
	if m.Start == "" || m.From == "" || m.To == "" {
		return m, fmt.Errorf("column mapping: name at least the start, from and to columns")
	}
	return m, nil
}

// columns holds, for one file, the index of each part of a call; -1 when the
// file has no such column.
type columns struct {
	start, date, from, to, dur, status, cost, dest int
	answered, end                                  int // 3CX CDR: talk time is end minus answered
	fromOut                                        int // the caller's outside number, used when it is one
	dir                                            int // call direction (Avaya: I or O)
	width                                          int // fields a row needs
}

func noColumns() columns {
	return columns{start: -1, date: -1, from: -1, to: -1, dur: -1, status: -1, cost: -1, dest: -1, answered: -1, end: -1, fromOut: -1, dir: -1}
}

func (c *columns) fix() {
	c.width = 0
	for _, i := range []int{c.start, c.date, c.from, c.to, c.dur, c.status, c.cost, c.dest, c.answered, c.end, c.fromOut, c.dir} {
		c.width = max(c.width, i+1)
	}
}

// asteriskColumns is Master.csv's fixed order, from cdr_csv.c build_csv_record.
func asteriskColumns() columns {
	c := noColumns()
	c.from, c.to, c.start, c.dur, c.status = 1, 2, 9, 13, 14
	c.fix()
	return c
}

// headerKey folds a column heading so "Talk Duration(s)", "talk_duration" and
// "TALK DURATION" compare equal.
func headerKey(h string) string {
	if i := strings.IndexByte(h, '('); i > 0 {
		h = h[:i]
	}
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// detectHeader recognises a vendor's header row.
func detectHeader(keys map[string]int) (Format, columns) {
	c := noColumns()
	get := func(names ...string) int {
		for _, n := range names {
			if i, ok := keys[n]; ok {
				return i
			}
		}
		return -1
	}
	has := func(names ...string) bool { return get(names...) >= 0 }
	switch {
	case has("calldate") && has("src") && has("dst"):
		c.start, c.from, c.to = get("calldate"), get("src"), get("dst")
		c.dur, c.status = get("billsec", "duration"), get("disposition")
		c.fix()
		return FreePBX, c
	case has("segmentstarttime") && has("srcdn", "srccallernumber") && has("dstcallernumber", "dstdn"):
		// 3CX v20 CallHistoryView, as its XAPI names the fields.
		c.start, c.from, c.fromOut = get("segmentstarttime"), get("srcdn", "srccallernumber"), get("srccallernumber")
		c.to, c.dur, c.status = get("dstcallernumber", "dstdn"), get("calltime", "talkingduration"), get("callanswered")
		c.fix()
		return ThreeCX, c
	case has("starttime") && has("sourcedn", "sourcecallerid") && has("destinationcallerid", "destinationdn"):
		// 3CX v20 call report, ReportCallLogData.
		c.start, c.from, c.fromOut = get("starttime"), get("sourcedn", "sourcecallerid"), get("sourcecallerid")
		c.to, c.dur, c.status = get("destinationcallerid", "destinationdn"), get("talkingduration"), get("answered")
		c.cost = get("callcost")
		c.fix()
		return ThreeCX, c
	case has("callstart") && has("caller") && has("callednumber", "diallednumber"):
		// Avaya IP Office SMDR with its header row (Delta Server writes one).
		c.start, c.from, c.to = get("callstart"), get("caller"), get("callednumber", "diallednumber")
		c.dur, c.dir = get("connectedtime", "callduration"), get("direction")
		c.fix()
		return Avaya, c
	case has("timestart") && has("fromno", "fromdn") && has("tono", "dialno", "todn"):
		c.start, c.from, c.to = get("timestart"), get("fromno", "fromdn"), get("dialno", "tono", "todn")
		c.answered, c.end, c.dur = get("timeanswered"), get("timeend"), get("duration")
		c.cost, c.dest, c.status = get("billcost"), get("billname"), get("reasonterminated")
		c.fix()
		return ThreeCX, c
	case has("calltime", "startedat", "starttime") && has("from", "caller", "callerid") && has("to", "destination"):
		c.start, c.from, c.to = get("calltime", "startedat", "starttime"), get("from", "caller", "callerid"), get("to", "destination")
		c.dur, c.status, c.cost = get("talking", "talktime", "duration"), get("status"), get("cost")
		c.fix()
		return ThreeCX, c
	case has("callfrom") && has("callto"):
		c.start, c.from, c.to = get("time", "date", "datetime", "calltime"), get("callfrom"), get("callto")
		c.dur, c.status = get("talkduration", "billingduration", "billduration", "duration", "callduration"), get("status", "disposition")
		c.fix()
		return Yeastar, c
	}
	return Auto, c
}

// mapColumns resolves a Mapping against a header (or against column numbers).
func mapColumns(m Mapping, keys map[string]int, base columns) (columns, error) {
	c := base
	set := func(dst *int, name, what string) error {
		if name == "" {
			return nil
		}
		if m.NoHeader || keys == nil {
			n, err := strconv.Atoi(name)
			if err != nil || n < 1 {
				return fmt.Errorf("column mapping: the file has no header, so give the %s column as a number from 1, not %q", what, name)
			}
			*dst = n - 1
			return nil
		}
		i, ok := keys[headerKey(name)]
		if !ok {
			if n, err := strconv.Atoi(name); err == nil && n >= 1 {
				*dst = n - 1
				return nil
			}
			return fmt.Errorf("column mapping: there is no %q column for the %s", name, what)
		}
		*dst = i
		return nil
	}
	for _, f := range []struct {
		dst        *int
		name, what string
	}{{&c.start, m.Start, "start time"}, {&c.date, m.Date, "date"}, {&c.from, m.From, "caller"}, {&c.to, m.To, "dialled number"},
		{&c.dur, m.Duration, "duration"}, {&c.status, m.Status, "status"}, {&c.cost, m.Cost, "cost"}, {&c.dest, m.Dest, "destination"}} {
		if err := set(f.dst, f.name, f.what); err != nil {
			return c, err
		}
	}
	c.fix()
	return c, nil
}

// detectHeaderless recognises the layouts written without a header row by the
// shape of their first row, and reports whether it found one.
func detectHeaderless(rec []string) (Format, columns, bool) {
	tp := timeParser{loc: time.UTC}
	isTime := func(i int) bool {
		if i >= len(rec) {
			return false
		}
		_, err := tp.parse(rec[i])
		return err == nil
	}
	isInt := func(i int) bool {
		if i >= len(rec) {
			return false
		}
		_, ok := digits(strings.TrimSpace(rec[i]))
		return ok
	}
	isClock := func(i int) bool {
		if i >= len(rec) {
			return false
		}
		v := strings.TrimSpace(rec[i])
		_, why := parseDuration(v)
		return why == "" && strings.Count(v, ":") == 2
	}
	switch n := len(rec); {
	case n >= 16 && n <= 21 && isTime(9) && isInt(12) && isInt(13):
		return Asterisk, asteriskColumns(), true
	case n >= 13 && isTime(4) && isInt(7) && isInt(8) && !isTime(9):
		return FreeSWITCH, freeswitchColumns(), true
	case n >= 12 && isTime(3) && isTime(5) && (strings.TrimSpace(rec[2]) == "" || isClock(2)):
		return ThreeCX, threeCXLogColumns(n), true
	case n >= 7 && isTime(0) && isClock(1) && isInt(2) && (strings.TrimSpace(rec[4]) == "I" || strings.TrimSpace(rec[4]) == "O"):
		return Avaya, avayaColumns(), true
	}
	return Auto, noColumns(), false
}

// freeswitchColumns is mod_cdr_csv's default "example" template, from
// FreeSWITCH's conf/vanilla/autoload_configs/cdr_csv.conf.xml: talk time is
// billsec, and hangup_cause (NORMAL_CLEARING) is not an answer status.
func freeswitchColumns() columns {
	c := noColumns()
	c.from, c.to, c.start, c.dur = 1, 2, 4, 8
	c.fix()
	return c
}

// threeCXLogColumns is the 3CX CDR service's documented default field order
// (historyid, callid, duration, time-start, time-answered, time-end,
// reason-terminated, from-no, to-no, from-dn, to-dn, dial-no, reason-changed,
// final-number, final-dn, bill-code, bill-rate, bill-cost, bill-name, …). The
// cost and rate name are read when the row is long enough to hold them.
func threeCXLogColumns(n int) columns {
	c := noColumns()
	c.start, c.answered, c.end, c.from, c.to = 3, 4, 5, 7, 11
	if n >= 19 {
		c.cost, c.dest = 17, 18
	}
	c.fix()
	return c
}

// avayaColumns is IP Office SMDR's field order: Call Start, Connected Time,
// Ring Time, Caller, Direction, Called Number, Dialled Number, …
func avayaColumns() columns {
	c := noColumns()
	c.start, c.dur, c.from, c.dir, c.to = 0, 1, 3, 4, 5
	c.fix()
	return c
}
