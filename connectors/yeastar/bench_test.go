package yeastar

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/ringfence/ringfence/connectors/yeastar/yeastarfake"
)

// BenchmarkFetch10k reads 10,000 extensions, their 10,000 voicemail PINs (one
// request each, at most eight in flight) and 10,000 phones from the fake on
// loopback. MB-live is the largest heap still in use after a fetch, collected.
func BenchmarkFetch10k(b *testing.B) {
	f, url := fake(b, yeastarfake.New())
	for i := 0; i < 10_000; i++ {
		f.Exts = append(f.Exts, yeastarfake.Ext{ID: i + 1, Number: fmt.Sprint(10_000 + i), Name: fmt.Sprintf("User %d", i),
			Email: fmt.Sprintf("u%d@example.co.uk", i), PINB64: yeastarfake.B64(fmt.Sprintf("%06d", (i*7919)%1_000_000))})
		f.Phones = append(f.Phones, yeastarfake.Phone{ID: i + 1, MAC: fmt.Sprintf("805EC0%06X", i), Vendor: "Yealink", Model: "SIP-T54W",
			FW: "96.86.0.100", IP: fmt.Sprintf("10.0.%d.%d", i/256, i%256), Owner: fmt.Sprint(10_000 + i)})
	}
	s := newSource(b, url, f, Options{})
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
