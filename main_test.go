package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

var fixedNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

type result struct {
	code           int
	stdout, stderr string
}

// ringfence runs the command line in-process with a fixed clock and a private
// data folder, as a user would run the binary.
func ringfence(t *testing.T, dataDir string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, env{
		stdout: &out, stderr: &errOut,
		now: func() time.Time { return fixedNow },
		// The data folder is the test's own, not the process's.
		getenv: func(name string) string {
			if name == "RINGFENCE_HOME" {
				return dataDir
			}
			return os.Getenv(name)
		},
		// Tests run without a terminal, as scripts and CI do.
		interactive: func() bool { return false },
	})
	return result{code, out.String(), errOut.String()}
}

func TestHelpAndVersion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if r := ringfence(t, dir, "--version"); r.code != exitOK || !strings.HasPrefix(r.stdout, "ringfence ") {
		t.Errorf("--version: %+v", r)
	}
	if r := ringfence(t, dir, "--help"); r.code != exitOK || !strings.Contains(strings.ToLower(r.stdout), "commands") || !strings.Contains(r.stdout, "completion") {
		t.Errorf("--help: %+v", r)
	}
	for _, c := range newRoot(&app{}).Commands() {
		r := ringfence(t, dir, c.Name(), "--help")
		if r.code != exitOK || !strings.Contains(r.stdout, "ringfence "+c.Name()) {
			t.Errorf("%s --help: code %d, output %q", c.Name(), r.code, r.stdout)
		}
	}
	if r := ringfence(t, dir, "sites", "add", "--help"); r.code != exitOK || !strings.Contains(r.stdout, "ringfence sites add") {
		t.Errorf("sites add --help: %+v", r)
	}
}

func TestBadUsageExitsTwo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, args := range [][]string{
		{"frobnicate"},
		{"audit"},
		{"audit", "--demo", "--site", "x"},
		{"audit", "--demo", "--fail-on", "severe"},
		{"audit", "--demo", "--no-such-flag"},
		{"checks", "extra"},
		{"sites", "add"},
	} {
		r := ringfence(t, dir, args...)
		if r.code != exitUsage {
			t.Errorf("%v: exit %d, want %d (stderr %q)", args, r.code, exitUsage, r.stderr)
		}
		if !strings.Contains(r.stderr, "ringfence --help") {
			t.Errorf("%v: a usage error should point at --help: %q", args, r.stderr)
		}
	}
}

func TestDemoSummary(t *testing.T) {
	t.Parallel()
	r := ringfence(t, t.TempDir(), "demo")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"Overall score:", "Voicemail PINs", "Do these first", "LV-06"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, r.stdout)
		}
	}
}

// reportDoc is the public JSON shape the README documents.
type reportDoc struct {
	Schema    int       `json:"schema"`
	Site      string    `json:"site"`
	Generated time.Time `json:"generated"`
	Score     struct {
		Overall int `json:"overall"`
		Domains []struct {
			Domain string `json:"domain"`
			Score  int    `json:"score"`
		} `json:"domains"`
	} `json:"score"`
	Results []struct {
		ID, Domain, Title, Status, Severity, Evidence string
		Affected                                      []json.RawMessage
	} `json:"results"`
	Plan []struct {
		Rank                                 int
		Check, Action, Severity, Effort, Due string
	} `json:"plan"`
}

func TestAuditDemoJSONToStdout(t *testing.T) {
	t.Parallel()
	r := ringfence(t, t.TempDir(), "audit", "--demo", "--json", "-")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var doc reportDoc
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("stdout is not the JSON report: %v", err)
	}
	if doc.Schema != 1 || doc.Site == "" || !doc.Generated.Equal(fixedNow) {
		t.Errorf("header: schema %d site %q generated %v", doc.Schema, doc.Site, doc.Generated)
	}
	if len(doc.Score.Domains) != len(checklist.Domains) || len(doc.Results) != len(checklist.Builtin().Checks) || len(doc.Plan) == 0 {
		t.Errorf("%d domains, %d results, %d plan steps", len(doc.Score.Domains), len(doc.Results), len(doc.Plan))
	}
	failed := map[string]bool{}
	for _, res := range doc.Results {
		if res.Status == "fail" {
			failed[res.ID] = true
		}
	}
	for i, p := range doc.Plan {
		if p.Rank != i+1 || !failed[p.Check] || p.Action == "" || p.Due == "" {
			t.Errorf("plan step %d: %+v", i, p)
		}
	}
	// The planted story must show: the leaver's calls, PINs equal to the extension,
	// open international dialling, an admin without MFA, old firmware, an EOL phone.
	for _, id := range []string{"LV-06", "LV-03", "PIN-01", "PIN-06", "TF-01", "MFA-01", "FW-01", "EP-03"} {
		if !failed[id] {
			t.Errorf("the demo should fail %s", id)
		}
	}
}

func TestFailOnSetsExitCode(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if r := ringfence(t, dir, "audit", "--demo", "--fail-on", "critical"); r.code != exitFindings {
		t.Errorf("demo has critical failures: exit %d", r.code)
	}
	if r := ringfence(t, dir, "audit", "--demo", "--fail-on", "none"); r.code != exitOK {
		t.Errorf("--fail-on none: exit %d", r.code)
	}
	// An answers-only site where everything passes has nothing to fail on.
	if r := ringfence(t, dir, "sites", "add", "Quiet Ltd"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	answers := writeAllAnswers(t, dir)
	if r := ringfence(t, dir, "audit", "--site", "Quiet Ltd", "--answers", answers, "--fail-on", "low"); r.code != exitOK {
		t.Errorf("nothing failing: exit %d: %s", r.code, r.stderr)
	}
}

// writeAllAnswers answers every question with its first passing option.
func writeAllAnswers(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("schema: 1\nanswers:\n")
	for _, ch := range checklist.Builtin().Checks {
		if ch.Question == nil {
			continue
		}
		for _, o := range ch.Question.Options {
			if o.Status == checklist.StatusPass {
				b.WriteString("  " + ch.ID + ": \"" + o.Value + "\"\n")
				break
			}
		}
	}
	path := filepath.Join(dir, "answers.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBadAnswersFileNamesFileAndLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "answers.yaml")
	os.WriteFile(path, []byte("schema: 1\nanswers:\n  EP-04: \"yes\"\n  EP-99: \"yes\"\n  PIN-04: perhaps\n"), 0o600)
	r := ringfence(t, dir, "audit", "--demo", "--answers", path)
	if r.code != exitError {
		t.Fatalf("exit %d, want %d", r.code, exitError)
	}
	for _, want := range []string{path + " line 4: EP-99: no such check", path + " line 5: PIN-04:", `"perhaps" is not an answer`} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if r.stdout != "" {
		t.Errorf("nothing should be printed as a result: %q", r.stdout)
	}
}

func TestSiteAuditSavesAndCarriesAnswersOver(t *testing.T) {
	dir := t.TempDir()
	if r := ringfence(t, dir, "sites", "add", "Zoë's Café", "--contact", "Zoë"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	if r := ringfence(t, dir, "sites", "add", "zoë's café"); r.code != exitError || !strings.Contains(r.stderr, "already") {
		t.Errorf("a duplicate site name must be refused: %+v", r)
	}
	first := filepath.Join(dir, "first.yaml")
	os.WriteFile(first, []byte("answers:\n  POL-01: \"no\"\n  NW-04: {value: not_applicable, reason: softphones only}\n"), 0o600)
	if r := ringfence(t, dir, "audit", "--site", "Zoë's Café", "--answers", first, "--auditor", "Łukasz"); r.code != exitOK {
		t.Fatalf("first audit: %s", r.stderr)
	}

	// A second visit a week later answers one more question; the first answers stay.
	fixedNow = fixedNow.Add(7 * 24 * time.Hour)
	t.Cleanup(func() { fixedNow = fixedNow.Add(-7 * 24 * time.Hour) })
	second := filepath.Join(dir, "second.yaml")
	os.WriteFile(second, []byte("answers:\n  BR-01: \"yes\"\n"), 0o600)
	r := ringfence(t, dir, "audit", "--site", "Zoë's Café", "--answers", second, "--json", "-")
	if r.code != exitOK {
		t.Fatalf("second audit: %s", r.stderr)
	}
	var doc reportDoc
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, res := range doc.Results {
		status[res.ID] = res.Status
	}
	if status["POL-01"] != "fail" || status["NW-04"] != "n/a" || status["BR-01"] != "pass" {
		t.Errorf("answers not carried over: POL-01 %s, NW-04 %s, BR-01 %s", status["POL-01"], status["NW-04"], status["BR-01"])
	}
	if status["TF-01"] != "unknown" {
		t.Errorf("with no API and no answer, TF-01 must be unknown, got %s", status["TF-01"])
	}

	store, _ := sitestore.OpenStore(dir)
	refs, err := store.Audits("Zoë's Café")
	if err != nil || len(refs) != 2 {
		t.Fatalf("saved audits: %v %v", refs, err)
	}
	if runtime.GOOS != "windows" {
		info, _ := os.Stat(refs[1].Path)
		if info.Mode().Perm() != 0o600 {
			t.Errorf("audit file mode %v", info.Mode().Perm())
		}
	}
	// A third visit fixes POL-01: the summary says what changed since last time.
	fixedNow = fixedNow.Add(time.Hour)
	t.Cleanup(func() { fixedNow = fixedNow.Add(-time.Hour) })
	third := filepath.Join(dir, "third.yaml")
	os.WriteFile(third, []byte("answers:\n  POL-01: \"yes\"\n"), 0o600)
	r = ringfence(t, dir, "audit", "--site", "Zoë's Café", "--answers", third)
	if r.code != exitOK || !strings.Contains(r.stdout, "Since the last audit:") || !strings.Contains(r.stdout, "Fixed      POL-01") {
		t.Errorf("third audit should report POL-01 fixed:\n%s%s", r.stdout, r.stderr)
	}
	if refs, _ := store.Audits("Zoë's Café"); len(refs) != 3 {
		t.Errorf("%d saved audits after three visits", len(refs))
	}

	r = ringfence(t, dir, "sites")
	if r.code != exitOK || !strings.Contains(r.stdout, "Zoë's Café") || !strings.Contains(r.stdout, "29 Nov 2026") {
		t.Errorf("sites list: %+v", r)
	}
}

func TestCorruptSaveIsRefusedAndLeftAlone(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ringfence(t, dir, "sites", "add", "Acme")
	if r := ringfence(t, dir, "audit", "--site", "Acme"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	store, _ := sitestore.OpenStore(dir)
	refs, _ := store.Audits("Acme")
	damaged := []byte(`{"schema": 1, "site": "Acme", "results": [`)
	os.WriteFile(refs[0].Path, damaged, 0o600)

	r := ringfence(t, dir, "audit", "--site", "Acme")
	if r.code != exitError || !strings.Contains(r.stderr, refs[0].Path) || !strings.Contains(r.stderr, "damaged") {
		t.Errorf("got %+v", r)
	}
	if got, _ := os.ReadFile(refs[0].Path); !bytes.Equal(got, damaged) {
		t.Error("the damaged file was changed")
	}
}

func TestDemoIsNeverSaved(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if r := ringfence(t, dir, "audit", "--demo"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() == "sites" {
			sub, _ := os.ReadDir(filepath.Join(dir, "sites"))
			if len(sub) > 0 {
				t.Errorf("the demo audit left a site behind: %v", sub)
			}
		}
	}
}

func TestJSONReportFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	r := ringfence(t, dir, "audit", "--demo", "--json", out)
	if r.code != exitOK || !strings.Contains(r.stdout, "JSON report written to "+out) {
		t.Fatalf("%+v", r)
	}
	data, err := os.ReadFile(out)
	if err != nil || !json.Valid(data) {
		t.Fatalf("report file: %v", err)
	}
	if r := ringfence(t, dir, "audit", "--demo", "--json", filepath.Join(dir, "missing", "report.json")); r.code != exitError ||
		!strings.Contains(r.stderr, "Could not write the JSON report. ") {
		t.Errorf("unwritable path: %+v", r)
	}
}

func TestChecksListing(t *testing.T) {
	t.Parallel()
	r := ringfence(t, t.TempDir(), "checks", "--json")
	var checks []struct{ ID, Domain, Title string }
	if r.code != exitOK || json.Unmarshal([]byte(r.stdout), &checks) != nil || len(checks) != len(checklist.Builtin().Checks) {
		t.Fatalf("checks --json: code %d, %d checks", r.code, len(checks))
	}
	r = ringfence(t, t.TempDir(), "checks")
	if !strings.Contains(r.stdout, "PIN-01") || !strings.Contains(r.stdout, "Voicemail PINs") {
		t.Errorf("checks: %q", r.stdout[:200])
	}
}

func TestDocumentExports(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pdf, csvFile, md := filepath.Join(dir, "plan.pdf"), filepath.Join(dir, "plan.csv"), filepath.Join(dir, "plan.md")
	r := ringfence(t, dir, "audit", "--demo", "--pdf", pdf, "--csv", csvFile, "--md", md, "--paper", "letter", "--auditor", "Siobhán")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"PDF action plan written to " + pdf, "CSV action plan written to " + csvFile, "Markdown report written to " + md} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if data, _ := os.ReadFile(pdf); !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Error("the PDF file is not a PDF")
	}
	if data, _ := os.ReadFile(csvFile); !bytes.Contains(data, []byte("MFA-01")) {
		t.Error("the CSV plan lacks MFA-01")
	}
	if r := ringfence(t, dir, "audit", "--demo", "--md", "-"); r.code != exitOK || !strings.HasPrefix(r.stdout, "# ") || strings.Contains(r.stdout, "Overall score:") {
		t.Errorf("--md - should print only the Markdown: %+v", r)
	}
}

func TestBadDocumentOptionsFailBeforeAnyWork(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notImage := filepath.Join(dir, "logo.png")
	os.WriteFile(notImage, []byte("this is not a picture"), 0o600)
	pdf := filepath.Join(dir, "plan.pdf")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--pdf", pdf, "--paper", "a5"}, exitUsage, "--paper"},
		{[]string{"--pdf", pdf, "--logo", notImage}, exitError, notImage},
		{[]string{"--logo", notImage}, exitUsage, "Add --pdf FILE as well."},
		{[]string{"--json", "-", "--md", "-"}, exitUsage, "Only one of --json and --md"},
		{[]string{"--pdf", "-"}, exitUsage, "Give --pdf a file name."},
	}
	for _, tt := range tests {
		r := ringfence(t, dir, append([]string{"audit", "--demo"}, tt.args...)...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", tt.args, r.code, r.stderr, tt.code, tt.want)
		}
	}
	if _, err := os.Stat(pdf); !os.IsNotExist(err) {
		t.Error("a refused run must not leave a PDF behind")
	}
}

func TestHomeWithoutATerminalListsSites(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := ringfence(t, dir)
	if r.code != exitOK || !strings.Contains(r.stdout, "never changes anything") || !strings.Contains(r.stdout, "No saved sites yet") {
		t.Errorf("bare ringfence: %+v", r)
	}
	if r := ringfence(t, dir, "--accessible"); r.code != exitOK {
		t.Errorf("--accessible: %+v", r)
	}
	if r := ringfence(t, dir, "--nope"); r.code != exitUsage {
		t.Errorf("--nope: %+v", r)
	}
	if r := ringfence(t, dir, "demo", "--text"); r.code != exitOK || !strings.Contains(r.stdout, "Overall score:") {
		t.Errorf("demo --text: %+v", r)
	}
}
