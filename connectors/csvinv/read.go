package csvinv

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors"
)

// MaxFileSize is the largest file Read accepts. A real inventory of even a
// few thousand phones is well under a megabyte; anything near this size is the
// wrong file.
const MaxFileSize = 64 << 20

// headerSearchLines is how far down Read looks for the header row, so a title
// line or two above the table ("Phone inventory, March") does no harm.
const headerSearchLines = 10

// Read imports a spreadsheet inventory. name identifies the file in messages.
// Rows that cannot be used are returned as RowErrors, each with its line, and
// the good rows are kept; err is set only when the file as a whole cannot be
// read (wrong encoding, no recognisable header, too large).
func Read(r io.Reader, name string) (checklist.Inventory, []RowError, error) {
	return read(context.Background(), r, name, nil)
}

func read(ctx context.Context, r io.Reader, name string, progress func(connectors.Progress)) (checklist.Inventory, []RowError, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return checklist.Inventory{}, nil, fmt.Errorf("Ringfence could not read %s (%v). Check that the file is still there and that you can open it.", name, err)
	}
	if len(data) > MaxFileSize {
		return checklist.Inventory{}, nil, fmt.Errorf("%s is larger than %d MB, far bigger than any phone inventory. Check that you chose the right file.", name, MaxFileSize>>20)
	}
	if data, err = checkEncoding(data, name); err != nil {
		return checklist.Inventory{}, nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return checklist.Inventory{}, nil, fmt.Errorf("%s is empty. Export your phone list with a header row (for example Vendor, Model, Firmware, MAC, Extension, Owner) and try again.", name)
	}

	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = detectDelimiter(data)
	cr.FieldsPerRecord = -1 // spreadsheets drop trailing empty cells
	cr.LazyQuotes = true    // a stray quote in a name should cost one cell, not the file
	cr.ReuseRecord = true

	lay, headerLine, err := findHeader(cr, name)
	if err != nil {
		return checklist.Inventory{}, nil, err
	}
	im := newImporter(lay)
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if n%1024 == 0 {
			if cerr := ctx.Err(); cerr != nil {
				return checklist.Inventory{}, nil, cerr
			}
			if progress != nil && n > 0 {
				progress(connectors.Progress{Step: "rows", Done: n})
			}
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				im.rows++
				im.reject(pe.StartLine, "the row could not be split into cells ("+pe.Err.Error()+"); check its quotes")
				continue
			}
			return checklist.Inventory{}, nil, fmt.Errorf("Ringfence could not read %s after line %d (%v).", name, headerLine, err)
		}
		line, _ := cr.FieldPos(0)
		im.row(rec, line)
	}
	inv := im.inventory(name)
	return inv, im.problems(), nil
}

// findHeader reads until it meets a row with at least one column name it
// knows, and reports the whole first row when there is none.
func findHeader(cr *csv.Reader, name string) (layout, int, error) {
	var first []string
	for i := 0; i < headerSearchLines; i++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return layout{}, 0, fmt.Errorf("%s line %d could not be split into cells (%v). Check the quotes on that line.", name, pe.StartLine, pe.Err)
			}
			return layout{}, 0, fmt.Errorf("Ringfence could not read %s (%v).", name, err)
		}
		if first == nil {
			first = append([]string(nil), rec...)
		}
		if lay, found := mapHeader(rec); found > 0 {
			line, _ := cr.FieldPos(0)
			return lay, line, nil
		}
	}
	seen := strings.Join(first, ", ")
	if len(seen) > 200 {
		seen = seen[:200] + "…"
	}
	return layout{}, 0, fmt.Errorf("%s has no header row Ringfence recognises (the first row reads %q). Put column names in the first row, such as Vendor, Model, Firmware, MAC, IP, Extension, Owner, E-mail, User agent, Type, Last seen.", name, seen)
}
