// Package tabulartest writes hostile CSV files for tests: random good rows
// mixed with stray and unclosed quotes, over-long lines and blank lines, in a
// random encoding and separator, and says what each line is, so a test can
// check that an importer used every good row and reported every bad line.
package tabulartest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Kinds of line.
const (
	Good       = "good"
	Stray      = "stray quote"     // a quote in the middle of a cell
	Unclosed   = "unclosed quote"  // a cell opens a quote and never closes it
	AfterQuote = "after the quote" // text after a closing quote
	Long       = "long"            // longer than the reader's limit
)

// Encodings the generator writes.
var Encodings = []string{"UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE", "Windows-1252"}

// Line is one line (or, for a good row with a line break in a cell, several)
// of the generated file.
type Line struct {
	Num   int      // line number, from 1
	Span  int      // lines it covers
	Kind  string   // Good or the way it is broken
	Cells []string // the cells of a good row, as the importer should see them
}

// File is a generated file.
type File struct {
	Bytes     []byte
	Encoding  string
	Delimiter byte
	Header    Line
	Lines     []Line // every data line that holds anything, in order
}

// Gen describes the files to write.
type Gen struct {
	Header []string
	// Row returns the cells of good row i. Cells may hold separators,
	// quotes and (with Multiline) line breaks; they are quoted as needed.
	Row       func(r *rand.Rand, i int) []string
	Rows      int
	MaxLine   int     // the reader's line limit; Long lines exceed it
	LongExtra int     // Long lines are up to this much over MaxLine; 0 means 2*MaxLine
	Bad       float64 // share of rows that are broken
	Long      bool    // include over-long lines
	Multiline bool    // allow good rows whose cells hold line breaks
}

// Write generates one file from r.
func (g Gen) Write(r *rand.Rand) File {
	f := File{Encoding: Encodings[r.IntN(len(Encodings))], Delimiter: ",;\t|"[r.IntN(4)]}
	var b strings.Builder
	num := 1
	writeRow := func(cells []string) int {
		span := 1
		for i, c := range cells {
			if i > 0 {
				b.WriteByte(f.Delimiter)
			}
			needs := strings.ContainsAny(c, "\"\n\r"+string(f.Delimiter)) || strings.TrimSpace(c) != c
			if needs || (c != "" && isAlnum(c[0]) && r.IntN(4) == 0) {
				b.WriteString(`"` + strings.ReplaceAll(c, `"`, `""`) + `"`)
				span += strings.Count(c, "\n")
			} else {
				b.WriteString(c)
			}
		}
		b.WriteString([]string{"\n", "\r\n"}[r.IntN(2)])
		return span
	}
	f.Header = Line{Num: num, Span: 1, Kind: Good, Cells: g.Header}
	num += writeRow(g.Header)
	for i := 0; i < g.Rows; i++ {
		if r.IntN(12) == 0 {
			b.WriteString([]string{"\n", "  \n", "\r\n"}[r.IntN(3)])
			num++
			continue
		}
		cells := g.Row(r, i)
		kind := Good
		if r.Float64() < g.Bad {
			kinds := []string{Stray, Unclosed, AfterQuote}
			if g.Long {
				kinds = append(kinds, Long)
			}
			kind = kinds[r.IntN(len(kinds))]
		}
		if kind == Good && !g.Multiline {
			for j := range cells {
				cells[j] = strings.ReplaceAll(cells[j], "\n", " ")
			}
		}
		if kind == Good && allBlank(cells) {
			cells[0] = "x"
		}
		switch kind {
		case Good:
			span := writeRow(cells)
			f.Lines = append(f.Lines, Line{Num: num, Span: span, Kind: Good, Cells: cells})
			num += span
			continue
		case Long:
			extra := g.LongExtra
			if extra <= 0 {
				extra = 2 * g.MaxLine
			}
			n := g.MaxLine + 1 + r.IntN(extra)
			// A random 4 KB stretch, repeated: as hostile as fully random
			// bytes to the reader, and cheap to make.
			var chunk [4096]byte
			for j := range chunk {
				chunk[j] = "abc ,;|\t\"x"[r.IntN(10)]
			}
			line := make([]byte, n)
			for j := 0; j < n; j += len(chunk) {
				copy(line[j:], chunk[:])
			}
			line[0] = 'L'
			b.Write(line)
			b.WriteString("\n")
		default:
			b.WriteString(breakRow(r, cells, kind, f.Delimiter))
			b.WriteString("\n")
		}
		f.Lines = append(f.Lines, Line{Num: num, Span: 1, Kind: kind})
		num++
	}
	f.Bytes = encode(f.Encoding, b.String())
	return f
}

// breakRow writes a row with one cell broken in the given way. The row's
// other cells are written bare, without separators in them. A stray quote is
// always followed by a letter: a quote right before a separator, after an
// earlier unclosed one, closes it, and no reader can tell that apart from a
// cell that really holds a line break.
func breakRow(r *rand.Rand, cells []string, kind string, d byte) string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.NewReplacer(`"`, "", "\n", " ", "\r", " ", string(d), " ").Replace(c)
	}
	k := r.IntN(len(out))
	c := out[k]
	switch kind {
	case Stray:
		at := r.IntN(len(c) + 1)
		out[k] = c[:at] + `"q` + c[at:]
		if at == 0 {
			out[k] = "p" + out[k]
		}
	case Unclosed:
		out[k] = `"` + "u" + c
	case AfterQuote:
		out[k] = `"` + "a" + c + `"z`
	}
	return strings.Join(out, string(d))
}

func encode(enc, s string) []byte {
	switch enc {
	case "UTF-8 BOM":
		return append([]byte("\uFEFF"), s...)
	case "UTF-16LE":
		b, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		return b
	case "UTF-16BE":
		b, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		return b
	case "Windows-1252":
		var b []byte
		for _, c := range s {
			if c < 0x80 {
				b = append(b, byte(c))
				continue
			}
			e, ok := cp1252[c]
			if !ok {
				panic(fmt.Sprintf("tabulartest: %q is not in Windows-1252", c))
			}
			b = append(b, e)
		}
		return b
	}
	return []byte(s)
}

var cp1252 = func() map[rune]byte {
	m := map[rune]byte{}
	for c := 0x80; c <= 0xFF; c++ {
		m[charmap.Windows1252.DecodeByte(byte(c))] = byte(c)
	}
	return m
}()

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func allBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Names are sample names with the accents UK staff lists hold, all within
// Windows-1252.
var Names = []string{"Zoë", "Siobhán", "Renée", "José", "Åsa", "Jo", "Priya", "Declan", "Gareth", "Ana"}

// Count returns how many good lines and how many broken lines f holds.
func (f File) Count() (good, bad int) {
	for _, l := range f.Lines {
		if l.Kind == Good {
			good += l.Span
		} else {
			bad++
		}
	}
	return good, bad
}
