package cdr

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
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
	// DateOrder is how dates with the year last were read ("day first" or
	// "month first"); empty when the file has none. DateOrderAssumed is true
	// when no date in the file could settle it and the UK reading was taken.
	DateOrder        string `json:"date_order,omitempty"`
	DateOrderAssumed bool   `json:"date_order_assumed,omitempty"`
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
	s.finish(&st, fn)
	if s.stop != nil {
		return st, s.errs, s.stop
	}
	if st.Calls == 0 && st.Rejected > 0 {
		return st, s.errs, fmt.Errorf("%s: none of its %d rows could be read as calls; see the first errors below", name, st.Rejected)
	}
	return st, s.errs, nil
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
