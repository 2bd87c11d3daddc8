package cdr

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors/tabular"
	"github.com/ringfence/ringfence/connectors/tabular/tabulartest"
)

// TestHostileCallRecordsLoseNoCall writes FreePBX reports full of stray and
// unclosed quotes, lines over the limit, blank lines, in every encoding and
// separator, and checks that every good row reaches the analysis in order,
// every broken line is reported by number, and rows = calls + rejected.
func TestHostileCallRecordsLoseNoCall(t *testing.T) {
	t.Parallel()
	gen := tabulartest.Gen{
		Header: []string{"calldate", "src", "dst", "billsec", "disposition"},
		Row: func(r *rand.Rand, i int) []string {
			return []string{fmt.Sprintf("2026-03-05 %02d:%02d:%02d", 8+i/3600, i/60%60, i%60), fmt.Sprint(200 + r.IntN(50)),
				fmt.Sprintf("0161496%04d", i), fmt.Sprint(r.IntN(600)), []string{"ANSWERED", "NO ANSWER", "BUSY"}[r.IntN(3)]}
		},
		Rows: 80, MaxLine: tabular.DefaultMaxLine, LongExtra: 4096, Bad: 0.2, Long: true,
	}
	for seed := range uint64(25) {
		f := gen.Write(rand.New(rand.NewPCG(seed, 3)))
		name := fmt.Sprintf("seed %d (%s, %q)", seed, f.Encoding, f.Delimiter)
		var got []string
		st, rows, err := Scan(bytes.NewReader(f.Bytes), "calls.csv", Layout{}, func(c inventory.Call) error {
			got = append(got, c.To)
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		good, bad := f.Count()
		if st.Rows != good+bad || st.Calls != good || st.Rejected != bad || st.Rows != st.Calls+st.Rejected {
			t.Fatalf("%s: %+v; the file has %d good and %d broken lines", name, st, good, bad)
		}
		var want []string
		var wantLines, lines []int
		for _, l := range f.Lines {
			if l.Kind == tabulartest.Good {
				want = append(want, l.Cells[2])
			} else {
				wantLines = append(wantLines, l.Num)
			}
		}
		for _, r := range rows {
			lines = append(lines, r.Line)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: calls to %v, want %v", name, got, want)
		}
		if !slices.Equal(lines, wantLines) {
			t.Fatalf("%s: skipped lines %v, want %v (%v)", name, lines, wantLines, rows)
		}
	}
}
