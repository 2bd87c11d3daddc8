package hrlist

import (
	"strings"
	"testing"
)

// FuzzHRRead feeds the reader arbitrary files: it must never panic, never
// keep a row it also rejected, and never keep a nameless person.
func FuzzHRRead(f *testing.F) {
	for _, seed := range []string{
		"Name,Email,Status,Leave date\nJo,jo@example.com,Active,\nDeclan,d@example.com,Leaver,01/03/2026\n",
		"First name;Surname;Leaving date\nZoë;Hartley;5 Mar 2026\n",
		"\xEF\xBB\xBFName\n\"Ó'Brien, Declan\"\n",
		"Name,Leave date\nA,03/25/2026\nB,2026-02-30\n",
		"\xFF\xFEN\x00a\x00m\x00e\x00\n\x00",
		"", "Name\n\"", "PK\x03\x04",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		staff, rows, err := Read(strings.NewReader(string(data)), "fuzz.csv")
		if err != nil && len(staff) > 0 {
			t.Fatalf("error %v but %d staff kept", err, len(staff))
		}
		for _, s := range staff {
			if strings.TrimSpace(s.Name) == "" {
				t.Fatalf("kept a nameless person: %+v", s)
			}
		}
		for _, r := range rows {
			if r.Line < 1 || r.Reason == "" {
				t.Fatalf("row error without a line or reason: %+v", r)
			}
		}
	})
}
