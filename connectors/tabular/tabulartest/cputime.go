package tabulartest

import (
	"testing"
	"time"
)

// ReportCPU adds the processor time per operation since start, where it can
// be read.
func ReportCPU(b *testing.B, start time.Duration) {
	if now := CPUTime(); now > 0 {
		b.ReportMetric(float64(now-start)/float64(b.N), "cpu-ns/op")
	}
}
