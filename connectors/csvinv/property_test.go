package csvinv

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ringfence/ringfence/connectors/tabular"
	"github.com/ringfence/ringfence/connectors/tabular/tabulartest"
)

// TestHostileInventoriesLoseNoPhone writes inventories full of stray and
// unclosed quotes, lines over the limit and blank lines, in every encoding and
// separator, and checks that every good row becomes a device, in order, with
// its model text as written, every broken line is reported by number, and
// read = used + skipped.
func TestHostileInventoriesLoseNoPhone(t *testing.T) {
	t.Parallel()
	models := []string{"SIP-T46S", "Yealink T54W", "SPA504G", "VVX 450", "D785 (desk)"}
	gen := tabulartest.Gen{
		Header: []string{"Vendor", "Model", "Firmware", "MAC", "Extension", "Owner"},
		Row: func(r *rand.Rand, i int) []string {
			return []string{[]string{"Yealink", "Cisco", "Poly", "Snom", ""}[r.IntN(5)], models[r.IntN(len(models))], "1.2.3",
				fmt.Sprintf("80:5E:C0:00:%02X:%02X", i>>8, i&0xFF), fmt.Sprint(200 + i), tabulartest.Names[r.IntN(len(tabulartest.Names))]}
		},
		Rows: 80, MaxLine: tabular.DefaultMaxLine, LongExtra: 4096, Bad: 0.2, Long: true,
	}
	for seed := range uint64(25) {
		f := gen.Write(rand.New(rand.NewPCG(seed, 7)))
		name := fmt.Sprintf("seed %d (%s, %q)", seed, f.Encoding, f.Delimiter)
		inv, rep, err := ReadReport(bytes.NewReader(f.Bytes), "phones.csv")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got, want []string
		var lines, wantLines []int
		for _, d := range inv.Devices {
			got = append(got, d.MAC+" "+d.Model)
		}
		for _, l := range f.Lines {
			if l.Kind == tabulartest.Good {
				want = append(want, l.Cells[3]+" "+l.Cells[1])
			} else {
				wantLines = append(wantLines, l.Num)
			}
		}
		for _, s := range rep.Skips {
			lines = append(lines, s.Line)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: devices %q, want %q", name, got, want)
		}
		if !slices.Equal(lines, wantLines) {
			t.Fatalf("%s: skipped lines %v, want %v (%v)", name, lines, wantLines, rep.Skips)
		}
		good, bad := f.Count()
		if !rep.Balanced() || rep.Read != good+bad || rep.Used != good || rep.Skipped != bad {
			t.Fatalf("%s: %s; the file has %d good and %d broken lines", name, rep.Summary(), good, bad)
		}
	}
}
