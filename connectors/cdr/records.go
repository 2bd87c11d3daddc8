package cdr

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors/tabular"
)

// This file turns records (the fields of one row, and its line number) into
// calls. It does not care how the bytes were split into records.

type scanner struct {
	name    string
	tr      *tabular.Reader // every record is handed back to it as used or skipped
	cols    columns
	tp      timeParser
	errs    []RowError
	stop    error
	pending []tabular.Record // rows waiting for the file's date order to be settled
}

// maxHeld bounds the rows kept back while every date so far could be read
// either way ("05/03/2026"). A file in date order settles within its first
// thirteen days; past this many rows (a busy site's fortnight) the UK reading
// is assumed, and the output says so.
const maxHeld = 50_000

// row turns one record into a call and hands it on. Every record ends up
// either used or skipped in the reader's account, so lines read always equal
// lines used plus lines skipped.
func (s *scanner) row(st *Stats, r tabular.Record, fn func(inventory.Call) error) {
	rec := r.Fields
	reject := func(reason string) { s.tr.Skip(r, reason) }
	c := &s.cols
	if len(rec) < c.width {
		columns := "columns"
		if len(rec) == 1 {
			columns = "column"
		}
		reject(fmt.Sprintf("it has %d %s where %d are needed", len(rec), columns, c.width))
		return
	}
	stamp := rec[c.start]
	if c.date >= 0 {
		stamp = strings.TrimSpace(rec[c.date]) + " " + strings.TrimSpace(stamp)
	}
	if s.tp.order == orderUnknown {
		if a, b, ok := yearLast(stamp); ok {
			switch {
			case a > 12 && b <= 12:
				s.settle(st, dayFirst, false, fn)
			case b > 12 && a <= 12:
				s.settle(st, monthFirst, false, fn)
			case a <= 12 && b <= 12:
				s.hold(st, r, fn)
				return
			}
			if s.stop != nil {
				return
			}
		}
	}
	start, err := s.tp.parse(stamp)
	if err != nil {
		reject(s.badStart(stamp))
		return
	}
	call := inventory.Call{Start: start, From: extensionOf(rec[c.from]), To: extensionOf(rec[c.to])}
	switch {
	case c.answered >= 0 && c.end >= 0 && strings.TrimSpace(rec[c.answered]) != "":
		a, err1 := s.tp.parse(rec[c.answered])
		e, err2 := s.tp.parse(rec[c.end])
		if err1 != nil || err2 != nil {
			reject("the answered and end times are not dates and times Ringfence can read")
			return
		}
		d, why := talkBetween(a, e)
		if why != "" {
			reject(why)
			return
		}
		call.Duration = d
	case c.answered >= 0 && c.end >= 0:
		// Never answered: no talk time.
	case c.dur >= 0:
		d, why := parseDuration(rec[c.dur])
		if why != "" {
			reject(why)
			return
		}
		call.Duration = d
	}
	if c.fromOut >= 0 {
		if out := strings.TrimSpace(rec[c.fromOut]); outsideNumber(out) {
			call.From = out
		}
	}
	if c.dir >= 0 && inbound(rec[c.dir]) && !outsideNumber(call.From) {
		// An incoming call from a withheld number: what it reached is one of
		// the business's own numbers, not a number anyone dialled out to.
		call.To = ""
		if call.From == "" {
			call.From = "withheld"
		}
	}
	status := ""
	if c.status >= 0 {
		status = rec[c.status]
	}
	if c.answered >= 0 {
		status = "" // 3CX's reason-terminated is not an answer status
	}
	call.Answered = answered(status, call.Duration)
	if c.cost >= 0 {
		p, ok := parseCost(rec[c.cost])
		if !ok {
			reject(fmt.Sprintf("the cost %q is not an amount", clip(rec[c.cost])))
			return
		}
		call.CostPence = p
	}
	if c.dest >= 0 {
		call.Destination = strings.TrimSpace(rec[c.dest])
	}
	if call.From == "" && call.To == "" {
		reject("it has neither a caller nor a dialled number")
		return
	}
	st.Calls++
	s.tr.Use(r)
	if st.First.IsZero() || start.Before(st.First) {
		st.First = start
	}
	if start.After(st.Last) {
		st.Last = start
	}
	if err := fn(call); err != nil {
		s.stop = err
	}
}

// badStart explains a start time that could not be read, naming the file's
// date order when the date would have made sense the other way round.
func (s *scanner) badStart(stamp string) string {
	if a, b, ok := yearLast(stamp); ok && s.tp.order != orderUnknown && a <= 31 && b <= 31 && (a > 12) != (b > 12) {
		return fmt.Sprintf("the start time %q cannot be read %s like the rest of the file; check how the export writes dates", clip(stamp), s.tp.order)
	}
	return fmt.Sprintf("the start time %q is not a date and time Ringfence can read", clip(stamp))
}

// hold keeps a row whose date reads either way until a later row settles the
// order for the whole file.
func (s *scanner) hold(st *Stats, r tabular.Record, fn func(inventory.Call) error) {
	r.Fields = slices.Clone(r.Fields) // the reader reuses its slice for the next row
	s.pending = append(s.pending, r)
	if len(s.pending) >= maxHeld {
		s.settle(st, dayFirst, true, fn)
	}
}

// settle fixes the file's date order and reads the rows held back, in order.
func (s *scanner) settle(st *Stats, order dateOrder, assumed bool, fn func(inventory.Call) error) {
	s.tp.order, s.tp.haveHour = order, false
	st.DateOrder, st.DateOrderAssumed = order.String(), assumed
	held := s.pending
	s.pending = nil
	for i, h := range held {
		if s.stop != nil {
			for _, rest := range held[i:] {
				s.tr.Skip(rest, "not read: the scan stopped before this row")
			}
			return
		}
		s.row(st, h, fn)
	}
}

// finish reads any rows still held back (every date in the file read either
// way, so the UK reading is assumed), copies the reader's account into st and
// puts the skipped rows in line order. A nil fn (the scan stopped early)
// leaves held rows unread and skipped, so the account still balances.
func (s *scanner) finish(st *Stats, fn func(inventory.Call) error) {
	if len(s.pending) > 0 {
		if fn != nil {
			s.settle(st, dayFirst, true, fn)
		}
		for _, h := range s.pending {
			s.tr.Skip(h, "not read: the scan stopped before this row's date order was settled")
		}
		s.pending = nil
	}
	rep := s.tr.Report()
	st.Encoding, st.Header = rep.Encoding, rep.Header
	st.Rows, st.Rejected = rep.Read, rep.Skipped
	s.errs = rep.Skips
	slices.SortStableFunc(s.errs, func(a, b RowError) int { return a.Line - b.Line })
}

// outsideNumber reports whether a caller field holds a number from outside
// the business: international or national form, or longer than any extension.
func outsideNumber(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if digits == 0 && c == '0' {
				return true
			}
			digits++
		case c == '+' && digits == 0:
			return true
		}
	}
	return digits > 7
}

// inbound reads a direction column: Avaya writes I and O.
func inbound(dir string) bool {
	switch strings.ToLower(strings.TrimSpace(dir)) {
	case "i", "in", "inbound", "incoming":
		return true
	}
	return false
}

// resolve works out the file's layout from its first record.
func resolve(first []string, layout Layout) (Format, columns, bool, error) {
	keys := make(map[string]int, len(first))
	for i, h := range first {
		k := headerKey(h)
		if _, dup := keys[k]; !dup && k != "" {
			keys[k] = i
		}
	}
	detected, cols := detectHeader(keys)
	headerless := false
	if detected == Auto {
		detected, cols, headerless = detectHeaderless(first)
	}
	want := layout.Format
	if layout.Map != nil && want == Auto {
		want = Generic
	}
	switch {
	case want == Generic:
		if layout.Map == nil {
			return "", cols, false, errors.New("a generic CSV needs a column mapping, for example start=Date,from=Extension,to=Number,duration=Seconds")
		}
		base := noColumns()
		if layout.Map.NoHeader {
			keys = nil
		}
		c, err := mapColumns(*layout.Map, keys, base)
		if err == nil && (c.start < 0 || c.from < 0 || c.to < 0) {
			err = errors.New("column mapping: name at least the start, from and to columns")
		}
		return Generic, c, !layout.Map.NoHeader, err
	case want != Auto && detected != want:
		found := "no layout Ringfence knows"
		if detected != Auto {
			found = string(detected)
		}
		return "", cols, false, fmt.Errorf("you said this is a %s export, but its first line looks like %s; check the file or describe its columns with a mapping", want, found)
	case detected == Auto:
		return "", cols, false, fmt.Errorf("Ringfence cannot tell which phone system wrote this file: its first line is %q. Export the call log from 3CX, FreePBX, Asterisk, FreeSWITCH, Avaya IP Office or Yeastar, or describe the columns with a mapping such as start=Date,from=Extension,to=Number,duration=Seconds", clip(strings.Join(first, ",")))
	}
	if layout.Map != nil {
		var err error
		if cols, err = mapColumns(*layout.Map, keys, cols); err != nil {
			return "", cols, false, err
		}
	}
	if cols.start < 0 {
		return "", cols, false, fmt.Errorf("this looks like a %s export, but it has no column for when each call started; export it again with the time column, or describe the columns with a mapping", detected)
	}
	return detected, cols, !headerless, nil
}
