package export

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func sampleImage() image.Image {
	img := image.NewRGBA64(image.Rect(0, 0, 120, 40)) // 16-bit: the PDF library cannot take it as it is
	for x := range 120 {
		for y := range 40 {
			img.Set(x, y, color.RGBA{uint8(x * 2), 80, 160, 255})
		}
	}
	return img
}

func encodePNG(t *testing.T) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, sampleImage()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodeJPEG(t *testing.T) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, sampleImage(), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCheckLogo(t *testing.T) {
	t.Parallel()
	pngData := encodePNG(t)
	tests := []struct {
		name, file string
		data       []byte
		wantErr    string // empty: the logo must be accepted
	}{
		{"png", "logo.png", pngData, ""},
		{"jpeg", "logo.jpg", encodeJPEG(t), ""},
		{"text file", "logo.png", []byte("not an image at all"), "is not a PNG or JPEG image"},
		{"gif", "logo.gif", []byte("GIF89a\x01\x00\x01\x00"), "is not a PNG or JPEG image"},
		{"truncated png", "cut.png", pngData[:60], "looks damaged"},
		{"empty file", "empty.png", nil, "is not a PNG or JPEG image"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, tc.file, tc.data)
			err := CheckLogo(path)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("CheckLogo: %v", err)
			case tc.wantErr != "" && err == nil:
				t.Fatal("a bad logo was accepted")
			case tc.wantErr != "" && (!strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), path)):
				t.Fatalf("error %q should name %s and say %q", err, path, tc.wantErr)
			}
		})
	}
	missing := filepath.Join(t.TempDir(), "nowhere.png")
	if err := CheckLogo(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: want an error naming it, got %v", err)
	}
}

func TestPDFWithLogo(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "logo.png", encodePNG(t))
	pdf := savePDF(t, renderPDF(t, demoAudit(t), Options{Logo: path}))
	list := runTool(t, "pdfimages", "-list", pdf)
	if lines := strings.Split(strings.TrimSpace(list), "\n"); len(lines) < 3 {
		t.Errorf("no image in the PDF:\n%s", list)
	}
	if n := pdfPages(t, pdf); n < 10 {
		t.Errorf("%d pages", n)
	}
}

func TestPDFBadLogoWritesNothing(t *testing.T) {
	t.Parallel()
	bad := writeFile(t, "logo.png", []byte("nope"))
	var buf bytes.Buffer
	err := WritePDF(&buf, demoAudit(t), Options{Logo: bad})
	if err == nil || !strings.Contains(err.Error(), bad) {
		t.Fatalf("want an error naming %s, got %v", bad, err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written despite the error", buf.Len())
	}
}
