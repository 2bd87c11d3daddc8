package cdr

import (
	"bytes"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist/callscan"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// A FreePBX report whose third row opens a quote in the caller ID and never
// closes it, followed by a 41-minute call to Latvia at night: the call must
// still reach the fraud analysis, and the bad row must be reported.
func TestAStrayQuoteDoesNotHideAFraudIncident(t *testing.T) {
	t.Parallel()
	body := "calldate,clid,src,dst,billsec,disposition\n" +
		"2026-03-05 10:00:00,\"\"\"Jo\"\" <101>\",101,01614960000,60,ANSWERED\n" +
		"2026-03-05 10:05:00,\"Reception <100>,100,01614960001,30,ANSWERED\n" +
		"2026-03-05 22:14:03,Declan <214>,214,00371678000091,2472,ANSWERED\n" +
		"2026-03-05 23:01:00,Declan <214>,214,00371678000092,2400,ANSWERED\n"
	a := callscan.New(callscan.Config{AllowedCountries: []string{"33"}})
	st, rows, err := Scan(strings.NewReader(body), "calls.csv", Layout{}, func(c inventory.Call) error { a.Add(c); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if st.Calls != 3 || len(a.Incidents()) == 0 {
		t.Errorf("stats %+v, %d incidents: the calls after the bad row were lost", st, len(a.Incidents()))
	}
	if len(rows) != 1 || rows[0].Line != 3 || !strings.Contains(rows[0].Reason, "quote") {
		t.Errorf("skipped %v, want line 3 for its quote", rows)
	}
}

// TestALongLineCostsBoundedMemory streams a 256 MB line without a newline
// between good rows and checks what the reader allocated on the way.
func TestALongLineCostsBoundedMemory(t *testing.T) {
	// Not parallel: it measures the whole process's heap.
	head := "calldate,src,dst,billsec\n2026-03-05 10:00:00,101,01614960000,60\n"
	tail := "\n2026-03-05 10:01:00,102,01614960001,61\n"
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	st, rows, err := Scan(io.MultiReader(strings.NewReader(head), &repeat{b: []byte("\"9,"), n: 256 << 20}, strings.NewReader(tail)),
		"calls.csv", Layout{}, func(inventory.Call) error { return nil })
	runtime.ReadMemStats(&m1)
	if err != nil || st.Calls != 2 || len(rows) != 1 || rows[0].Line != 3 {
		t.Errorf("err %v, stats %+v, skipped %v", err, st, rows)
	}
	if grown := m1.TotalAlloc - m0.TotalAlloc; grown > 32<<20 {
		t.Errorf("reading a 256 MB line allocated %d MB", grown>>20)
	}
}

// repeat yields b over and over until n bytes have been read.
type repeat struct {
	b       []byte
	n       int
	pattern []byte
	off     int
}

func (r *repeat) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	if r.pattern == nil {
		r.pattern = bytes.Repeat(r.b, (64<<10)/len(r.b)+1)
	}
	p = p[:min(len(p), r.n)]
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.pattern[r.off:r.off+min(len(p)-n, len(r.pattern)-r.off-len(r.b))])
		n += c
		r.off = (r.off + c) % len(r.b)
	}
	r.n -= n
	return n, nil
}

// TestAnUnclosedQuoteDoesNotSwallowTheFile opens a quote on the second line of
// a 128 MB FreePBX report and never closes it: every later row must still be
// read, and the heap must stay far below the file's size.
func TestAnUnclosedQuoteDoesNotSwallowTheFile(t *testing.T) {
	// Not parallel: it measures the whole process's heap.
	head := "calldate,clid,src,dst,billsec,disposition\n" +
		"2026-03-05 10:00:00,\"Reception <100>,100,01614960000,60,ANSWERED\n"
	row := []byte("2026-03-05 10:01:00,Jo <201>,201,01614960001,61,ANSWERED\n")
	const rows = (128 << 20) / 58
	var ms runtime.MemStats
	var peak uint64
	n := 0
	st, skipped, err := Scan(io.MultiReader(strings.NewReader(head), &repeat{b: row, n: rows * len(row)}), "calls.csv", Layout{}, func(inventory.Call) error {
		if n++; n%(1<<16) == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		return nil
	})
	if err != nil || st.Calls != rows || st.Rejected != 1 || len(skipped) != 1 || skipped[0].Line != 2 {
		t.Fatalf("err %v, stats %+v, skipped %v", err, st, skipped)
	}
	if peak > 48<<20 {
		t.Errorf("the heap reached %d MB reading a 128 MB file", peak>>20)
	}
}
