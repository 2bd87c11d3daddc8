// Package exporttest holds what the command line's and the app's tests share to
// prove they export the same documents: one audit, one clock, and the expected
// documents in export/testdata/frontends, which the export package's own test
// writes from export.Write when RINGFENCE_UPDATE_DOCS=1 is set.
package exporttest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors/demo"
	"github.com/ringfence/ringfence/export"
)

// The audit is the demo company's, started at Started and last changed at
// Changed; the front ends export it with their clocks at Clock, later still, so
// a document that took the clock's time instead of the audit's would differ.
var (
	Started = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	Changed = Started.Add(30 * time.Minute)
	Clock   = Started.Add(3 * time.Hour)
)

// Paper is the paper size the expected PDF is printed on; not the default, so
// that a front end which drops it is caught.
const Paper = "letter"

// Audit builds the audit every front end exports.
func Audit(t testing.TB) *checklist.Audit {
	t.Helper()
	inv, err := demo.New(Started).Fetch(context.Background(), nil)
	if err != nil {
		t.Fatalf("demo inventory: %v", err)
	}
	cat := checklist.Builtin()
	a := checklist.NewAudit(cat, demo.SiteName, inv.Inventory, demo.Answers(Started), Started)
	a.Demo = true
	a.Recompute(cat, Changed)
	return a
}

// Dir is the folder of expected documents.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", "frontends")
}

// Logo is the logo the expected PDF carries.
func Logo() string { return filepath.Join(Dir(), "logo.png") }

// Update reports whether the expected documents are being rewritten.
func Update() bool { return os.Getenv("RINGFENCE_UPDATE_DOCS") == "1" }

// pdfText is the PDF's words as pdftotext reads them, a line at a time, or "" with ok false when
// poppler is not installed.
func pdfText(t testing.TB, path string) (text string, ok bool) {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("RINGFENCE_REQUIRE_REAL") == "1" {
			t.Fatalf("pdftotext is required (RINGFENCE_REQUIRE_REAL=1) but not installed: apt-get install poppler-utils")
		}
		return "", false
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	// Spacing and blank lines are left out, since versions of poppler lay
	// text out a little differently; the words and their order are compared.
	var lines []string
	for line := range strings.Lines(string(out)) {
		if words := strings.Fields(line); len(words) > 0 {
			lines = append(lines, strings.Join(words, " "))
		}
	}
	return strings.Join(lines, "\n") + "\n", true
}

// Compare checks the documents at paths against the expected ones: JSON, CSV
// and Markdown byte for byte; the PDF by its text, its paper size and its logo.
// The PDF is skipped, saying why, when poppler is not installed.
func Compare(t testing.TB, paths map[export.Format]string) {
	t.Helper()
	pdfSkipped := false
	for _, f := range export.Formats() {
		path, ok := paths[f]
		if !ok {
			t.Errorf("no %s was written", f.Name())
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("the %s: %v", f.Name(), err)
			continue
		}
		want := filepath.Join(Dir(), "report."+string(f))
		if f == export.FormatPDF {
			text, ok := pdfText(t, path)
			if !ok {
				pdfSkipped = true
				continue
			}
			got, want = []byte(text), want+".txt"
			// The logo is the document's only image, and US Letter is 612 by
			// 792 points.
			if pdf, _ := os.ReadFile(path); !bytes.Contains(pdf, []byte("/Subtype /Image")) ||
				!bytes.Contains(pdf, []byte("612.00 792.00")) {
				t.Errorf("the PDF %s lacks the logo or is not on US Letter paper", path)
			}
		}
		if Update() {
			if err := os.WriteFile(want, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		wantData, err := os.ReadFile(want)
		if err != nil {
			t.Fatalf("%v (set RINGFENCE_UPDATE_DOCS=1 and run the export package's tests to write it)", err)
		}
		if !bytes.Equal(got, wantData) {
			t.Errorf("the %s differs from %s:\n%s", f.Name(), want, firstDifference(string(got), string(wantData)))
		}
	}
	if pdfSkipped {
		t.Skip("pdftotext is not installed, so the PDF's text was not compared (apt-get install poppler-utils)")
	}
}

// firstDifference shows the first line that differs, so a failure says what.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got:  " + g[i] + "\n want: " + w[i]
		}
	}
	return "one is longer: " + strconv.Itoa(len(g)) + " lines against " + strconv.Itoa(len(w))
}
