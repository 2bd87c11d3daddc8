package tabular

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/ringfence/ringfence/connectors/tabular/tabulartest"
)

// masterLines is an Asterisk Master.csv in memory: every cell quoted except
// the two durations, doubled quotes in the caller ID, as cdr_csv writes it.
func masterLines(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		ext := 200 + i%50
		fmt.Fprintf(&b, `"","%d","0161496%04d","from-internal","""Staff %d"" <%d>","PJSIP/%d-0000001a","PJSIP/trunk-0000001b","Dial","PJSIP/0161496%04d@trunk,300,T","2026-03-05 10:%02d:%02d","2026-03-05 10:%02d:%02d","2026-03-05 10:%02d:%02d",%d,%d,"ANSWERED","DOCUMENTATION","1772748843.%d",""`+"\n",
			ext, i%10000, ext, ext, ext, i%10000, i/60%60, i%60, i/60%60, i%60, i/60%60, i%60, 60+i%300, 55+i%300, i)
	}
	return b.Bytes()
}

// BenchmarkSplit compares the reader with a bare encoding/csv loop on the
// same bytes in memory, so only the splitting is measured.
func BenchmarkSplit(b *testing.B) {
	data := masterLines(200_000)
	b.Run("encoding-csv", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		cpu := tabulartest.CPUTime()
		defer tabulartest.ReportCPU(b, cpu)
		for b.Loop() {
			cr := csv.NewReader(bytes.NewReader(data))
			cr.FieldsPerRecord = -1
			cr.ReuseRecord = true
			for {
				if _, err := cr.Read(); errors.Is(err, io.EOF) {
					break
				} else if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("tabular", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		cpu := tabulartest.CPUTime()
		defer tabulartest.ReportCPU(b, cpu)
		for b.Loop() {
			rd, err := NewReader(bytes.NewReader(data), "m.csv", Options{})
			if err != nil {
				b.Fatal(err)
			}
			for {
				rec, err := rd.Next()
				if errors.Is(err, io.EOF) {
					break
				} else if err != nil {
					b.Fatal(err)
				}
				rd.Use(rec)
			}
			if rep := rd.Report(); rep.Skipped != 0 {
				b.Fatal(rep.Skips)
			}
		}
	})
}
