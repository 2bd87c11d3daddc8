package tabular_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/connectors/tabular"
	"github.com/ringfence/ringfence/connectors/tabular/tabulartest"
)

// TestEveryGoodRowIsReadAndEveryBadLineReported generates hostile files and
// checks the reader's promise: every well-formed row is returned with its
// cells and line number, however many broken lines come before it; every
// broken line is skipped with its number; and read = used + skipped.
func TestEveryGoodRowIsReadAndEveryBadLineReported(t *testing.T) {
	t.Parallel()
	const maxLine = 2048
	gen := tabulartest.Gen{
		Header: []string{"Name", "Email", "Notes", "Number"},
		Row: func(r *rand.Rand, i int) []string {
			name := tabulartest.Names[r.IntN(len(tabulartest.Names))]
			notes := []string{"", "left, then came back", `said "hi"`, "line one\nline two", "  padded ", "£5 ; ok | fine\ttab"}[r.IntN(6)]
			return []string{fmt.Sprintf("%s %d", name, i), fmt.Sprintf("p%d@example.co.uk", i), notes, fmt.Sprint(r.IntN(1000))}
		},
		Rows: 120, MaxLine: maxLine, Bad: 0.25, Long: true, Multiline: true,
	}
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 99))
		f := gen.Write(r)
		name := fmt.Sprintf("seed %d (%s, %q)", seed, f.Encoding, f.Delimiter)
		rd, err := tabular.NewReader(bytes.NewReader(f.Bytes), "gen.csv", tabular.Options{MaxLine: maxLine})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if rd.Delimiter() != f.Delimiter {
			t.Fatalf("%s: separator %q chosen", name, rd.Delimiter())
		}
		var got []tabulartest.Line
		for {
			rec, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if rec.Line == f.Header.Num {
				rd.Header(rec)
				continue
			}
			got = append(got, tabulartest.Line{Num: rec.Line, Span: rec.Lines, Kind: tabulartest.Good, Cells: slices.Clone(rec.Fields)})
			rd.Use(rec)
		}
		rep := rd.Report()
		if seed < 5 {
			t.Logf("%s: %s, %d listed, encoding %s", name, rep.Summary(), len(rep.Skips), rep.Encoding)
		}
		good, bad := f.Count()
		if !rep.Balanced() || rep.Read != good+bad || rep.Used != good || rep.Skipped != bad {
			t.Fatalf("%s: %s; the file has %d good and %d broken lines", name, rep.Summary(), good, bad)
		}
		var want []tabulartest.Line
		var wantSkips []int
		for _, l := range f.Lines {
			if l.Kind == tabulartest.Good {
				want = append(want, l)
			} else {
				wantSkips = append(wantSkips, l.Num)
			}
		}
		for i := range max(len(want), len(got)) {
			if i >= len(want) || i >= len(got) || got[i].Num != want[i].Num || got[i].Span != want[i].Span || !slices.Equal(got[i].Cells, want[i].Cells) {
				t.Fatalf("%s: row %d: got %+v, want %+v", name, i, at(got, i), at(want, i))
			}
		}
		var skips []int
		for _, s := range rep.Skips {
			skips = append(skips, s.Line)
			if s.Reason == "" {
				t.Fatalf("%s: line %d skipped without a reason", name, s.Line)
			}
		}
		slices.Sort(skips)
		if !slices.Equal(skips, wantSkips) {
			t.Fatalf("%s: skipped lines %v, want %v\n%v", name, skips, wantSkips, rep.Skips)
		}
	}
}

func at(l []tabulartest.Line, i int) any {
	if i < len(l) {
		return l[i]
	}
	return "nothing"
}

var _ = strings.Contains
