package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/export"
)

// outputs are the documents one audit run writes.
type outputs struct {
	json, pdf, csv, md string
	paper, logo        string
}

// request is the export the flags ask for.
func (o *outputs) request(cat *checklist.Catalogue, previous *checklist.Audit, e env) export.Request {
	return export.Request{
		Paths:  map[export.Format]string{export.FormatJSON: o.json, export.FormatPDF: o.pdf, export.FormatCSV: o.csv, export.FormatMarkdown: o.md},
		Stdout: e.stdout, Paper: o.paper, Logo: o.logo, Catalogue: cat, Previous: previous,
	}
}

// check validates the options that can be checked before any work is done, so
// that a typo in --paper or a bad logo fails at once rather than after a fetch.
// It is the same check the export itself makes.
func (o *outputs) check(e env) error {
	if o.logo != "" && o.pdf == "" {
		return usagef("The --logo goes on the PDF. Add --pdf FILE as well.")
	}
	req := o.request(nil, nil, e)
	if err := req.Check(); err != nil {
		return exportFlagError(err)
	}
	o.paper = req.Paper
	return nil
}

// exportFlagError names the flag behind a refused export request.
func exportFlagError(err error) error {
	var re *export.RequestError
	if !errors.As(err, &re) {
		return err
	}
	switch re.Field {
	case "paper":
		return usageWrap("--paper", re.Err)
	case "logo":
		return re.Err
	case "pdf", "csv":
		return usagef("Give --%s a file name.", re.Field)
	case "stdout":
		return usagef("Only one of --json and --md can write to standard output. Give the other a file name.")
	}
	return err
}

func (o *outputs) toStdout() bool { return o.json == export.Stdout || o.md == export.Stdout }

// write produces every requested document. The readable summary goes to
// standard output unless a document has claimed it.
func (o *outputs) write(ctx context.Context, a, previous *checklist.Audit, cat *checklist.Catalogue, e env) error {
	written, err := export.Write(ctx, a, o.request(cat, previous, e))
	if err != nil {
		return exportFlagError(err)
	}
	if o.toStdout() {
		return nil
	}
	if err := export.WriteSummary(e.stdout, a, 10); err != nil {
		return err
	}
	if len(written) > 0 {
		fmt.Fprintln(e.stdout)
	}
	for _, w := range written {
		fmt.Fprintf(e.stdout, "%s written to %s\n", w.Format.Name(), w.Path)
	}
	return nil
}
