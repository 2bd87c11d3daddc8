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

func exportFormats() []exportFormat {
	return []exportFormat{
		{name: "JSON report (for other tools)", ext: "json", write: func(w io.Writer, a *checklist.Audit, job exportJob) error {
			return export.WriteJSON(w, a, a.Updated)
		}},
	}
}
