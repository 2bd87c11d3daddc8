package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
)

// TestIncidentReportSaysWhenTheICOHoursRanOut writes the report of an
// incident with no ICO decision at several ages, across the clocks going
// forward: before the 72 hours are up it gives the deadline, and after it
// says they ran out rather than still asking to report "by" a past time.
func TestIncidentReportSaysWhenTheICOHoursRanOut(t *testing.T) {
	t.Parallel()
	opened := time.Date(2026, 3, 27, 10, 0, 0, 0, time.UTC) // the UK clocks go forward on 29 March
	site := checklist.Site{Name: "Acme Dental"}
	for _, age := range []time.Duration{time.Hour, 71 * time.Hour, 73 * time.Hour, 30 * 24 * time.Hour} {
		inc := &breach.Incident{ID: breach.NewID(opened), Site: site.Name, Opened: opened}
		var buf bytes.Buffer
		if err := writeIncidentPDF(&buf, NewIncidentReport(site, inc, opened.Add(age)), PaperA4, false); err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(runTool(t, "pdftotext", "-layout", savePDF(t, buf.Bytes()), "-")), " ")
		// 72 hours after 10:00 GMT on 27 March is 11:00 BST on 30 March.
		if !strings.Contains(flat, "Mon 30 Mar 2026 11:00") {
			t.Errorf("at %s old the report does not give the deadline in UK time:\n%s", age, flat)
		}
		passed := age > 72*time.Hour
		if got := strings.Contains(flat, "ran out"); got != passed {
			t.Errorf("at %s old the report says the 72 hours ran out: %v, want %v:\n%s", age, got, passed, flat)
		}
		if passed && strings.Contains(flat, "tell the ICO by") {
			t.Errorf("at %s old the report still asks to tell the ICO by a time gone by", age)
		}
	}
}
