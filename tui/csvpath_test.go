package tui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ringfence/ringfence/checklist/sitestore"
)

// A file typed relative to the folder the app started in is saved in full,
// so the next audit finds it whichever folder it starts from.
func TestTheNewSiteFormSavesTheInventoryFileInFull(t *testing.T) {
	work := t.TempDir()
	if err := os.MkdirAll(filepath.Join(work, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	sheet := "Extension;Owner;Vendor;Model;Firmware;MAC\n201;Zoë;Yealink;SIP-T46S;66.86.0.15;80:5E:C0:11:22:33\n"
	if err := os.WriteFile(filepath.Join(work, "data", "phones.csv"), []byte(sheet), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	h := harnessWithKinds(t, store, testKinds)
	h.press("n")
	h.typeText("Acme Dental")
	h.press("enter")
	h.typeText("Jo")
	h.press("enter")
	for i, k := range testKinds.Sorted() {
		if k.Name == "csv" {
			for range i + 1 {
				h.press("down")
			}
		}
	}
	h.press("enter")
	h.typeText(filepath.Join("data", "phones.csv"))
	h.press("enter")
	site, err := store.Site("Acme Dental")
	if err != nil {
		t.Fatalf("the site was not saved: %v\n%s", err, h.screen())
	}
	if want := filepath.Join(work, "data", "phones.csv"); site.Connector.File != want {
		t.Fatalf("saved %q, want the full path %q", site.Connector.File, want)
	}
}
