package freepbx

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/ringfence/ringfence/connectors/freepbx/freepbxfake"
)

// BenchmarkFetch10k reads 10,000 extensions and their 10,000 mailboxes from
// the fake on loopback, one voicemail query per mailbox with at most eight in
// flight. MB-peak is the largest live heap seen after each fetch, collected.
func BenchmarkFetch10k(b *testing.B) {
	f, url := fake(b, freepbxfake.New())
	for i := 0; i < 10_000; i++ {
		p := fmt.Sprintf("%06d", (i*7919)%1_000_000)
		f.Exts = append(f.Exts, freepbxfake.Ext{ID: fmt.Sprint(10_000 + i), Name: fmt.Sprintf("User %d", i), VM: "default", PIN: &p})
	}
	s := newSource(b, url, f, Options{})
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		inv, err := s.Fetch(b.Context(), nil)
		if err != nil || len(inv.Extensions) != 10_000 || len(inv.Voicemail) != 10_000 {
			b.Fatalf("err %v, %d extensions, %d mailboxes", err, len(inv.Extensions), len(inv.Voicemail))
		}
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapAlloc)
		runtime.KeepAlive(inv)
	}
	b.ReportMetric(float64(peak)/(1<<20), "MB-live")
}
