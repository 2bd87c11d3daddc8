package export

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"

	"github.com/ringfence/ringfence/checklist/safetext"
)

// The PDF embeds the Go fonts (BSD licence) rather than using the PDF core fonts,
// which only know the Windows-1252 characters and would garble names such as
// Łukasz or Siobhán.
const (
	fontSans = "gosans"
	fontMono = "gomono"
)

var fontFiles = []struct {
	family, style string
	ttf           []byte
}{
	{fontSans, "", goregular.TTF},
	{fontSans, "B", gobold.TTF},
	{fontSans, "I", goitalic.TTF},
	{fontMono, "", gomono.TTF},
}

func addFonts(pdf *fpdf.Fpdf) {
	for _, f := range fontFiles {
		// fpdf writes into the font bytes it is given while it cuts the
		// subset, so each document gets its own copy: two PDFs made at once
		// (the app and a test, two exports) would otherwise race on, and
		// corrupt, the one shared font.
		pdf.AddUTF8FontFromBytes(f.family, f.style, bytes.Clone(f.ttf))
	}
}

// glyphs records which characters of the Basic Multilingual Plane every embedded
// font can draw. Text is checked against it so that a character the fonts lack
// (Chinese, emoji) prints as a visible "?" instead of an empty box, and so that the
// PDF library never meets a character outside its width table.
var glyphs = sync.OnceValue(func() *[1 << 16]bool {
	var have [1 << 16]bool
	for r := range have {
		have[r] = true
	}
	var buf sfnt.Buffer
	for _, f := range fontFiles {
		font, err := sfnt.Parse(f.ttf)
		if err != nil {
			panic("export: embedded font does not parse: " + err.Error())
		}
		for r := range have {
			if !have[r] {
				continue
			}
			if gi, err := font.GlyphIndex(&buf, rune(r)); err != nil || gi == 0 {
				have[r] = false
			}
		}
	}
	return &have
})

// printable makes text safe for one line of the PDF: composed accents (so that an
// "e" plus a separate diaeresis becomes the "ë" the font has), control and
// invisible formatting characters shown as "<U+001B>" and the like (the
// sanitiser's rule, in characters the fonts have), and "?" for characters the
// fonts cannot draw or bytes that are not UTF-8.
// Line breaks become spaces; callers split paragraphs before calling it.
func printable(s string) string {
	if isPlainASCII(s) {
		return s
	}
	s = norm.NFC.String(strings.ToValidUTF8(s, "?"))
	have := glyphs()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		case safetext.Unsafe(r):
			// Shown, as everywhere else, but spelt in ASCII: the fonts have no
			// control pictures.
			fmt.Fprintf(&b, "<U+%04X>", r)
		case r < 1<<16 && have[r]:
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// isPlainASCII is the fast path: printable ASCII needs no checking, and most
// report text is just that.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}
