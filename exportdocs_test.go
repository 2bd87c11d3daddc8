package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/export"
	"github.com/ringfence/ringfence/export/exporttest"
)

// What `ringfence audit --pdf --json --csv --md --paper letter --logo` writes
// for an audit is the same as what the app's export writes for it: both are
// compared with the one set of expected documents.
func TestAuditFlagsWriteTheSharedDocuments(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := outputs{
		pdf: filepath.Join(dir, "plan.pdf"), json: filepath.Join(dir, "report.json"),
		csv: filepath.Join(dir, "plan.csv"), md: filepath.Join(dir, "report.md"),
		paper: exporttest.Paper, logo: exporttest.Logo(),
	}
	var stdout bytes.Buffer
	e := env{stdout: &stdout, stderr: &stdout, now: func() time.Time { return exporttest.Clock }}
	if err := out.check(e); err != nil {
		t.Fatalf("check: %v", err)
	}
	if err := out.write(context.Background(), exporttest.Audit(t), nil, checklist.Builtin(), e); err != nil {
		t.Fatalf("write: %v", err)
	}
	for _, want := range []string{"PDF action plan written to " + out.pdf, "JSON report written to " + out.json} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("the command line did not say %q:\n%s", want, stdout.String())
		}
	}
	exporttest.Compare(t, map[export.Format]string{export.FormatPDF: out.pdf, export.FormatJSON: out.json, export.FormatCSV: out.csv, export.FormatMarkdown: out.md})
}
