package export

import (
	"io"
	"testing"

	"github.com/ringfence/ringfence/checklist"
)

// Targets: the demo under 300 ms, a 5,000-device site under 3 s and 200 MB.

func BenchmarkPDFDemo(b *testing.B) {
	benchmarkPDF(b, demoAudit(b))
}

func BenchmarkPDFLarge(b *testing.B) {
	benchmarkPDF(b, checklist.NewAudit(checklist.Builtin(), "Big Site plc", largeInventory(5000), nil, testNow))
}

func benchmarkPDF(b *testing.B, a *checklist.Audit) {
	opts := Options{Generated: testNow}
	b.ReportAllocs()
	for b.Loop() {
		if err := WritePDF(io.Discard, a, opts); err != nil {
			b.Fatal(err)
		}
	}
}
