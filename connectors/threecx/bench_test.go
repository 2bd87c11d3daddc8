package threecx

import (
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ringfence/ringfence/connectors/httpx"
	"github.com/ringfence/ringfence/connectors/threecx/xapifake"
)

// BenchmarkFetch10k reads 10,000 users (so 10,000 voicemail boxes, each PIN
// judged) and 10,000 phones from the fake XAPI over loopback TLS, in pages of
// 500. Run with: go test -bench Fetch10k -benchmem ./connectors/threecx
func BenchmarkFetch10k(b *testing.B) {
	srv, pool := serve(b, xapifake.Large(10000))
	limits := httpx.DefaultLimits()
	b.ReportAllocs()
	watchHeap(b)
	for b.Loop() {
		s, err := New(Config{URL: srv.URL, ClientID: xapifake.ClientID, Secret: xapifake.Secret, RootCAs: pool, Limits: limits})
		if err != nil {
			b.Fatal(err)
		}
		inv, err := s.Fetch(b.Context(), nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(inv.Extensions) != 10000 || len(inv.Voicemail) != 10000 || len(inv.Devices) != 10000 {
			b.Fatalf("%d users, %d mailboxes, %d phones", len(inv.Extensions), len(inv.Voicemail), len(inv.Devices))
		}
	}
}

// watchHeap samples the live heap while the benchmark runs and reports the
// highest figure seen as peak-heap-MB: the memory a fetch needs at once, which
// B/op (everything ever allocated) does not show. It includes the fake
// server, which runs in the same process.
func watchHeap(b *testing.B) *atomic.Uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				metrics.Read(sample)
				if v := sample[0].Value.Uint64(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	b.Cleanup(func() {
		close(done)
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	})
	return &peak
}
