package hrlist

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/unicode"
)

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestReadPayrollExport(t *testing.T) {
	t.Parallel()
	body := "\xEF\xBB\xBFEmployee Name,Work Email,Employment Status,Start Date,Leaving Date\n" +
		"Jo Whitaker,Jo.Whitaker@Brightwater.example.co.uk,Active,01/09/2019,\n" +
		"\"Ó Briain, Declan\",declan.obriain@brightwater.example.co.uk,Leaver,3 Mar 2022,1 March 2026\n" +
		"Priya Shah,priya.shah@brightwater.example.co.uk,Active,2020-02-03,30/06/2026\n" +
		"\n"
	staff, rows, err := Read(strings.NewReader(body), "staff.csv")
	if err != nil || len(rows) != 0 {
		t.Fatalf("Read: %v %v", err, rows)
	}
	if len(staff) != 3 {
		t.Fatalf("%d staff, want 3", len(staff))
	}
	if staff[0].Email != "jo.whitaker@brightwater.example.co.uk" || !staff[0].Left.IsZero() {
		t.Errorf("current member = %+v", staff[0])
	}
	if staff[1].Name != "Ó Briain, Declan" || !staff[1].Left.Equal(date(2026, 3, 1)) {
		t.Errorf("leaver = %+v", staff[1])
	}
	if !staff[2].Left.Equal(date(2026, 6, 30)) {
		t.Errorf("someone working their notice = %+v", staff[2])
	}
}

func TestSplitNamesSemicolonsAndWindows1252(t *testing.T) {
	t.Parallel()
	body := []byte("Forename;Surname;E-mail;Status;Date left\r\nZo\xeb;Hartley;zoe.hartley@example.com;Current;\r\nGareth;Pryce;;Terminated;2025-05-19\r\n")
	staff, rows, err := Read(bytes.NewReader(body), "leavers.csv")
	if err != nil || len(rows) != 0 || len(staff) != 2 {
		t.Fatalf("Read: %v %v %+v", err, rows, staff)
	}
	if staff[0].Name != "Zoë Hartley" || staff[1].Name != "Gareth Pryce" || !staff[1].Left.Equal(date(2025, 5, 19)) {
		t.Errorf("staff = %+v", staff)
	}
}

func TestUTF16FromExcel(t *testing.T) {
	t.Parallel()
	enc := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()
	body, err := enc.Bytes([]byte("Name\tEmail\nŁukasz Nowak\tlukasz.nowak@example.com\n"))
	if err != nil {
		t.Fatal(err)
	}
	staff, rows, err := Read(bytes.NewReader(body), "staff.txt")
	if err != nil || len(rows) != 0 || len(staff) != 1 || staff[0].Name != "Łukasz Nowak" {
		t.Fatalf("Read: %v %v %+v", err, rows, staff)
	}
}

func TestBadRowsAreReportedByLine(t *testing.T) {
	t.Parallel()
	body := "Name,Email,Status,Start date,Leave date\n" +
		"Good One,good.one@example.com,Active,,\n" +
		",nobody@example.com,Active,,\n" +
		"No At,no-at-sign,Active,,\n" +
		"Dated Leaver,dl@example.com,Leaver,,\n" +
		"US Date,us@example.com,Leaver,,03/25/2026\n" +
		"Odd Status,os@example.com,Seconded,,\n" +
		"Backwards,bw@example.com,Leaver,01/04/2026,01/03/2026\n" +
		"Bad \"Quote,bq@example.com,Active,,\n" +
		"Nonsense,ns@example.com,Leaver,,31/02/2026\n" +
		"Good Two,good.two@example.com,Leaver,,2026-01-31\n"
	staff, rows, err := Read(strings.NewReader(body), "staff.csv")
	if err != nil {
		t.Fatal(err)
	}
	// An unknown status keeps the person: dropping them could hide a leaver.
	if len(staff) != 3 || staff[1].Name != "Odd Status" || staff[2].Name != "Good Two" {
		t.Errorf("kept %+v, want the two good rows and the odd status", staff)
	}
	want := map[int]string{3: "no name", 4: "no @", 5: "no leave date", 6: "US date", 8: "before the start date", 9: "quote", 10: "not a real date"}
	if len(rows) != len(want) {
		t.Errorf("rejected %v", rows)
	}
	for _, re := range rows {
		if w, ok := want[re.Line]; !ok || !strings.Contains(re.Reason, w) {
			t.Errorf("line %d: %q, want it to say %q", re.Line, re.Reason, w)
		}
	}
}

func TestWholeFileProblems(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"":                              "is empty",
		"\n \n":                         "is empty",
		"PK\x03\x04\x14\x00":            "Excel workbook",
		"%PDF-1.4":                      "PDF",
		"\x00\x01binary":                "binary",
		"Department,Cost centre\nA,1\n": "no column of names",
		"Name,Email\n":                  "no people",
	}
	for body, want := range cases {
		_, _, err := Read(strings.NewReader(body), "staff.csv")
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "staff.csv") {
			t.Errorf("Read(%q) error = %v, want the file named and %q", body, err, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	good := map[string]time.Time{
		"05/03/2026": date(2026, 3, 5), "5/3/26": date(2026, 3, 5), "5.3.2026": date(2026, 3, 5), "05-03-2026": date(2026, 3, 5),
		"5 Mar 2026": date(2026, 3, 5), "5th March 2026": date(2026, 3, 5), "05-Mar-2026": date(2026, 3, 5), "1 Sept 2025": date(2025, 9, 1),
		"2026-03-05": date(2026, 3, 5), "2026-03-05 17:30:00": date(2026, 3, 5), "2026-03-05T17:30:00Z": date(2026, 3, 5),
		"12/11/2026": date(2026, 11, 12), // could be either: read the UK way
	}
	for in, want := range good {
		got, err := parseDate(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	bad := map[string]string{"11/25/2026": "US date", "31/04/2026": "not a real date", "13/13/2026": "not a real date", "soon": "not a date", "2026-02-30": "not a date"}
	for in, want := range bad {
		if _, err := parseDate(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseDate(%q) error = %v, want %q", in, err, want)
		}
	}
}
