package export

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors/demo"
)

// testNow is fixed so that due dates and the demo company's story do not move.
var testNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// demoAudit builds the demo company's audit the way the command line does.
func demoAudit(t testing.TB) *checklist.Audit {
	t.Helper()
	inv, err := demo.New(testNow).Fetch(context.Background(), nil)
	if err != nil {
		t.Fatalf("demo inventory: %v", err)
	}
	a := checklist.NewAudit(checklist.Builtin(), demo.SiteName, inv.Inventory, demo.Answers(testNow), testNow)
	a.Demo = true
	return a
}

func renderPDF(t testing.TB, a *checklist.Audit, opts Options) []byte {
	t.Helper()
	if opts.Generated.IsZero() {
		opts.Generated = testNow
	}
	var buf bytes.Buffer
	if err := WritePDF(&buf, a, opts); err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	return buf.Bytes()
}
