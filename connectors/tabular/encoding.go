package tabular

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encodings as reported.
const (
	UTF8        = "UTF-8"
	UTF8BOM     = "UTF-8 with byte-order mark"
	UTF16LE     = "UTF-16 little-endian"
	UTF16BE     = "UTF-16 big-endian"
	Windows1252 = "Windows-1252"
)

// Whole-file problems, for importers that want their own words; the error
// NewReader returns wraps one of these and already names the file.
var (
	ErrEmpty    = errors.New("empty file")
	ErrNotText  = errors.New("not a text file")
	ErrWorkbook = errors.New("a spreadsheet workbook, not CSV")
)

const saveAsCSV = `Open it in your spreadsheet and save it as CSV: in Excel choose File > Save As > "CSV UTF-8 (Comma delimited)"; in LibreOffice choose File > Save As > "Text CSV".`

// sniff looks at the first bytes of a file and decides how to decode it:
// a decoder for UTF-16, the number of byte-order-mark bytes to drop for
// UTF-8, or an error for a file that is not text at all.
func sniff(head []byte, name string) (enc string, dec encoding.Encoding, bom int, err error) {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "", nil, 0, fileError{fmt.Sprintf("%s is an Excel workbook (.xlsx) or another zip file, not a CSV file. %s", name, saveAsCSV), ErrWorkbook}
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "", nil, 0, fileError{fmt.Sprintf("%s is an old Excel workbook (.xls), not a CSV file. %s", name, saveAsCSV), ErrWorkbook}
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "", nil, 0, fileError{fmt.Sprintf("%s is a PDF, not a CSV file. Export the data as CSV instead.", name), ErrNotText}
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return UTF8BOM, nil, 3, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return UTF16LE, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), 0, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return UTF16BE, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), 0, nil
	}
	if bytes.IndexByte(head, 0) < 0 {
		return UTF8, nil, 0, nil
	}
	switch utf16Order(head) {
	case 'L':
		return UTF16LE, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 0, nil
	case 'B':
		return UTF16BE, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 0, nil
	}
	return "", nil, 0, fileError{fmt.Sprintf("%s is not a CSV file: line %d contains NUL bytes, so it is binary data, not text. %s", name, lineOf(head, bytes.IndexByte(head, 0)), saveAsCSV), ErrNotText}
}

// fileError is a whole-file problem in plain words that still matches its
// kind with errors.Is.
type fileError struct {
	msg  string
	kind error
}

func (e fileError) Error() string { return e.msg }
func (e fileError) Unwrap() error { return e.kind }

// utf16Order recognises UTF-16 written without a byte-order mark from its
// shape: in mostly-ASCII text every other byte is zero. It returns 'L', 'B'
// or 0 when the bytes do not look like UTF-16.
func utf16Order(head []byte) byte {
	n := min(len(head), 1024) &^ 1
	if n < 4 {
		return 0
	}
	var evenZero, oddZero int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			evenZero++
		}
		if head[i+1] == 0 {
			oddZero++
		}
	}
	pairs := n / 2
	switch {
	case oddZero*4 >= pairs*3 && evenZero == 0:
		return 'L'
	case evenZero*4 >= pairs*3 && oddZero == 0:
		return 'B'
	}
	return 0
}

// lineOf counts lines up to offset, from 1.
func lineOf(b []byte, offset int) int { return 1 + bytes.Count(b[:offset], []byte{'\n'}) }

// toUTF8 decodes a line that is not valid UTF-8 as Windows-1252. Each line is
// judged on its own, so a UTF-8 file with one name pasted from an old system
// loses nothing, and a Windows-1252 file costs nothing on its ASCII lines.
func toUTF8(line, scratch []byte) ([]byte, bool) {
	if utf8.Valid(line) {
		return line, false
	}
	out := scratch[:0]
	for _, c := range line {
		if c < utf8.RuneSelf {
			out = append(out, c)
			continue
		}
		r := charmap.Windows1252.DecodeByte(c)
		out = utf8.AppendRune(out, r)
	}
	return out, true
}
