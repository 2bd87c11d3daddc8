package yeastar

import (
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkFetch10k reads 10,000 extensions, their 10,000 voicemail PINs (one
// request each, at most eight in flight) and 10,000 phones from the fake on
// loopback. MB-live is the largest heap still in use after a fetch, collected.
func BenchmarkFetch10k(b *testing.B) {
	f, srv := newFakeYeastar(b)
	for i := 0; i < 10_000; i++ {
		f.exts = append(f.exts, fakeExt{id: i + 1, number: fmt.Sprint(10_000 + i), name: fmt.Sprintf("User %d", i),
			email: fmt.Sprintf("u%d@example.co.uk", i), pinB64: b64(fmt.Sprintf("%06d", (i*7919)%1_000_000))})
		f.phones = append(f.phones, fakePhone{id: i + 1, mac: fmt.Sprintf("805EC0%06X", i), vendor: "Yealink", model: "SIP-T54W",
			fw: "96.86.0.100", ip: fmt.Sprintf("10.0.%d.%d", i/256, i%256), owner: fmt.Sprint(10_000 + i)})
	}
	s := newSource(b, srv.URL, f, Options{})
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		inv, err := s.Fetch(b.Context(), nil)
		if err != nil || len(inv.Extensions) != 10_000 || len(inv.Voicemail) != 10_000 || len(inv.Devices) != 10_000 {
			b.Fatalf("err %v, %d extensions, %d mailboxes, %d devices", err, len(inv.Extensions), len(inv.Voicemail), len(inv.Devices))
		}
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapAlloc)
		runtime.KeepAlive(inv)
	}
	b.ReportMetric(float64(peak)/(1<<20), "MB-live")
}
