package tabular

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// FuzzReader feeds the reader arbitrary bytes with small limits: it must not
// panic, every line it reads must be used or skipped, and every skipped line
// must have a number inside the file and a reason.
func FuzzReader(f *testing.F) {
	for _, seed := range []string{
		"a,b\n1,2\n", "a;\"b\nc\";d\n", "\"open\n1\n2\n3\n", "x\"y,1\r\n", "\xff\xfea\x00,\x00b\x00", "a\tb\rc\td\r",
		"\"\",\"\"\n,,\n", "a,b\n\"q\"x,1\n\"\"\"\",2\n", "Zo\xeb;1\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := NewReader(bytes.NewReader(data), "f.csv", Options{MaxLine: 64, MaxSpan: 3})
		if err != nil {
			return
		}
		lines := bytes.Count(data, []byte{'\n'}) + bytes.Count(data, []byte{'\r'}) + 1
		for {
			rec, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if rec.Line < 1 || rec.Lines < 1 || len(rec.Fields) == 0 {
				t.Fatalf("record %+v", rec)
			}
			rd.Use(rec)
		}
		rep := rd.Report()
		if !rep.Balanced() || rep.Read < 0 {
			t.Fatalf("%s", rep.Summary())
		}
		for _, s := range rep.Skips {
			if s.Line < 1 || s.Line > lines || s.Reason == "" {
				t.Fatalf("skip %+v in a file of %d lines", s, lines)
			}
		}
	})
}
