package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/export"
)

// A question-only check is data: a catalogue entry and the demo's answer.
// This adds one to a copy of the catalogue and follows it through every part
// of the product that counts, scores, ranks or prints checks, so that nothing
// else has to be edited when a real one is added.
func TestAQuestionOnlyCheckNeedsNoOtherEdits(t *testing.T) {
	t.Parallel()
	base := checklist.Builtin()
	yaml, err := os.ReadFile(filepath.Join("checklist", "catalogue.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// The next free ID in the last area, so that its range in the README moves.
	area := checklist.Domains[len(checklist.Domains)-1]
	inArea := base.InDomain(area)
	prefix, last, _ := strings.Cut(inArea[len(inArea)-1].ID, "-")
	var n int
	fmt.Sscan(strings.TrimLeft(last, "0"), &n)
	id := fmt.Sprintf("%s-%02d", prefix, n+1)
	const title = "You rehearse a toll-fraud drill every year"
	const action = "Rehearse what to do when the phone bill spikes overnight"
	entry := fmt.Sprintf(`
  - id: %s
    domain: %s
    title: %s
    action: %s
    why: A drill shows who to call before the first night of fraud costs thousands.
    fix:
      - Pick a date and walk through the runbook with whoever answers the phones.
    severity: critical
    effort: minutes
    refs:
      iso27001: "5.24 Information security incident management planning and preparation"
      source: https://www.ncsc.gov.uk/collection/small-business-guide
    question:
      prompt: Have you rehearsed a toll-fraud drill in the last year?
      options:
        - {value: "yes", label: "Yes", status: pass}
        - {value: "no", label: "No", status: fail}
`, id, area, title, action)
	cat, err := checklist.LoadCatalogue(append(append([]byte{}, yaml...), entry...))
	if err != nil {
		t.Fatalf("the catalogue with %s added: %v", id, err)
	}
	if len(cat.Checks) != len(base.Checks)+1 {
		t.Fatalf("%d checks, want %d", len(cat.Checks), len(base.Checks)+1)
	}

	ctx := context.Background()
	before, err := demoAudit(ctx, base, fixedNow, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The demo's answer, as connectors/demo/answers.yaml would give it.
	a, err := demoAudit(ctx, cat, fixedNow, checklist.Answers{id: {Value: "no", At: fixedNow}})
	if err != nil {
		t.Fatal(err)
	}

	// Evaluation: one more result, failing on the answer.
	if len(a.Results) != len(cat.Checks) {
		t.Errorf("%d results for %d checks", len(a.Results), len(cat.Checks))
	}
	i := slices.IndexFunc(a.Results, func(r checklist.Result) bool { return r.CheckID == id })
	if i < 0 || a.Results[i].Status != checklist.StatusFail || a.Results[i].Basis != checklist.FromAnswer {
		t.Fatalf("%s was not judged from its answer: %+v", id, a.Results)
	}
	// Scoring: the failure weighs in its area and overall.
	sb, sa := checklist.Score(before.Results), checklist.Score(a.Results)
	if sa.Counts.Fail != sb.Counts.Fail+1 || sa.Overall > sb.Overall {
		t.Errorf("overall score %d with %d failures before, %d with %d after", sb.Overall, sb.Counts.Fail, sa.Overall, sa.Counts.Fail)
	}
	if len(sa.Domains) != len(checklist.Domains) {
		t.Errorf("%d areas scored, want %d", len(sa.Domains), len(checklist.Domains))
	}
	for _, d := range sa.Domains {
		if d.Domain == area && d.Counts.Total() != len(cat.InDomain(area)) {
			t.Errorf("area %s counts %d checks, want %d", area, d.Counts.Total(), len(cat.InDomain(area)))
		}
	}
	// The plan: a critical quick fix is among the first actions.
	if len(a.Plan) != len(before.Plan)+1 {
		t.Errorf("%d actions, want %d", len(a.Plan), len(before.Plan)+1)
	}
	if j := slices.IndexFunc(a.Plan, func(p checklist.Action) bool { return p.CheckID == id }); j < 0 || a.Plan[j].Severity != checklist.Critical {
		t.Errorf("%s is not in the plan as a critical action", id)
	}

	// Every document names the check.
	var js bytes.Buffer
	if err := export.WriteJSON(&js, a, fixedNow); err != nil {
		t.Fatal(err)
	}
	var doc reportDoc
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	inPlan := false
	for _, p := range doc.Plan {
		inPlan = inPlan || p.Check == id
	}
	if len(doc.Results) != len(cat.Checks) || !inPlan {
		t.Errorf("JSON report: %d results, %s in the plan: %v", len(doc.Results), id, inPlan)
	}
	var md bytes.Buffer
	if err := export.WriteMarkdown(&md, a, export.Options{Catalogue: cat, Generated: fixedNow}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), id) || !strings.Contains(md.String(), action) {
		t.Errorf("Markdown does not name %s and its action", id)
	}
	var cs bytes.Buffer
	if err := export.WriteCSV(&cs, a); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cs).ReadAll()
	if err != nil || !slices.ContainsFunc(rows, func(r []string) bool { return slices.Contains(r, id) }) {
		t.Errorf("CSV has no row for %s (%v)", id, err)
	}
	var sum bytes.Buffer
	if err := export.WriteSummary(&sum, a, len(a.Plan)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sum.String(), action) {
		t.Errorf("the summary's actions leave out %s", id)
	}
	var pdf bytes.Buffer
	if err := export.WritePDF(&pdf, a, export.Options{Catalogue: cat, Generated: fixedNow}); err != nil {
		t.Fatal(err)
	}
	if text, ok := pdfToText(t, pdf.Bytes()); ok && !strings.Contains(strings.Join(strings.Fields(text), " "), title) {
		t.Errorf("the PDF does not name %s", id)
	}

	// The README: its counts test names exactly what to change, and passes
	// once the count and the area's range are moved on.
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	if p := readmeCountProblems(readme, cat); len(p) == 0 {
		t.Errorf("the README's counts test does not notice %s", id)
	}
	readme = strings.Replace(readme, fmt.Sprintf("%d checks in", len(base.Checks)), fmt.Sprintf("%d checks in", len(cat.Checks)), 1)
	readme = strings.Replace(readme, prefix+"-01…"+last+" ", id[:len(prefix)]+"-01…"+id[len(prefix)+1:]+" ", 1)
	if p := readmeCountProblems(readme, cat); len(p) > 0 {
		t.Errorf("README updated for %s still refused: %v", id, p)
	}
}

// pdfToText reads a PDF's text with poppler's pdftotext, when it is installed.
func pdfToText(t *testing.T, pdf []byte) (string, bool) {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("RINGFENCE_REQUIRE_REAL") == "1" {
			t.Fatal("pdftotext (poppler-utils) is needed to read the PDF back")
		}
		t.Log("pdftotext (poppler-utils) is not installed: the PDF is written but not read back")
		return "", false
	}
	path := filepath.Join(t.TempDir(), "plan.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out), true
}
