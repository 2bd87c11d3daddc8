package cdr

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/callscan"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors/tabular"
	"github.com/ringfence/ringfence/connectors/tabular/tabulartest"
)

// TestTwoGigabytesStreamInBoundedMemory streams about 2 GB of Master.csv
// and at least ten million rows, generated on the fly and never written to disk,
// through the reader and the fraud analysis, sampling the heap as it goes.
// It takes a minute or so on two cores, so it runs only when
// RINGFENCE_BIG_CDR=1 is set.
func TestTwoGigabytesStreamInBoundedMemory(t *testing.T) {
	// Not parallel: it measures the whole process's heap.
	if os.Getenv("RINGFENCE_BIG_CDR") == "" {
		t.Skip("set RINGFENCE_BIG_CDR=1 to stream a 2 GB call record file through the analysis")
	}
	const size = 2 << 30
	gen := newMasterGen(10_000_000, size)
	a := callscan.New(callscan.Config{AllowedCountries: []string{"33"}})
	var peakHeap, peakSys uint64
	var ms runtime.MemStats
	n := 0
	st, rows, err := Scan(gen, "big.csv", Layout{}, func(c inventory.Call) error {
		a.Add(c)
		if n++; n%(1<<20) == 0 {
			runtime.ReadMemStats(&ms)
			peakHeap, peakSys = max(peakHeap, ms.HeapInuse), max(peakSys, ms.Sys)
		}
		return nil
	})
	if err != nil || len(rows) != 0 {
		t.Fatalf("Scan: %v %v", err, rows)
	}
	incs := a.Incidents()
	runtime.ReadMemStats(&ms)
	peakHeap, peakSys = max(peakHeap, ms.HeapInuse), max(peakSys, ms.Sys)
	t.Logf("%d bytes, %d rows, %d calls, %d incidents; peak heap in use %.1f MB, peak memory from the OS %.1f MB",
		gen.written, st.Rows, st.Calls, len(incs), float64(peakHeap)/(1<<20), float64(peakSys)/(1<<20))
	if gen.written < size || st.Calls != gen.rows {
		t.Errorf("read %d of %d rows", st.Calls, gen.rows)
	}
	if peakSys > 150<<20 {
		t.Errorf("memory from the OS peaked at %.1f MB, over the 150 MB bound", float64(peakSys)/(1<<20))
	}
	for _, inc := range incs {
		t.Errorf("the generated file is clean, yet: %s", inc.Explanation)
	}
}

// writeMaster generates a Master.csv of n rows in dir.
func writeMaster(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "Master.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(f, newMasterGen(n, 0)); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkBareCSVRead1M is the yardstick: a plain encoding/csv loop over a
// 1,000,000-row Master.csv that does nothing with the rows.
func BenchmarkBareCSVRead1M(b *testing.B) {
	path := writeMaster(b, 1_000_000)
	b.ResetTimer()
	cpu := tabulartest.CPUTime()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		cr := csv.NewReader(bufio.NewReaderSize(f, 256<<10))
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		rows := 0
		for {
			_, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows++
		}
		f.Close()
		if rows != 1_000_000 {
			b.Fatalf("%d rows", rows)
		}
	}
	tabulartest.ReportCPU(b, cpu)
}

// BenchmarkScanAnalyse1M reads the same file and runs the fraud analysis on
// every call, as `ringfence cdr` does.
func BenchmarkScanAnalyse1M(b *testing.B) {
	path := writeMaster(b, 1_000_000)
	b.ResetTimer()
	cpu := tabulartest.CPUTime()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		a := callscan.New(callscan.Config{AllowedCountries: []string{"33"}})
		st, _, err := Scan(f, "Master.csv", Layout{}, func(c inventory.Call) error { a.Add(c); return nil })
		f.Close()
		if err != nil || st.Calls != 1_000_000 {
			b.Fatalf("%v %+v", err, st)
		}
		_ = a.Incidents()
	}
	tabulartest.ReportCPU(b, cpu)
}

// BenchmarkScanAnalyseConcurrently1M is BenchmarkScanAnalyse1M with reading and
// analysis overlapping, as `ringfence cdr` runs them.
func BenchmarkScanAnalyseConcurrently1M(b *testing.B) {
	path := writeMaster(b, 1_000_000)
	b.ResetTimer()
	cpu := tabulartest.CPUTime()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		a := callscan.New(callscan.Config{AllowedCountries: []string{"33"}})
		st, _, err := ScanConcurrently(f, "Master.csv", Layout{}, func(c inventory.Call) error { a.Add(c); return nil })
		f.Close()
		if err != nil || st.Calls != 1_000_000 {
			b.Fatalf("%v %+v", err, st)
		}
		_ = a.Incidents()
	}
	tabulartest.ReportCPU(b, cpu)
}

// BenchmarkReaderRead1M is the yardstick's loop on Ringfence's own reader:
// the same file split into rows, with every line accounted for.
func BenchmarkReaderRead1M(b *testing.B) {
	path := writeMaster(b, 1_000_000)
	b.ResetTimer()
	cpu := tabulartest.CPUTime()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		tr, err := tabular.NewReader(f, "Master.csv", tabular.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rows := 0
		for {
			rec, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			tr.Use(rec)
			rows++
		}
		f.Close()
		if rows != 1_000_000 {
			b.Fatalf("%d rows", rows)
		}
	}
	tabulartest.ReportCPU(b, cpu)
}

// BenchmarkSingleLine300MB reads a call-record file whose second line is
// 300 MB of digits and commas with no line end, the shape that used to exhaust
// memory, and reports the peak heap and the peak memory taken from the OS
// while it was read. The file is written to a temporary folder and removed.
func BenchmarkSingleLine300MB(b *testing.B) {
	path := filepath.Join(b.TempDir(), "one-line.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("calldate,src,dst,billsec\n2026-03-05 10:00:00,101,01614960000,60\n")
	chunk := bytes.Repeat([]byte("0161496,"), 8192)
	for written := 0; written < 300<<20; written += len(chunk) {
		w.Write(chunk)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	b.ResetTimer()
	var peakHeap, peakSys, alloc uint64
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		stop := make(chan struct{})
		sampled := make(chan [2]uint64)
		go func() {
			var ms runtime.MemStats
			var heap, sys uint64
			tick := time.NewTicker(2 * time.Millisecond)
			defer tick.Stop()
			for {
				runtime.ReadMemStats(&ms)
				heap, sys = max(heap, ms.HeapInuse), max(sys, ms.Sys)
				select {
				case <-stop:
					sampled <- [2]uint64{heap, sys}
					return
				case <-tick.C:
				}
			}
		}()
		in, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		st, rows, err := Scan(in, "one-line.csv", Layout{}, func(inventory.Call) error { return nil })
		in.Close()
		close(stop)
		peak := <-sampled
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if err != nil || st.Calls != 1 || st.Rejected != 1 || len(rows) != 1 || rows[0].Line != 3 {
			b.Fatalf("%v %+v %v", err, st, rows)
		}
		peakHeap, peakSys = max(peakHeap, peak[0]), max(peakSys, peak[1])
		alloc = max(alloc, after.TotalAlloc-before.TotalAlloc)
	}
	b.ReportMetric(float64(peakHeap)/(1<<20), "MB-peak-heap")
	b.ReportMetric(float64(peakSys)/(1<<20), "MB-peak-from-OS")
	b.ReportMetric(float64(alloc)/(1<<20), "MB-allocated")
}
