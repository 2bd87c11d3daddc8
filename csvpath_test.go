package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

const twoPhones = "Extension;Owner;Vendor;Model;Firmware;MAC\n201;Zoë;Yealink;SIP-T46S;66.86.0.15;80:5E:C0:11:22:33\n"

// A path typed relative to one folder must still find the file when the next
// audit starts from another, as scheduled scripts do.
func TestAnInventoryFileIsRememberedByItsFullPath(t *testing.T) {
	dir := t.TempDir()
	work := filepath.Join(dir, "office")
	if err := os.MkdirAll(filepath.Join(work, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, work, "data/phones.csv", twoPhones)
	t.Chdir(work)
	ringfence(t, dir, "sites", "add", "Acme")
	if r := ringfence(t, dir, "connect", "--site", "Acme", "--connector", "csv", "--file", "data/phones.csv"); r.code != exitOK {
		t.Fatalf("connect: %+v", r)
	}
	ringfence(t, dir, "sites", "add", "Brook")
	if r := ringfence(t, dir, "audit", "--site", "Brook", "--connector", "csv", "--file", filepath.Join("data", "phones.csv")); r.code != exitOK {
		t.Fatalf("audit --file: %+v", r)
	}
	store, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Acme", "Brook"} {
		site, err := store.Site(name)
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(work, "data", "phones.csv"); site.Connector.File != want {
			t.Errorf("%s remembers %q, want %q", name, site.Connector.File, want)
		}
	}
	t.Chdir(t.TempDir())
	if r := ringfence(t, dir, "audit", "--site", "Acme"); r.code != exitOK {
		t.Fatalf("an audit from another folder should still find the file: %+v", r)
	}
}

// A site saved by an older Ringfence may hold a relative path. Which folder
// it meant is unknowable, so it is refused, naming the path and the fix,
// rather than read from wherever the command happens to start.
func TestARelativeInventoryPathSavedEarlierIsRefusedWithTheFix(t *testing.T) {
	dir := t.TempDir()
	ringfence(t, dir, "sites", "add", "Acme")
	store, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.UpdateSite("Acme", func(s *checklist.Site) error {
		s.Connector = checklist.ConnectorSettings{Kind: "csv", File: "data/phones.csv"}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	writeFile(t, work, "phones.csv", twoPhones)
	t.Chdir(work)
	r := ringfence(t, dir, "audit", "--site", "Acme")
	if r.code == exitOK || !strings.Contains(r.stderr, "data/phones.csv") || !strings.Contains(r.stderr, "--file") {
		t.Fatalf("want a refusal naming the saved path and how to fix it: %+v", r)
	}
}
