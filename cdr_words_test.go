package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file where no row is a call must still say what was wrong with its rows.
func TestCDRWhollyBadFileShowsItsErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "calls.csv")
	body := "start,from,to,duration\n" +
		"yesterday,201,00447700900123,60\n" +
		"not a date,202,00447700900124,60\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	r := ringfence(t, dir, "cdr", path, "--map", "start=start,from=from,to=to,duration=duration")
	if r.code == exitOK {
		t.Fatalf("a file with no readable call should fail: %+v", r)
	}
	for _, want := range []string{"line 2", "line 3"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr should name %s and its problem:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "below") {
		t.Errorf("stderr points below, where nothing follows:\n%s", r.stderr)
	}
}
