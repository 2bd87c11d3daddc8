package csvinv

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// saveAsUTF8 is the fix for every encoding problem, in the words of the two
// spreadsheet programs small businesses use.
const saveAsUTF8 = `Open it in your spreadsheet and save it again as CSV in UTF-8: in Excel choose File > Save As > "CSV UTF-8 (Comma delimited)"; in LibreOffice tick "Edit filter settings" and choose "Unicode (UTF-8)".`

// checkEncoding strips a UTF-8 byte-order mark and refuses anything that is not
// UTF-8 text, naming the first line that is not, because a file in another
// encoding would otherwise turn names into mojibake without a word of warning.
func checkEncoding(data []byte, name string) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return nil, fmt.Errorf("%s is saved as UTF-16 (\"Unicode text\"), which Ringfence cannot read. %s", name, saveAsUTF8)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return nil, fmt.Errorf("%s is an Excel workbook (.xlsx), not a CSV file. %s", name, saveAsUTF8)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, fmt.Errorf("%s is an old Excel workbook (.xls), not a CSV file. %s", name, saveAsUTF8)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, fmt.Errorf("%s line %d contains NUL bytes, so it is not plain text: it may be UTF-16 without a byte-order mark, or not a spreadsheet at all. %s", name, lineAt(data, i), saveAsUTF8)
	}
	if !utf8.Valid(data) {
		i := firstInvalid(data)
		return nil, fmt.Errorf("%s line %d has characters that are not UTF-8; the file was probably saved as Latin-1 or Windows-1252 (\"CSV (Comma delimited)\" in Excel). %s", name, lineAt(data, i), saveAsUTF8)
	}
	return data, nil
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// lineAt counts lines the way people do: from 1, with \n, \r\n or a lone \r
// (old Mac Excel) each ending one.
func lineAt(data []byte, offset int) int {
	line := 1
	for i := 0; i < offset && i < len(data); i++ {
		switch data[i] {
		case '\n':
			line++
		case '\r':
			if i+1 >= len(data) || data[i+1] != '\n' {
				line++
			}
		}
	}
	return line
}
