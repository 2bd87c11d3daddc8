package csvinv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/tabular"
)

// MaxFileSize is the largest file Read accepts. A real inventory of even a
// few thousand phones is well under a megabyte; anything near this size is the
// wrong file.
const MaxFileSize = 64 << 20

// headerSearchLines is how far down Read looks for the header row, so a title
// line or two above the table ("Phone inventory, March") does no harm.
const headerSearchLines = 10

// Read imports a spreadsheet inventory. name identifies the file in messages.
// Lines that cannot be used are returned as RowErrors, each with its line, and
// the good rows are kept; err is set only when the file as a whole cannot be
// read (not text, no recognisable header, too large).
func Read(r io.Reader, name string) (inventory.Inventory, []RowError, error) {
	inv, rep, err := read(context.Background(), r, name, nil)
	if err != nil {
		return inventory.Inventory{}, nil, err
	}
	return inv, problems(rep), nil
}

// ReadReport is Read with the whole account of the file: lines read, used
// and skipped, each skipped line with its number and reason.
func ReadReport(r io.Reader, name string) (inventory.Inventory, tabular.Report, error) {
	return read(context.Background(), r, name, nil)
}

// errTooBig stops reading a file past MaxFileSize.
var errTooBig = errors.New("too big")

type capped struct {
	r    io.Reader
	left int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, errTooBig
	}
	p = p[:min(int64(len(p)), c.left)]
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

func read(ctx context.Context, r io.Reader, name string, progress func(connectors.Progress)) (inventory.Inventory, tabular.Report, error) {
	tooBig := fmt.Errorf("%s is larger than %d MB, far bigger than any phone inventory. Check that you chose the right file.", name, MaxFileSize>>20)
	tr, err := tabular.NewReader(&capped{r: r, left: MaxFileSize + 1}, name, tabular.Options{Known: func(cell string) bool {
		return synonyms[headerKey(cell)] != colNone
	}})
	switch {
	case errors.Is(err, tabular.ErrEmpty):
		return inventory.Inventory{}, tabular.Report{}, fmt.Errorf("%s is empty. Export your phone list with a header row (for example Vendor, Model, Firmware, MAC, Extension, Owner) and try again.", name)
	case errors.Is(err, errTooBig):
		return inventory.Inventory{}, tabular.Report{}, tooBig
	case err != nil:
		return inventory.Inventory{}, tabular.Report{}, err
	}
	lay, err := findHeader(tr, name)
	if err != nil {
		if errors.Is(err, errTooBig) {
			err = tooBig
		}
		return inventory.Inventory{}, tabular.Report{}, err
	}
	im := newImporter(lay)
	for n := 0; ; n++ {
		rec, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, errTooBig) {
			return inventory.Inventory{}, tabular.Report{}, tooBig
		}
		if err != nil {
			return inventory.Inventory{}, tabular.Report{}, err
		}
		if n%1024 == 0 {
			if cerr := ctx.Err(); cerr != nil {
				return inventory.Inventory{}, tabular.Report{}, cerr
			}
			if progress != nil && n > 0 {
				progress(connectors.Progress{Step: "rows", Done: n})
			}
		}
		if why := im.row(rec.Fields, rec.Line); why != "" {
			tr.Skip(rec, why)
		} else {
			tr.Use(rec)
		}
	}
	rep := tr.Report()
	return im.inventory(name, rep), rep, nil
}

// findHeader reads until it meets a row with at least one column name it
// knows, and reports the whole first row when there is none. Rows above the
// header are a title.
func findHeader(tr *tabular.Reader, name string) (layout, error) {
	var first []string
	var above []tabular.Record
	for i := 0; i < headerSearchLines; i++ {
		rec, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return layout{}, err
		}
		if first == nil {
			first = slices.Clone(rec.Fields)
		}
		if lay, found := mapHeader(rec.Fields); found > 0 {
			for _, t := range above {
				tr.Title(t)
			}
			tr.Header(rec)
			tr.SetColumns(rec.Fields)
			return lay, nil
		}
		above = append(above, tabular.Record{Line: rec.Line, Lines: rec.Lines})
	}
	if first == nil {
		rep := tr.Report()
		if len(rep.Skips) > 0 {
			return layout{}, fmt.Errorf("%s has no line Ringfence could read: %s.", name, rep.Skips[0].Error())
		}
		return layout{}, fmt.Errorf("%s is empty. Export your phone list with a header row (for example Vendor, Model, Firmware, MAC, Extension, Owner) and try again.", name)
	}
	seen := strings.Join(first, ", ")
	if len(seen) > 200 {
		seen = seen[:200] + "…"
	}
	return layout{}, fmt.Errorf("%s has no header row Ringfence recognises (the first row reads %q). Put column names in the first row, such as Vendor, Model, Firmware, MAC, IP, Extension, Owner, E-mail, User agent, Type, Last seen.", name, seen)
}
