package cdr

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the site zone must resolve on Windows too

	"github.com/ringfence/ringfence/checklist"
)

// Stats describes a scanned file.
type Stats struct {
	Format    Format    `json:"format"`
	Delimiter string    `json:"delimiter"`
	Rows      int       `json:"rows"`     // data rows, header excluded
	Calls     int       `json:"calls"`    // rows handed on as calls
	Rejected  int       `json:"rejected"` // rows that could not be read
	First     time.Time `json:"first,omitzero"`
	Last      time.Time `json:"last,omitzero"`
}

// RowError is one row that could not be read, and why.
type RowError struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

func (e RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// maxRowErrors caps the rejected rows kept for the report, so a file of ten
// million bad rows cannot fill memory; Stats.Rejected still counts them all.
const maxRowErrors = 1000

// Scan reads a CDR export and calls fn once per call, in file order. Rows
// that cannot be read are skipped and reported; fn's error stops the scan.
// The error is for the file as a whole: empty, not CSV, or a layout that
// cannot be recognised.
func Scan(r io.Reader, name string, layout Layout, fn func(checklist.Call) error) (Stats, []RowError, error) {
	var st Stats
	br := bufio.NewReaderSize(r, 256<<10)
	head, err := br.Peek(8 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return st, nil, fmt.Errorf("%s: could not be read: %w", name, err)
	}
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	if len(bytes.TrimSpace(head)) == 0 {
		return st, nil, fmt.Errorf("%s is empty: export the call records again and check the date range", name)
	}
	if why := notText(head); why != "" {
		return st, nil, fmt.Errorf("%s is not a CSV file (%s): export the call records as CSV", name, why)
	}
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		_, _ = br.Discard(3)
	}
	comma := sniffDelimiter(head)
	st.Delimiter = string(comma)
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	loc := layout.Location
	if loc == nil {
		loc = london()
	}
	s := scanner{name: name, tp: timeParser{loc: loc}}
	first, err := cr.Read()
	if err != nil {
		return st, nil, fmt.Errorf("%s: the first line is not CSV (%v): export the call records as CSV", name, err)
	}
	format, cols, isHeader, err := resolve(first, layout)
	if err != nil {
		return st, nil, fmt.Errorf("%s: %w", name, err)
	}
	st.Format, s.cols = format, cols
	if !isHeader {
		st.Rows++
		s.row(&st, first, 1, fn)
		if s.stop != nil {
			return st, s.errs, s.stop
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return st, s.errs, fmt.Errorf("%s could not be read to the end: %w", name, err)
			}
			st.Rows++
			s.reject(&st, pe.StartLine, "the quotes in this row do not pair up")
			continue
		}
		line, _ := cr.FieldPos(0)
		st.Rows++
		s.row(&st, rec, line, fn)
		if s.stop != nil {
			return st, s.errs, s.stop
		}
	}
	if st.Calls == 0 && st.Rejected > 0 {
		return st, s.errs, fmt.Errorf("%s: none of its %d rows could be read as calls; see the first errors below", name, st.Rejected)
	}
	return st, s.errs, nil
}

type scanner struct {
	name string
	cols columns
	tp   timeParser
	errs []RowError
	stop error
}

func (s *scanner) reject(st *Stats, line int, reason string) {
	st.Rejected++
	if len(s.errs) < maxRowErrors {
		s.errs = append(s.errs, RowError{Line: line, Reason: reason})
	}
}

// row turns one record into a call and hands it on.
func (s *scanner) row(st *Stats, rec []string, line int, fn func(checklist.Call) error) {
	c := &s.cols
	if len(rec) < c.width {
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			st.Rows-- // a blank line
			return
		}
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

// sniffDelimiter picks the separator used in the first line: comma,
// semicolon (spreadsheets set to European settings), tab or pipe.
func sniffDelimiter(head []byte) rune {
	line := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		line = head[:i]
	}
	counts := map[byte]int{}
	quoted := false
	for _, b := range line {
		switch {
		case b == '"':
			quoted = !quoted
		case !quoted && (b == ',' || b == ';' || b == '\t' || b == '|'):
			counts[b]++
		}
	}
	best, n := byte(','), 0
	for _, b := range []byte{',', ';', '\t', '|'} {
		if counts[b] > n {
			best, n = b, counts[b]
		}
	}
	return rune(best)
}

// notText says why the start of a file is not CSV text, or "".
func notText(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "it is a zip file, perhaps an Excel workbook; save it as CSV"
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "it is a PDF"
	case bytes.HasPrefix(head, []byte("\xFF\xFE")) || bytes.HasPrefix(head, []byte("\xFE\xFF")):
		return "it is UTF-16 text; save it as CSV UTF-8"
	case bytes.IndexByte(head, 0) >= 0:
		return "it contains binary data"
	}
	// Text in another encoding (Windows-1252 names, say) is fine: only the
	// digits and times matter here.
	return ""
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
