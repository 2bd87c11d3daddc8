package tabular

import (
	"bytes"
	"strings"
)

// candidates are the separators spreadsheets and phone systems write: comma
// in the UK and US, semicolon where the comma is the decimal mark, tab for
// Excel's "Unicode text", pipe for some PBX call logs. Earlier wins a tie.
var candidates = []byte{',', ';', '\t', '|'}

// detectDelimiter picks the separator that makes most sense of the first few
// lines: the one under which most header cells are names the importer knows,
// then the one found (outside quotes) on the most lines, then the one that
// splits a line into the most cells.
func detectDelimiter(head []byte, eol byte, known func(string) bool) byte {
	lines := firstLines(head, eol, 10)
	best := candidates[0]
	var bestScore [3]int
	for i, d := range candidates {
		var sc [3]int
		for _, ln := range lines {
			n := countOutside(ln, d)
			if n > 0 {
				sc[1]++
			}
			sc[2] = max(sc[2], n)
			if known != nil && n > 0 {
				k := 0
				for _, cell := range strings.Split(string(ln), string(d)) {
					if known(strings.Trim(strings.TrimSpace(cell), `"`)) {
						k++
					}
				}
				sc[0] = max(sc[0], k)
			}
		}
		if i == 0 || greater(sc, bestScore) {
			best, bestScore = d, sc
		}
	}
	return best
}

func greater(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] > b[i]
		}
	}
	return false
}

// countOutside counts d outside double quotes.
func countOutside(line []byte, d byte) int {
	n, quoted := 0, false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case c == d && !quoted:
			n++
		}
	}
	return n
}

// firstLines returns up to n non-blank lines from the start of the file. The
// last line is left out when the head stops in the middle of it.
func firstLines(head []byte, eol byte, n int) [][]byte {
	var out [][]byte
	for len(head) > 0 && len(out) < n {
		i := bytes.IndexByte(head, eol)
		if i < 0 {
			if len(head) >= headBytes && len(out) > 0 {
				break
			}
			i = len(head)
		}
		line := bytes.TrimRight(head[:i], "\r")
		head = head[min(i+1, len(head)):]
		if len(bytes.TrimSpace(line)) > 0 {
			out = append(out, line)
		}
	}
	return out
}

func delimiterName(d byte) string {
	switch d {
	case '\t':
		return "tab"
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '|':
		return "pipe"
	}
	return string(rune(d))
}
