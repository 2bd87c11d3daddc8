package tui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ringfence/ringfence/checklist"
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

// A site whose file moved, or was saved without its folder, is pointed at the
// file again from its own menu: the same site, not a new one.
func TestASiteSourceCanBeChangedWithoutANewSite(t *testing.T) {
	work := t.TempDir()
	sheet := "Extension;Owner;Vendor;Model;Firmware;MAC\n201;Zoë;Yealink;SIP-T46S;66.86.0.15;80:5E:C0:11:22:33\n"
	full := filepath.Join(work, "phones.csv")
	if err := os.WriteFile(full, []byte(sheet), 0o600); err != nil {
		t.Fatal(err)
	}
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	old := checklist.Site{Name: "Acme Dental", Contact: "Jo", Connector: checklist.ConnectorSettings{Kind: "csv", File: "data/phones.csv"}}
	if err := store.CreateSite(old); err != nil {
		t.Fatal(err)
	}
	h := harnessWithKinds(t, store, testKinds)
	sites, errs := store.Sites()
	if len(errs) != 0 || len(sites) != 1 {
		t.Fatalf("sites: %v %v", sites, errs)
	}
	h.run(push(newSiteMenu(h.app.sh, sites[0])))
	h.mustSee("Change where its facts come from")
	h.press("down", "down", "enter")
	if _, ok := h.top().(*newSite); !ok {
		t.Fatalf("the third row should open the source form, got %T\n%s", h.top(), h.screen())
	}
	h.press("enter") // keeps the spreadsheet, which is chosen already
	h.mustSee("data/phones.csv")
	h.press("ctrl+u")
	h.typeText(full)
	h.press("enter")
	site, err := store.Site("Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	if site.Connector.Kind != "csv" || site.Connector.File != full || site.Contact != "Jo" {
		t.Fatalf("the source was not changed in place: %+v\n%s", site, h.screen())
	}
	if all, _ := store.Sites(); len(all) != 1 {
		t.Fatalf("changing the source made a new site: %d sites", len(all))
	}
}
