package export

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// IncidentRequest says where to write an incident report and how.
type IncidentRequest struct {
	// Format is "pdf" (for the owner and insurer) or "json" (the record);
	// empty means the one Path's extension names.
	Format string
	// Path is the file to write; "-" writes the JSON to Stdout.
	Path string
	// Paper is "a4" (the default when empty) or "letter".
	Paper string
	// Now is the date printed on the report; zero means now.
	Now    time.Time
	Stdout io.Writer
}

// IncidentFormat settles the format from the request, or says what to do.
func (r IncidentRequest) IncidentFormat() (string, error) {
	f := strings.ToLower(strings.TrimSpace(r.Format))
	if f == "" {
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(r.Path)), ".")
	}
	switch {
	case r.Path == "":
		return "", fmt.Errorf("give a file for the incident report, ending .pdf or .json")
	case r.Path == Stdout && f == "":
		return "json", nil
	case f == "pdf" && r.Path == Stdout:
		return "", fmt.Errorf("a PDF cannot go to standard output; give a file name ending .pdf")
	case f == "pdf" || f == "json":
		return f, nil
	}
	return "", fmt.Errorf("%q does not end .pdf or .json, so Ringfence cannot tell which report to write; name the file report.pdf (for the owner and insurer) or report.json (the record)", safetext.Line(r.Path))
}

// WriteIncident writes the incident report: format "pdf" (owner and insurer)
// or "json" (the record). The file appears whole or not at all.
func WriteIncident(ctx context.Context, site checklist.Site, inc *breach.Incident, req IncidentRequest) error {
	if inc == nil {
		return fmt.Errorf("there is no incident to report on")
	}
	format, err := req.IncidentFormat()
	if err != nil {
		return err
	}
	paper, err := ParsePaper(req.Paper)
	if err != nil {
		return err
	}
	if req.Now.IsZero() {
		req.Now = time.Now()
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	rep := NewIncidentReport(site, inc, req.Now)
	write := func(w io.Writer) error {
		if format == "pdf" {
			return writeIncidentPDF(w, rep, paper, false)
		}
		return writeIncidentJSON(w, rep)
	}
	if req.Path == Stdout {
		if req.Stdout == nil {
			return fmt.Errorf("there is nowhere to write the report to")
		}
		return write(req.Stdout)
	}
	return sitestore.WriteFileAtomic(req.Path, write)
}

func writeIncidentJSON(w io.Writer, rep IncidentReport) error {
	// Text typed in or read from outside stays as it was, but characters a
	// terminal would act on are written as \u escapes.
	enc := json.NewEncoder(safetext.NewJSONWriter(w))
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
