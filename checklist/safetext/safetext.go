// Package safetext makes text that came from outside (a phone system, a
// spreadsheet, an HR list, a call-record file) safe to show. Such text is shown,
// never obeyed: a terminal, the app or a Markdown viewer must not act on an
// escape sequence, a control character or a bidirectional override hidden in a
// name or a version.
//
// Every character that a terminal or a viewer could act on, or that is
// invisible, is replaced by something you can see, so a tampered name looks
// tampered with rather than silently tidied:
//
//   - C0 controls (0x00–0x1F) become their Unicode control pictures: ESC is
//     shown as "␛", BEL as "␇", a line break as "␊";
//   - DEL becomes "␡";
//   - C1 controls (U+0080–U+009F), format characters (Unicode category Cf:
//     bidi embeddings, overrides and isolates, zero-width spaces and joiners,
//     the byte-order mark, soft hyphens) and the line and paragraph separators
//     become "<U+202E>" and the like;
//   - a byte that is not valid UTF-8 becomes "<0x9B>" and the like, since an
//     8-bit terminal reads a lone 0x9B as the start of a control sequence.
//
// Everything else, including accented letters, Chinese and Arabic script,
// passes unchanged.
package safetext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Unsafe reports whether a rune must never reach a terminal or a document as it
// is: a control character, a format character (bidi controls, zero-width
// characters) or a line or paragraph separator.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r < 0x7f:
		return false
	case r == utf8.RuneError:
		return false // a real U+FFFD is printable; bad bytes are caught by decoding
	}
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}

// Clean reports whether s can be shown exactly as it is.
func Clean(s string) bool { return clean(s, false) }

func clean(s string, keepLayout bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			continue
		}
		if keepLayout && (c == '\n' || c == '\t') {
			continue
		}
		if c < 0x80 {
			return false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || Unsafe(r) {
			return false
		}
		i += size - 1
	}
	return true
}

// Line returns s ready to show on one line: every unsafe character, line
// breaks and tabs included, is replaced by a visible stand-in. Use it for
// names, versions, cells and anything else from outside.
func Line(s string) string {
	if clean(s, false) {
		return s
	}
	return rewrite(s, false)
}

// Text is Line for text that may span lines: line breaks and tabs are kept,
// every other unsafe character is made visible.
func Text(s string) string {
	if clean(s, true) {
		return s
	}
	return rewrite(s, true)
}

func rewrite(s string, keepLayout bool) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, "<0x%02X>", s[i])
		case keepLayout && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case Unsafe(r):
			b.WriteString(Visible(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Visible is the stand-in shown for an unsafe rune.
func Visible(r rune) string {
	switch {
	case r >= 0 && r < 0x20:
		return string(rune(0x2400 + r)) // the control pictures block: ␀ … ␟
	case r == 0x7f:
		return "\u2421" // ␡
	}
	return fmt.Sprintf("<U+%04X>", r)
}

// EscapeJSON rewrites encoded JSON so that no unsafe character is left in it
// as it is: DEL, C1 controls, format characters and the line and paragraph
// separators become \u escapes, which are only valid inside strings, which is
// the only place these characters can be in valid JSON. Line breaks, tabs and
// carriage returns are left alone: outside strings they are JSON's own
// spacing, and inside them an encoder has already escaped them. A byte that is
// not UTF-8 becomes U+FFFD, as encoding/json does.
func EscapeJSON(s string) string {
	if clean(s, true) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\ufffd`)
		case r < 0x20 || !Unsafe(r):
			b.WriteString(s[i : i+size])
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}
