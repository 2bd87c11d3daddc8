package csvinv

import (
	"bytes"
	"strings"
)

// candidates are the separators spreadsheets write: comma in the UK and US,
// semicolon where the comma is the decimal mark, tab for "text" exports.
var candidates = []rune{',', ';', '\t'}

// detectDelimiter picks the separator that makes the most sense of the first
// few lines: the one under which most headers are recognised, then the one that
// splits the lines into the most fields, with the comma winning a tie.
func detectDelimiter(data []byte) rune {
	lines := firstLines(data, 10)
	best, bestKnown, bestFields := ',', -1, 0
	for _, d := range candidates {
		known, fields := 0, 0
		for _, line := range lines {
			parts := strings.Split(line, string(d))
			n := 0
			for _, p := range parts {
				if synonyms[headerKey(strings.Trim(strings.TrimSpace(p), `"`))] != colNone {
					n++
				}
			}
			known = max(known, n)
			fields = max(fields, len(parts))
		}
		if known > bestKnown || (known == bestKnown && fields > bestFields) {
			best, bestKnown, bestFields = d, known, fields
		}
	}
	return best
}

func firstLines(data []byte, n int) []string {
	var out []string
	for len(data) > 0 && len(out) < n {
		i := bytes.IndexAny(data, "\r\n")
		var line []byte
		if i < 0 {
			line, data = data, nil
		} else {
			line, data = data[:i], data[i+1:]
		}
		if len(bytes.TrimSpace(line)) > 0 {
			out = append(out, string(line))
		}
	}
	return out
}
