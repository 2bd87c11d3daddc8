package tabular

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// readAll reads every row, using them all, and returns them with the report.
func readAll(t *testing.T, data string, opt Options) ([][]string, []int, Report) {
	t.Helper()
	rd, err := NewReader(strings.NewReader(data), "t.csv", opt)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	var rows [][]string
	var lines []int
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, slices.Clone(rec.Fields))
		lines = append(lines, rec.Line)
		rd.Use(rec)
	}
	rep := rd.Report()
	if !rep.Balanced() {
		t.Fatalf("unbalanced: %s", rep.Summary())
	}
	return rows, lines, rep
}

func TestQuotedCellsAndBadQuotes(t *testing.T) {
	t.Parallel()
	data := "a,b,c\n" +
		"\"x, y\",\"say \"\"hi\"\"\", z\n" + // 2: separators and doubled quotes in quotes
		"\"two\nlines\",b,c\n" + // 3-4: a cell with a line break
		"O\"Brien,b,c\n" + // 5: stray quote
		"\"closed\"x,b,c\n" + // 6: text after the closing quote
		"\"never closed,b,c\n" + // 7: unclosed, read again from 8
		"after,b,c\n" + // 8
		" \"spaced\" ,b,c\n" + // 9: spaces around quotes are fine
		",,\n" + // 10: empty cells: not counted
		"\"\",\"\"\n" + // 11: empty quoted cells: not counted
		"last,b,c" // 12: no newline at the end
	rows, lines, rep := readAll(t, data, Options{})
	want := [][]string{{"a", "b", "c"}, {"x, y", `say "hi"`, " z"}, {"two\nlines", "b", "c"}, {"after", "b", "c"}, {"spaced", "b", "c"}, {"last", "b", "c"}}
	if !slices.EqualFunc(rows, want, slices.Equal) || !slices.Equal(lines, []int{1, 2, 3, 8, 9, 12}) {
		t.Errorf("rows %q on lines %v", rows, lines)
	}
	var skipped []int
	for _, s := range rep.Skips {
		skipped = append(skipped, s.Line)
		if !strings.Contains(s.Reason, "quote") {
			t.Errorf("line %d: reason %q does not mention the quote", s.Line, s.Reason)
		}
	}
	if !slices.Equal(skipped, []int{5, 6, 7}) || rep.Read != 10 || rep.Used != 7 || rep.Skipped != 3 {
		t.Errorf("skipped %v, %s", rep.Skips, rep.Summary())
	}
}

func TestAQuotedCellMaySpanOnlySoFar(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("a,\"open\n")
	for range 40 {
		b.WriteString("plain,row\n")
	}
	rows, _, rep := readAll(t, b.String(), Options{MaxSpan: 5})
	if len(rows) != 40 || rep.Skipped != 1 || rep.Skips[0].Line != 1 || !strings.Contains(rep.Skips[0].Reason, "within 5 lines") {
		t.Errorf("%d rows, %v", len(rows), rep.Skips)
	}
	// The limit in bytes holds too: a quote left open over long lines stops
	// at MaxLine, not at the end of the file.
	b.Reset()
	b.WriteString("\"open\n")
	for range 20 {
		b.WriteString(strings.Repeat("x", 100) + "\n")
	}
	rows, _, rep = readAll(t, b.String(), Options{MaxLine: 256})
	if len(rows) != 20 || rep.Skipped != 1 || !strings.Contains(rep.Skips[0].Reason, "more than 256 bytes") {
		t.Errorf("%d rows, %v", len(rows), rep.Skips)
	}
}

func TestLongLinesAreSkippedAndReadingResumes(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("y", 300)
	data := "a,b\n" + long + "\n1,2\n\"" + long + "\n3,4\n" + long
	rows, lines, rep := readAll(t, data, Options{MaxLine: 256})
	if !slices.Equal(lines, []int{1, 3, 5}) || len(rows) != 3 {
		t.Errorf("rows %v on lines %v", rows, lines)
	}
	var skipped []int
	for _, s := range rep.Skips {
		skipped = append(skipped, s.Line)
		if !strings.Contains(s.Reason, "longer than 256 bytes") {
			t.Errorf("line %d: %q", s.Line, s.Reason)
		}
	}
	if !slices.Equal(skipped, []int{2, 4, 6}) {
		t.Errorf("skipped %v", rep.Skips)
	}
}

func TestEncodingsAndLineEnds(t *testing.T) {
	t.Parallel()
	utf16le := func(s string) string {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		return string(b)
	}
	for name, tc := range map[string]struct {
		data, enc string
	}{
		"UTF-8":                 {"Name;Town\nZoë;Tromsø\n", UTF8},
		"UTF-8 BOM":             {"\uFEFFName;Town\nZoë;Tromsø\n", UTF8BOM},
		"Windows-1252":          {"Name;Town\nZo\xeb;Troms\xf8\n", Windows1252},
		"UTF-16 LE with BOM":    {"\xff\xfe" + utf16le("Name;Town\r\nZoë;Tromsø\r\n"), UTF16LE},
		"UTF-16 LE without BOM": {utf16le("Name;Town\r\nZoë;Tromsø\r\n"), UTF16LE},
		"old Mac line ends":     {"Name;Town\rZoë;Tromsø\r", UTF8},
	} {
		rows, _, rep := readAll(t, tc.data, Options{})
		if len(rows) != 2 || !slices.Equal(rows[1], []string{"Zoë", "Tromsø"}) || rep.Encoding != tc.enc || rep.Delimiter != "semicolon" {
			t.Errorf("%s: rows %q, encoding %q, separator %s", name, rows, rep.Encoding, rep.Delimiter)
		}
	}
}

func TestWholeFileRefusals(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		data string
		kind error
		want string
	}{
		"empty":    {" \r\n\n", ErrEmpty, "t.csv is empty"},
		"bom only": {"\uFEFF", ErrEmpty, "t.csv is empty"},
		"xlsx":     {"PK\x03\x04", ErrWorkbook, "Excel workbook (.xlsx)"},
		"xls":      {"\xD0\xCF\x11\xE0", ErrWorkbook, "old Excel workbook"},
		"pdf":      {"%PDF-1.7", ErrNotText, "PDF"},
		"binary":   {"ab\ncd\x00\x01\x02\x03", ErrNotText, "t.csv is not a CSV file: line 2 contains NUL bytes"},
	} {
		_, err := NewReader(strings.NewReader(tc.data), "t.csv", Options{})
		if !errors.Is(err, tc.kind) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestNULLaterInTheFileCostsOneLine(t *testing.T) {
	t.Parallel()
	data := "a,b\n" + strings.Repeat("1,2\n", 20000) + "x\x00y,2\n3,4\n"
	rows, _, rep := readAll(t, data, Options{})
	if len(rows) != 20002 || rep.Skipped != 1 || rep.Skips[0].Line != 20002 || !strings.Contains(rep.Skips[0].Reason, "NUL") {
		t.Errorf("%d rows, %v", len(rows), rep.Skips)
	}
}

func TestSeparatorChoice(t *testing.T) {
	t.Parallel()
	known := func(s string) bool { return s == "Name" || s == "Email" }
	for name, tc := range map[string]struct {
		data  string
		known func(string) bool
		want  byte
	}{
		"semicolon with commas in names": {"Name;Email\nHartley, Zoë;z@example.com\nPryce, Gareth;g@example.com\n", nil, ';'},
		"comma with quoted semicolons":   {"Name,Notes\nJo,\"a;b;c;d\"\nAl,\"e;f;g\"\n", nil, ','},
		"tab":                            {"Name\tEmail\nJo\tj@example.com\n", nil, '\t'},
		"pipe":                           {"Name|Email\nJo|j@example.com\n", nil, '|'},
		"known headers win":              {"Name;Email,x,y,z\nJo;j@example.com,1,2,3\n", known, ';'},
		"one column":                     {"Name\nJo\n", nil, ','},
		"title above the header":         {"Staff list, March\n\nName;Email\nJo;j@example.com\nAl;a@example.com\n", known, ';'},
	} {
		rd, err := NewReader(strings.NewReader(tc.data), "t.csv", Options{Known: tc.known})
		if err != nil || rd.Delimiter() != tc.want {
			t.Errorf("%s: %v, chose %q, want %q", name, err, rd.Delimiter(), tc.want)
		}
	}
}

func TestSkipsAreCappedButCounted(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	b.WriteString("a,b\n")
	for range MaxSkips + 7 {
		b.WriteString("x\"y,1\n")
	}
	rows, _, rep := readAll(t, b.String(), Options{})
	if len(rows) != 1 || len(rep.Skips) != MaxSkips || rep.Skipped != MaxSkips+7 || rep.Unlisted() != 7 {
		t.Errorf("%d rows, %d listed, %s", len(rows), len(rep.Skips), rep.Summary())
	}
}
