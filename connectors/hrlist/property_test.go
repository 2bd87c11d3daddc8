package hrlist

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ringfence/ringfence/connectors/tabular"
	"github.com/ringfence/ringfence/connectors/tabular/tabulartest"
)

// TestHostileStaffListsLoseNoPerson writes staff lists full of stray and
// unclosed quotes, lines over the limit and blank lines, in every encoding and
// separator, and checks that every good row is kept in order, every broken
// line is reported by number, and read = used + skipped.
func TestHostileStaffListsLoseNoPerson(t *testing.T) {
	t.Parallel()
	gen := tabulartest.Gen{
		Header: []string{"Name", "Email", "Status", "Leave date"},
		Row: func(r *rand.Rand, i int) []string {
			name := fmt.Sprintf("%s Person%d", tabulartest.Names[r.IntN(len(tabulartest.Names))], i)
			switch r.IntN(4) {
			case 0:
				return []string{name, fmt.Sprintf("p%d@example.co.uk", i), "Leaver", fmt.Sprintf("%02d/03/2026", 1+r.IntN(28))}
			case 1:
				return []string{name, "", "Seconded", ""}
			}
			return []string{name, fmt.Sprintf("p%d@example.co.uk", i), []string{"Active", "Full-time", "Current employee"}[r.IntN(3)], ""}
		},
		Rows: 80, MaxLine: tabular.DefaultMaxLine, LongExtra: 4096, Bad: 0.2, Long: true,
	}
	for seed := range uint64(25) {
		f := gen.Write(rand.New(rand.NewPCG(seed, 5)))
		name := fmt.Sprintf("seed %d (%s, %q)", seed, f.Encoding, f.Delimiter)
		staff, rows, err := Read(bytes.NewReader(f.Bytes), "staff.csv")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got, want []string
		var lines, wantLines []int
		for _, s := range staff {
			got = append(got, s.Name)
		}
		for _, l := range f.Lines {
			if l.Kind == tabulartest.Good {
				want = append(want, l.Cells[0])
			} else {
				wantLines = append(wantLines, l.Num)
			}
		}
		for _, r := range rows {
			lines = append(lines, r.Line)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: kept %q, want %q", name, got, want)
		}
		if !slices.Equal(lines, wantLines) {
			t.Fatalf("%s: skipped lines %v, want %v (%v)", name, lines, wantLines, rows)
		}
		_, rep, err := ReadReport(bytes.NewReader(f.Bytes), "staff.csv")
		good, bad := f.Count()
		if err != nil || !rep.Balanced() || rep.Read != good+bad || rep.Used != good || rep.Skipped != bad {
			t.Fatalf("%s: %v %s; the file has %d good and %d broken lines", name, err, rep.Summary(), good, bad)
		}
	}
}
