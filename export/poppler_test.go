package export

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// popplerTool finds one of the poppler-utils programs. Without it the test is
// skipped, unless RINGFENCE_REQUIRE_REAL=1 (as in CI), where a missing tool must
// fail the run rather than let the PDF go unchecked.
func popplerTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("RINGFENCE_REQUIRE_REAL") == "1" {
			t.Fatalf("%s is required (RINGFENCE_REQUIRE_REAL=1) but not installed: apt-get install poppler-utils", name)
		}
		t.Skipf("%s not installed, so the PDF cannot be checked (apt-get install poppler-utils)", name)
	}
	return path
}

// savePDF puts a PDF where the poppler tools can read it.
func savePDF(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(popplerTool(t, name), args...).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, msg)
	}
	return string(out)
}

// pdfText extracts the text with every run of white space made one space, so
// that a phrase is found even where the PDF wrapped it onto two lines.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	return strings.Join(strings.Fields(runTool(t, "pdftotext", "-enc", "UTF-8", path, "-")), " ")
}

var pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

// pdfPages returns the page count, failing the test if pdfinfo cannot read the file.
func pdfPages(t *testing.T, path string) int {
	t.Helper()
	m := pagesLine.FindStringSubmatch(runTool(t, "pdfinfo", path))
	if m == nil {
		t.Fatal("pdfinfo printed no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// assertFontsEmbedded fails unless every font in the PDF is embedded, which rules
// out the PDF core fonts (never embedded, and unable to show names like Łukasz).
func assertFontsEmbedded(t *testing.T, path string) {
	t.Helper()
	out := runTool(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	for _, line := range lines[2:] {
		f := strings.Fields(line)
		// name type... encoding emb sub uni object ID: emb is the fifth field from the end.
		if len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", line)
		}
	}
}

var (
	bboxPage = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>`)
)

// assertInsidePage fails if any word is drawn outside the page's side margins or
// off its top or bottom: text that overflows a table cell or the page shows up
// here.
func assertInsidePage(t *testing.T, path string, marginPt float64) {
	t.Helper()
	out := runTool(t, "pdftotext", "-bbox", path, "-")
	pages := bboxPage.FindAllStringSubmatchIndex(out, -1)
	if len(pages) == 0 {
		t.Fatal("pdftotext -bbox found no pages")
	}
	bad := 0
	for i, p := range pages {
		width, _ := strconv.ParseFloat(out[p[2]:p[3]], 64)
		height, _ := strconv.ParseFloat(out[p[4]:p[5]], 64)
		end := len(out)
		if i+1 < len(pages) {
			end = pages[i+1][0]
		}
		for _, w := range bboxWord.FindAllStringSubmatch(out[p[1]:end], -1) {
			x0, _ := strconv.ParseFloat(w[1], 64)
			y0, _ := strconv.ParseFloat(w[2], 64)
			x1, _ := strconv.ParseFloat(w[3], 64)
			y1, _ := strconv.ParseFloat(w[4], 64)
			if x0 < marginPt-1 || x1 > width-marginPt+1 || y0 < 0 || y1 > height {
				if bad++; bad <= 5 {
					t.Errorf("page %d: %q at x %.0f–%.0f, y %.0f–%.0f is outside the text area", i+1, w[5], x0, x1, y0, y1)
				}
			}
		}
	}
	if bad > 5 {
		t.Errorf("%d words outside the text area in all", bad)
	}
}
