package cdr

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// FuzzScan feeds the reader arbitrary files in every layout: it must never
// panic, every call it hands on must have a start time, and its counts must
// add up.
func FuzzScan(f *testing.F) {
	for _, seed := range []string{masterCSV, freepbxReport, yeastarExport, threeCXCDR, threeCXLog,
		"calldate,src,dst,billsec\n2026-03-05 10:00:00,101,\"0161\n", "", "\x00", "a;b\n1;2\n"} {
		f.Add(seed, uint8(0))
	}
	f.Add("Day,Ext,Number\n05/03/2026 10:00,101,0161\n", uint8(7))
	if files, err := filepath.Glob(filepath.Join("testdata", "layouts", "*")); err == nil {
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(string(b), uint8(0))
			}
		}
	}
	formats := []Format{Auto, Asterisk, FreePBX, ThreeCX, Yeastar, Avaya, FreeSWITCH, Generic}
	m, _ := ParseMapping("start=Day,from=Ext,to=Number")
	f.Fuzz(func(t *testing.T, body string, which uint8) {
		layout := Layout{Format: formats[int(which)%len(formats)]}
		if layout.Format == Generic {
			layout.Map = &m
		}
		calls := 0
		st, rows, err := Scan(strings.NewReader(body), "fuzz.csv", layout, func(c inventory.Call) error {
			if c.Start.IsZero() {
				t.Fatalf("call without a start time: %+v", c)
			}
			calls++
			return nil
		})
		if err == nil && st.Calls+st.Rejected != st.Rows {
			t.Fatalf("rows %d != calls %d + rejected %d", st.Rows, st.Calls, st.Rejected)
		}
		if calls != st.Calls || len(rows) > st.Rejected {
			t.Fatalf("handed on %d calls, stats %+v, %d row errors", calls, st, len(rows))
		}
	})
}
