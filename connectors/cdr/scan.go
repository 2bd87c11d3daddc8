package cdr

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the site zone must resolve on Windows too

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors/tabular"
)

// Stats describes a scanned file. Rows counts the lines read below the
// header; every one is either a call or rejected: Rows = Calls + Rejected.
type Stats struct {
	Format    Format    `json:"format"`
	Delimiter string    `json:"delimiter"`
	Encoding  string    `json:"encoding"`
	Header    int       `json:"header_line,omitempty"` // 0 for a file without one
	Rows      int       `json:"rows"`                  // lines read, header excluded
	Calls     int       `json:"calls"`                 // lines handed on as calls
	Rejected  int       `json:"rejected"`              // lines skipped, each with its number and reason
	First     time.Time `json:"first,omitzero"`
	Last      time.Time `json:"last,omitzero"`
}

// Summary is the one-line account of the lines read, for the user.
func (st Stats) Summary() string {
	return tabular.Report{Header: st.Header, Read: st.Rows, Used: st.Calls, Skipped: st.Rejected}.Summary()
}

// RowError is one line that could not be read, and why.
type RowError = tabular.Skip

// Scan reads a CDR export and calls fn once per call, in file order. Lines
// that cannot be read are skipped and reported; fn's error stops the scan.
// The error is for the file as a whole: empty, not CSV, or a layout that
// cannot be recognised.
func Scan(r io.Reader, name string, layout Layout, fn func(checklist.Call) error) (Stats, []RowError, error) {
	var st Stats
	tr, err := tabular.NewReader(r, name, tabular.Options{})
	if err != nil {
		if errors.Is(err, tabular.ErrEmpty) {
			return st, nil, fmt.Errorf("%s is empty: export the call records again and check the date range", name)
		}
		return st, nil, err
	}
	st.Delimiter = string(rune(tr.Delimiter()))
	loc := layout.Location
	if loc == nil {
		loc = london()
	}
	s := scanner{name: name, tr: tr, tp: timeParser{loc: loc}}
	first, err := tr.Next()
	if errors.Is(err, io.EOF) {
		s.finish(&st)
		return st, s.errs, fmt.Errorf("%s holds no rows that could be read; see the skipped lines", name)
	}
	if err != nil {
		return st, nil, err
	}
	format, cols, isHeader, err := resolve(first.Fields, layout)
	if err != nil {
		return st, nil, fmt.Errorf("%s: %w", name, err)
	}
	st.Format, s.cols = format, cols
	if isHeader {
		tr.Header(first)
		tr.SetColumns(first.Fields)
	} else {
		s.cur = first
		s.row(&st, first.Fields, first.Line, fn)
		if s.stop != nil {
			s.finish(&st)
			return st, s.errs, s.stop
		}
	}
	for {
		rec, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.finish(&st)
			return st, s.errs, err
		}
		s.cur = rec
		s.row(&st, rec.Fields, rec.Line, fn)
		if s.stop != nil {
			s.finish(&st)
			return st, s.errs, s.stop
		}
	}
	s.finish(&st)
	if st.Calls == 0 && st.Rejected > 0 {
		return st, s.errs, fmt.Errorf("%s: none of its %d rows could be read as calls; see the first errors below", name, st.Rejected)
	}
	return st, s.errs, nil
}

type scanner struct {
	name string
	tr   *tabular.Reader
	cur  tabular.Record // the row being read
	cols columns
	tp   timeParser
	errs []RowError
	stop error
}

// finish copies the reader's account into st.
func (s *scanner) finish(st *Stats) {
	rep := s.tr.Report()
	st.Encoding, st.Header = rep.Encoding, rep.Header
	st.Rows, st.Rejected = rep.Read, rep.Skipped
	s.errs = rep.Skips
}

func (s *scanner) reject(st *Stats, line int, reason string) {
	s.tr.Skip(s.cur, reason)
}

// row turns one record into a call and hands it on.
func (s *scanner) row(st *Stats, rec []string, line int, fn func(checklist.Call) error) {
	c := &s.cols
	if len(rec) < c.width {
		s.reject(st, line, fmt.Sprintf("it has %d columns where %d are needed", len(rec), c.width))
		return
	}
	stamp := rec[c.start]
	if c.date >= 0 {
		stamp = strings.TrimSpace(rec[c.date]) + " " + strings.TrimSpace(stamp)
	}
	start, err := s.tp.parse(stamp)
	if err != nil {
		s.reject(st, line, fmt.Sprintf("the start time %q is not a date and time Ringfence can read", clip(stamp)))
		return
	}
	call := checklist.Call{Start: start, From: extensionOf(rec[c.from]), To: extensionOf(rec[c.to])}
	switch {
	case c.answered >= 0 && c.end >= 0 && strings.TrimSpace(rec[c.answered]) != "":
		a, err1 := s.tp.parse(rec[c.answered])
		e, err2 := s.tp.parse(rec[c.end])
		if err1 != nil || err2 != nil || e.Before(a) {
			s.reject(st, line, "the answered and end times do not make sense")
			return
		}
		call.Duration = e.Sub(a)
	case c.answered >= 0 && c.end >= 0:
		// Never answered: no talk time.
	case c.dur >= 0:
		d, ok := parseDuration(rec[c.dur])
		if !ok {
			s.reject(st, line, fmt.Sprintf("the duration %q is not seconds or hh:mm:ss", clip(rec[c.dur])))
			return
		}
		call.Duration = d
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
			s.reject(st, line, fmt.Sprintf("the cost %q is not an amount", clip(rec[c.cost])))
			return
		}
		call.CostPence = p
	}
	if c.dest >= 0 {
		call.Destination = strings.TrimSpace(rec[c.dest])
	}
	if call.From == "" && call.To == "" {
		s.reject(st, line, "it has neither a caller nor a dialled number")
		return
	}
	st.Calls++
	s.tr.Use(s.cur)
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
	headerless := detected == Auto && looksLikeMaster(first)
	if headerless {
		detected, cols = Asterisk, asteriskColumns()
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
		return "", cols, false, fmt.Errorf("Ringfence cannot tell which phone system wrote this file: its first line is %q. Export the call log from 3CX, FreePBX, Asterisk or Yeastar, or describe the columns with a mapping such as start=Date,from=Extension,to=Number,duration=Seconds", clip(strings.Join(first, ",")))
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

// looksLikeMaster recognises a Master.csv row by its shape: 16 to 21 fields,
// a start time in the tenth and whole seconds in the thirteenth and fourteenth.
func looksLikeMaster(rec []string) bool {
	if len(rec) < 16 || len(rec) > 21 {
		return false
	}
	tp := timeParser{loc: time.UTC}
	if _, err := tp.parse(rec[9]); err != nil {
		return false
	}
	_, e1 := strconv.Atoi(rec[12])
	_, e2 := strconv.Atoi(rec[13])
	return e1 == nil && e2 == nil
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

func london() *time.Location {
	if loc, err := time.LoadLocation("Europe/London"); err == nil {
		return loc
	}
	return time.UTC
}
