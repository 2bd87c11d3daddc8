package main

import (
	"fmt"
	"io"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/export"
)

// outputs are the documents one audit run writes.
type outputs struct {
	json, pdf, csv, md string
	paper, logo        string
}

// check validates the options that can be checked before any work is done, so
// that a typo in --paper or a bad logo fails at once rather than after a fetch.
func (o *outputs) check() error {
	paper, err := export.ParsePaper(o.paper)
	if err != nil {
		return usageWrap("--paper", err)
	}
	o.paper = paper
	if o.logo != "" {
		if o.pdf == "" {
			return usagef("--logo goes on the PDF: add --pdf FILE")
		}
		if err := export.CheckLogo(o.logo); err != nil {
			return err
		}
	}
	if o.json == "-" && o.md == "-" {
		return usagef("only one of --json and --md can write to standard output")
	}
	for _, f := range []struct{ flag, path string }{{"--pdf", o.pdf}, {"--csv", o.csv}} {
		if f.path == "-" {
			return usagef("%s needs a file name", f.flag)
		}
	}
	return nil
}

func (o *outputs) toStdout() bool { return o.json == "-" || o.md == "-" }

// write produces every requested document. The readable summary goes to
// standard output unless a document has claimed it.
func (o *outputs) write(a, previous *checklist.Audit, cat *checklist.Catalogue, now time.Time, e env) error {
	opts := export.Options{Catalogue: cat, Previous: previous, Paper: o.paper, Logo: o.logo, Generated: now}
	docs := []struct {
		path, what string
		write      func(io.Writer) error
	}{
		{o.json, "JSON report", func(w io.Writer) error { return export.WriteJSON(w, a, now) }},
		{o.pdf, "PDF action plan", func(w io.Writer) error { return export.WritePDF(w, a, opts) }},
		{o.csv, "CSV action plan", func(w io.Writer) error { return export.WriteCSV(w, a) }},
		{o.md, "Markdown summary", func(w io.Writer) error { return export.WriteMarkdown(w, a, opts) }},
	}
	var written []string
	for _, d := range docs {
		switch d.path {
		case "":
			continue
		case "-":
			if err := d.write(e.stdout); err != nil {
				return err
			}
			continue
		}
		if err := sitestore.WriteFileAtomic(d.path, d.write); err != nil {
			return fmt.Errorf("could not write the %s: %w", d.what, err)
		}
		written = append(written, fmt.Sprintf("%s written to %s", d.what, d.path))
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
	for _, line := range written {
		fmt.Fprintln(e.stdout, line)
	}
	return nil
}
