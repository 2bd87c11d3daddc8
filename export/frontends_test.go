package export_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/export"
	"github.com/ringfence/ringfence/export/exporttest"
)

// Write's documents are the ones the command line and the app are compared
// with; RINGFENCE_UPDATE_DOCS=1 rewrites them (and the logo).
func TestWriteMatchesTheFrontEndDocuments(t *testing.T) {
	t.Parallel()
	if exporttest.Update() {
		img := image.NewNRGBA(image.Rect(0, 0, 120, 40))
		for x := 0; x < 120; x++ {
			for y := 0; y < 40; y++ {
				img.Set(x, y, color.NRGBA{R: uint8(x * 2), G: 90, B: uint8(y * 6), A: 255})
			}
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(exporttest.Logo(), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	paths := map[export.Format]string{}
	for _, f := range export.Formats() {
		paths[f] = filepath.Join(out, "report."+string(f))
	}
	written, err := export.Write(context.Background(), exporttest.Audit(t), export.Request{Paths: paths, Paper: "Letter", Logo: exporttest.Logo()})
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	if len(written) != len(export.Formats()) {
		t.Fatalf("Write wrote %d documents, want %d: %v", len(written), len(export.Formats()), written)
	}
	exporttest.Compare(t, paths)
}

// The JSON's "generated" time is the audit's last change, whatever the clock
// says when it is exported.
func TestGeneratedIsTheAuditsLastChange(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	req := export.Request{Paths: map[export.Format]string{export.FormatJSON: export.Stdout}, Stdout: &buf}
	if _, err := export.Write(context.Background(), exporttest.Audit(t), req); err != nil {
		t.Fatal(err)
	}
	want := `"generated": "` + exporttest.Changed.Format(time.RFC3339) + `"`
	if !strings.Contains(buf.String(), want) {
		t.Errorf("the JSON does not hold %s:\n%.300s", want, buf.String())
	}
}

// A bad paper size or logo is refused before any file is touched, and a bad
// logo's message names the file.
func TestWriteRefusesABadRequestBeforeWriting(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notLogo := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notLogo, []byte("not an image"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, req := range []export.Request{
		{Paper: "A3"},
		{Logo: notLogo},
		{Logo: filepath.Join(dir, "missing.png")},
		{Paths: map[export.Format]string{export.FormatJSON: export.Stdout, export.FormatMarkdown: export.Stdout}, Stdout: &bytes.Buffer{}},
	} {
		if req.Paths == nil {
			req.Paths = map[export.Format]string{export.FormatPDF: filepath.Join(dir, "plan.pdf"), export.FormatJSON: filepath.Join(dir, "r.json")}
		}
		written, err := export.Write(context.Background(), exporttest.Audit(t), req)
		var re *export.RequestError
		if !errors.As(err, &re) || len(written) != 0 {
			t.Fatalf("request %+v: got %v, %v; want a RequestError and nothing written", req, written, err)
		}
		if re.Field == "logo" && !strings.Contains(err.Error(), req.Logo) {
			t.Errorf("the message %q does not name the logo file", err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("request %+v left files behind: %v", req, entries)
		}
	}
}
