package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist/safetext/hostile"
)

// TestIncidentReportToAMissingFolderSaysSo writes the incident report into a
// folder that does not exist, as a mistyped folder in the app does: the
// error names the folder and says to create it or choose another, instead of
// sending the owner to check the free space, and nothing is left behind.
func TestIncidentReportToAMissingFolderSaysSo(t *testing.T) {
	t.Parallel()
	site, inc := sampleIncident(hostile.Safe)
	base := t.TempDir()
	missing := filepath.Join(base, "Reports", "Acme")
	for _, name := range []string{"incident.pdf", "incident.json"} {
		err := WriteIncident(t.Context(), site, inc, IncidentRequest{Path: filepath.Join(missing, name), Now: testNow})
		if err == nil {
			t.Fatalf("%s: written into a folder that does not exist", name)
		}
		msg := err.Error()
		if !strings.Contains(msg, missing) || !strings.Contains(msg, "does not exist") || strings.Contains(msg, "free space") {
			t.Errorf("%s: the error does not say the folder is missing: %s", name, msg)
		}
	}
	if entries, _ := os.ReadDir(base); len(entries) != 0 {
		t.Errorf("a failed write left %d files behind", len(entries))
	}
}
