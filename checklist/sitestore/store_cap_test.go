package sitestore

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// growFile makes path a file of size bytes without writing them: a sparse
// file costs no disk, so the test can stand in for a 500 MB save.
func growFile(t *testing.T, path string, size int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`{"schema": 1, "name": "`); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestOversizedSavesAreRefusedByName: a saved file far larger than any
// Ringfence writes is refused with its name and size, not read into memory.
func TestOversizedSavesAreRefusedByName(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Big Ltd")
	started := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	audit := filepath.Join(s.auditsDir("Big Ltd"), auditFileName(started))
	growFile(t, audit, 500<<20)
	_, err := s.LatestAudit("Big Ltd")
	var big *TooLargeError
	if !errors.As(err, &big) || big.Path != audit {
		t.Fatalf("a 500 MB audit: got %v, want a TooLargeError naming %s", err, audit)
	}
	if msg := err.Error(); !strings.Contains(msg, audit) || !strings.Contains(msg, "MB") {
		t.Errorf("the message should name the file and its size: %s", msg)
	}

	growFile(t, s.siteFile("Big Ltd"), MaxSavedFile+1)
	if _, err := s.Site("Big Ltd"); !errors.As(err, &big) || big.Path != s.siteFile("Big Ltd") {
		t.Errorf("an oversized site.json: got %v", err)
	}
}
