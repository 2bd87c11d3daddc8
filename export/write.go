package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// Format is one kind of document an audit can be exported as.
type Format string

// The documents, by the file extension each is usually saved with.
const (
	FormatPDF      Format = "pdf"
	FormatMarkdown Format = "md"
	FormatCSV      Format = "csv"
	FormatJSON     Format = "json"
)

// Formats lists every document in the order they are written and offered.
func Formats() []Format { return []Format{FormatPDF, FormatMarkdown, FormatCSV, FormatJSON} }

// Name is what the document is called in messages, such as "PDF action plan".
func (f Format) Name() string {
	switch f {
	case FormatPDF:
		return "PDF action plan"
	case FormatMarkdown:
		return "Markdown report"
	case FormatCSV:
		return "CSV action plan"
	case FormatJSON:
		return "JSON report"
	}
	return string(f)
}

// Stdout is the path that sends a document to Request.Stdout instead of a file.
const Stdout = "-"

// Request says which documents to write where, and how the PDF should look.
type Request struct {
	// Paths holds where each document goes; a format left out is not written.
	// Stdout ("-") writes that document to the Stdout writer.
	Paths  map[Format]string
	Stdout io.Writer
	// Paper is "a4" (the default when empty) or "letter"; see ParsePaper.
	Paper string
	// Logo is an optional PNG or JPEG file for the PDF's cover.
	Logo string
	// Catalogue supplies fix steps and references; nil means the built-in one.
	Catalogue *checklist.Catalogue
	// Previous is the site's previous audit, for what changed since; or nil.
	Previous *checklist.Audit
}

// RequestError is a request refused before anything was written. Field is
// "paper" or "logo", so a front end can point at its own option or box.
type RequestError struct {
	Field string
	Err   error
}

func (e *RequestError) Error() string { return e.Err.Error() }
func (e *RequestError) Unwrap() error { return e.Err }

// Check validates the request and settles the paper size, so that a typo in
// the paper or a logo that cannot be used is refused before any work is done.
// A logo without a PDF is allowed: the setting is simply not used.
func (r *Request) Check() error {
	paper, err := ParsePaper(r.Paper)
	if err != nil {
		return &RequestError{Field: "paper", Err: err}
	}
	r.Paper = paper
	if r.Logo != "" {
		if err := CheckLogo(r.Logo); err != nil {
			return &RequestError{Field: "logo", Err: err}
		}
	}
	for f := range r.Paths {
		if !slices.Contains(Formats(), f) {
			return &RequestError{Field: string(f), Err: fmt.Errorf("there is no %q document: choose pdf, md, csv or json", string(f))}
		}
	}
	stdout := 0
	for _, f := range Formats() {
		if r.Paths[f] != Stdout {
			continue
		}
		if f == FormatPDF || f == FormatCSV {
			return &RequestError{Field: string(f), Err: fmt.Errorf("the %s needs a file name", f.Name())}
		}
		stdout++
	}
	if stdout > 1 {
		return &RequestError{Field: "stdout", Err: errors.New("only one document can go to standard output")}
	}
	if stdout > 0 && r.Stdout == nil {
		return &RequestError{Field: "stdout", Err: errors.New("there is no standard output to write to")}
	}
	return nil
}

// Written is one document that was written, and where.
type Written struct {
	Format Format
	Path   string
}

// Generated is the time every document says it was made: the audit's last
// change, so that exporting the same audit twice, from the command line or the
// app, gives the same files, and a report printed later still carries the date
// its findings were true.
func Generated(a *checklist.Audit) time.Time {
	if a.Updated.IsZero() {
		return a.Started
	}
	return a.Updated
}

// Write checks the request, then writes each requested document in the order
// of Formats. Files are replaced atomically, so a reader never sees half a
// document; it stops at the first failure or when ctx is cancelled, and
// returns what was written until then.
func Write(ctx context.Context, a *checklist.Audit, req Request) ([]Written, error) {
	if a == nil {
		return nil, errors.New("there is no audit to export")
	}
	if err := req.Check(); err != nil {
		return nil, err
	}
	generated := Generated(a)
	opts := Options{Catalogue: req.Catalogue, Previous: req.Previous, Paper: req.Paper, Logo: req.Logo, Generated: generated}
	var written []Written
	for _, f := range Formats() {
		path := req.Paths[f]
		if path == "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return written, err
		}
		write := func(w io.Writer) error {
			switch f {
			case FormatPDF:
				return WritePDF(w, a, opts)
			case FormatMarkdown:
				return WriteMarkdown(w, a, opts)
			case FormatCSV:
				return WriteCSV(w, a)
			default:
				return WriteJSON(w, a, generated)
			}
		}
		if path == Stdout {
			if err := write(req.Stdout); err != nil {
				return written, fmt.Errorf("could not write the %s: %w", f.Name(), err)
			}
		} else if err := sitestore.WriteFileAtomic(path, write); err != nil {
			return written, fmt.Errorf("could not write the %s: %w", f.Name(), err)
		}
		written = append(written, Written{Format: f, Path: path})
	}
	return written, nil
}
