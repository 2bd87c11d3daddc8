package cdr

import (
	"errors"
	"fmt"
	"io"
	"time"
	_ "time/tzdata" // the site zone must resolve on Windows too

	"github.com/ringfence/ringfence/checklist/inventory"
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
	// DateOrder is how dates with the year last were read ("day first" or
	// "month first"); empty when the file has none. DateOrderAssumed is true
	// when no date in the file could settle it and the UK reading was taken.
	DateOrder        string `json:"date_order,omitempty"`
	DateOrderAssumed bool   `json:"date_order_assumed,omitempty"`
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
func Scan(r io.Reader, name string, layout Layout, fn func(inventory.Call) error) (Stats, []RowError, error) {
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
		s.finish(&st, fn)
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
		s.row(&st, first, fn)
		if s.stop != nil {
			s.finish(&st, nil)
			return st, s.errs, s.stop
		}
	}
	for {
		rec, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.finish(&st, nil)
			return st, s.errs, err
		}
		s.row(&st, rec, fn)
		if s.stop != nil {
			s.finish(&st, nil)
			return st, s.errs, s.stop
		}
	}
	s.finish(&st, fn)
	if s.stop != nil {
		return st, s.errs, s.stop
	}
	if st.Calls == 0 && st.Rejected > 0 {
		return st, s.errs, fmt.Errorf("%s: %s could be read as a call; the problems are listed by line", name, noneOf(st.Rejected))
	}
	return st, s.errs, nil
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

// noneOf says that none of n rows was usable: "its one row" or "none of its 3 rows".
func noneOf(n int) string {
	if n == 1 {
		return "its one row"
	}
	return fmt.Sprintf("none of its %d rows", n)
}
