package tui

import (
	"io"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/export"
)

// exportFormat is one kind of file the export package can write.
type exportFormat struct {
	name  string // shown to the user
	ext   string
	write func(w io.Writer, a *checklist.Audit, job exportJob) error
}

// exportJob is what every writer may need besides the audit.
type exportJob struct {
	cat      *checklist.Catalogue
	previous *checklist.Audit
}

func (j exportJob) options(a *checklist.Audit) export.Options {
	return export.Options{Catalogue: j.cat, Previous: j.previous, Generated: a.Updated}
}

func exportFormats() []exportFormat {
	return []exportFormat{
		{name: "PDF action plan (to print or send)", ext: "pdf", write: func(w io.Writer, a *checklist.Audit, job exportJob) error {
			return export.WritePDF(w, a, job.options(a))
		}},
		{name: "Markdown report (for a wiki or ticket)", ext: "md", write: func(w io.Writer, a *checklist.Audit, job exportJob) error {
			return export.WriteMarkdown(w, a, job.options(a))
		}},
		{name: "CSV of findings (for a spreadsheet)", ext: "csv", write: func(w io.Writer, a *checklist.Audit, job exportJob) error {
			return export.WriteCSV(w, a)
		}},
		{name: "JSON report (for other tools)", ext: "json", write: func(w io.Writer, a *checklist.Audit, job exportJob) error {
			return export.WriteJSON(w, a, a.Updated)
		}},
	}
}
