package csvinv

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
)

// inventorySheet builds a spreadsheet of n phones, one extension each, with a
// user agent on every tenth row so the parser's fallback is part of the cost.
func inventorySheet(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Vendor,Model,Firmware,MAC,IP,Extension,Owner,E-mail,User agent,Type,Last seen\n")
	for i := 0; i < n; i++ {
		mac := fmt.Sprintf("80:5E:C0:%02X:%02X:%02X", i>>16&0xFF, i>>8&0xFF, i&0xFF)
		ip := fmt.Sprintf("10.%d.%d.%d", i>>16&0xFF, i>>8&0xFF, i&0xFF)
		if i%10 == 0 {
			fmt.Fprintf(&b, ",,,%s,%s,%d,Person %d,p%d@example.co.uk,Yealink SIP-T46S 66.86.0.15,,2025-05-%02d\n", mac, ip, 100000+i, i, i, 1+i%28)
			continue
		}
		fmt.Fprintf(&b, "Yealink,SIP-T54W,96.86.0.100,%s,%s,%d,Person %d,p%d@example.co.uk,,desk phone,2025-05-%02d\n", mac, ip, 100000+i, i, i, 1+i%28)
	}
	return b.Bytes()
}

// BenchmarkRead100k imports a 100,000-row inventory.
func BenchmarkRead100k(b *testing.B) {
	data := inventorySheet(100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	var live uint64
	for b.Loop() {
		inv, problems, err := Read(bytes.NewReader(data), "big.csv")
		if err != nil || len(problems) != 0 || len(inv.Devices) != 100_000 || len(inv.Extensions) != 100_000 {
			b.Fatalf("err %v, %d problems, %d devices", err, len(problems), len(inv.Devices))
		}
		live = max(live, liveHeap()-before(data))
		runtime.KeepAlive(inv)
	}
	b.ReportMetric(float64(live)/(1<<20), "MB-kept")
}

// liveHeap is the heap still in use after a collection: what an import costs
// to keep, as opposed to the garbage it made on the way.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// before is the size of the benchmark's own input, which is live throughout.
func before(data []byte) uint64 { return uint64(len(data)) }
