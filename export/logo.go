package export

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"os"
)

// Limits on a logo. A logo is a few hundred pixels across; anything far bigger is
// more likely the wrong file than a logo, and would bloat every copy of the PDF.
const (
	maxLogoBytes  = 10 << 20
	maxLogoPixels = 25_000_000
)

// CheckLogo makes sure a logo file can be placed on the PDF's cover: that it can
// be read, is a PNG or JPEG image and is not damaged. Call it before any work is
// done so that a bad file gives a clear message instead of a broken PDF.
func CheckLogo(path string) error {
	_, err := loadLogo(path)
	return err
}

// loadLogo reads a logo and re-encodes it as a plain 8-bit PNG. The PDF library
// refuses some valid files (interlaced or 16-bit PNGs, CMYK JPEGs); converting
// first means that any image Go can decode can be placed.
func loadLogo(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("logo %s: cannot open it: %w", path, unwrapPathError(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxLogoBytes+1))
	if err != nil {
		return nil, fmt.Errorf("logo %s: cannot read it: %w", path, unwrapPathError(err))
	}
	if len(data) > maxLogoBytes {
		return nil, fmt.Errorf("logo %s is larger than %d MB: use a smaller PNG or JPEG", path, maxLogoBytes>>20)
	}
	var decodeConfig func(io.Reader) (image.Config, error)
	var decode func(io.Reader) (image.Image, error)
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		decodeConfig, decode = png.DecodeConfig, png.Decode
	case bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}):
		decodeConfig, decode = jpeg.DecodeConfig, jpeg.Decode
	default:
		return nil, fmt.Errorf("logo %s is not a PNG or JPEG image", path)
	}
	cfg, err := decodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("logo %s looks damaged: %w", path, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxLogoPixels {
		return nil, fmt.Errorf("logo %s is %d×%d pixels: use an image under %d million pixels", path, cfg.Width, cfg.Height, maxLogoPixels/1_000_000)
	}
	img, err := decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("logo %s looks damaged: %w", path, err)
	}
	flat := image.NewNRGBA(img.Bounds())
	draw.Draw(flat, flat.Bounds(), img, img.Bounds().Min, draw.Src)
	var out bytes.Buffer
	if err := png.Encode(&out, flat); err != nil {
		return nil, fmt.Errorf("logo %s: %w", path, err)
	}
	return out.Bytes(), nil
}

// unwrapPathError drops the path from an *os.PathError, because the message
// already names the file.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
