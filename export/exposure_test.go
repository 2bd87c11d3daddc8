package export

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// A recorded probe appears in the JSON report and in the PDF's account of how
// the audit was done, with whose view it shows.
func TestReportsSayWhoseViewAProbeShows(t *testing.T) {
	t.Parallel()
	a := demoAudit(t)
	x := inventory.Exposure{Host: "pbx.example.co.uk", Address: "192.168.1.10", PrivateAddress: true, At: testNow, From: inventory.VantageInside,
		Ports: []inventory.PortAnswer{{Port: 23, Checked: true, Open: true}}}
	a.RecordExposure(checklist.Builtin(), x, testNow)

	var doc struct {
		Inventory struct {
			Exposure *inventory.Exposure `json:"exposure"`
		} `json:"inventory"`
	}
	b, err := json.Marshal(NewReport(a, testNow))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil || doc.Inventory.Exposure == nil || doc.Inventory.Exposure.Host != x.Host {
		t.Fatalf("the JSON report lacks the probe: %v", err)
	}

	path := filepath.Join(t.TempDir(), "plan.pdf")
	if err := os.WriteFile(path, renderPDF(t, a, Options{}), 0o600); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, path)
	for _, want := range []string{"probed pbx.example.co.uk from the network", "not what the internet sees"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not say %q", want)
		}
	}

	var md bytes.Buffer
	if err := WriteMarkdown(&md, a, Options{Generated: testNow}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"probed pbx.example.co.uk from the network", "not what the internet sees"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("the Markdown does not say %q", want)
		}
	}
}
