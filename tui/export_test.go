package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/export"
	"github.com/ringfence/ringfence/export/exporttest"
)

// exportHarness opens the export screen on the shared test audit, with the
// clock at the shared export time.
func exportHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, true, 80, 24)
	h.app.sh.sess.audit = exporttest.Audit(t)
	h.app.sh.opts.Now = func() time.Time { return exporttest.Clock }
	h.press("e")
	if _, ok := h.top().(*exportScreen); !ok {
		t.Fatalf("e should open export, got %T", h.top())
	}
	return h
}

// fillExport ticks every format, writes into dir and, for the PDF, picks
// Letter paper and the given logo.
func fillExport(h *harness, dir, logo string) {
	h.press("enter") // formats: all ticked
	h.send(keyMsg("backspace"))
	h.typeText(dir)
	h.press("enter")
	h.press("down", "enter") // Letter
	h.typeText(logo)
	h.press("enter")
}

// The app writes the same documents as `ringfence audit --pdf --json --csv
// --md --paper letter --logo` for the same audit and clock.
func TestExportWritesTheCommandLinesDocuments(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h := exportHarness(t)
	fillExport(h, dir, exporttest.Logo())
	h.mustSee("Written:")
	stem := filepath.Join(dir, "brightwater-kitchens-ltd-2026-11-22.")
	paths := map[export.Format]string{}
	for _, f := range export.Formats() {
		paths[f] = stem + string(f)
	}
	exporttest.Compare(t, paths)
}

// A logo that is not an image is named, nothing is written, and the form
// comes back with what was typed so it can be put right.
func TestExportBadLogoIsNamedAndTheScreenCarriesOn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := writeFile(t, "logo.txt", "not a picture")
	h := exportHarness(t)
	fillExport(h, dir, bad)
	h.mustSee("logo.txt")
	h.mustSee("is not a PNG or JPEG image")
	e, ok := h.top().(*exportScreen)
	if !ok || e.form == nil {
		t.Fatalf("the export form should be open again, got %T", h.top())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a bad logo still wrote %v", entries)
	}
	// Clearing the logo lets the export go ahead.
	h.press("enter", "enter", "enter")
	for range len(bad) {
		h.send(keyMsg("backspace"))
	}
	h.press("enter")
	h.mustSee("Written:")
	if entries, _ := os.ReadDir(dir); len(entries) != len(export.Formats()) {
		t.Errorf("after the logo was cleared, wrote %v", entries)
	}
}

// All four documents can be seen, by their right names, in the smallest
// window.
func TestExportListsEveryFormatAt80x24(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		h := newHarness(t, true, size[0], size[1])
		h.press("e")
		for _, name := range []string{"PDF action plan", "Markdown report", "CSV action plan", "JSON report"} {
			h.mustSee(name)
		}
		if strings.Contains(h.screen(), "CSV of findings") {
			t.Errorf("the CSV is still called findings:\n%s", h.screen())
		}
	}
}

// A saved site remembers the paper and logo in site.json, and the next export
// offers them again.
func TestExportRemembersPaperAndLogoForTheSite(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false, 80, 24)
	if err := h.store.CreateSite(checklist.Site{Name: "Acme Dental"}); err != nil {
		t.Fatal(err)
	}
	h.send(siteOpenMsg{name: "Acme Dental"})
	h.press("e")
	fillExport(h, t.TempDir(), exporttest.Logo())
	h.mustSee("Written:")
	saved, err := h.store.Site("Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	if saved.Export.Paper != export.PaperLetter || saved.Export.Logo != exporttest.Logo() {
		t.Fatalf("site.json holds %+v, want Letter and %s", saved.Export, exporttest.Logo())
	}
	h.press("esc", "e")
	e, ok := h.top().(*exportScreen)
	if !ok {
		t.Fatalf("e should open export, got %T", h.top())
	}
	if *e.paper != export.PaperLetter || *e.logo != exporttest.Logo() {
		t.Errorf("the next export offers %q and %q", *e.paper, *e.logo)
	}
}

// Without a PDF there is no paper or logo to ask about.
func TestExportWithoutAPDFAsksNoPaperOrLogo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h := exportHarness(t)
	h.press("space", "enter") // untick the PDF
	h.send(keyMsg("backspace"))
	h.typeText(dir)
	h.press("enter")
	h.mustSee("Written:")
	if entries, _ := os.ReadDir(dir); len(entries) != len(export.Formats())-1 {
		t.Errorf("wrote %v, want every document but the PDF", entries)
	}
}
