package hrlist

import (
	"strings"
	"testing"
)

func TestAStrayQuoteDoesNotHideTheLeaversAfterIt(t *testing.T) {
	t.Parallel()
	body := "Name,Email,Status,Leave date\n" +
		"Jo Whitaker,jo@example.co.uk,Active,\n" +
		"\"Priya Shah,priya@example.co.uk,Active,\n" +
		"Declan O Briain,declan@example.co.uk,Leaver,01/03/2026\n" +
		"Sam Old,sam@example.co.uk,Leaver,14/02/2026\n"
	staff, rows, err := Read(strings.NewReader(body), "staff.csv")
	if err != nil {
		t.Fatal(err)
	}
	var leavers []string
	for _, s := range staff {
		if !s.Left.IsZero() {
			leavers = append(leavers, s.Name)
		}
	}
	if len(staff) != 3 || len(leavers) != 2 {
		t.Errorf("kept %+v, want Jo and both leavers", staff)
	}
	if len(rows) != 1 || rows[0].Line != 3 || !strings.Contains(rows[0].Reason, "quote") {
		t.Errorf("skipped %v, want line 3 for its quote", rows)
	}
}

func TestYearOneIsNotReadAs2001(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"01/01/0001", "01/01/1899", "0001-01-01", "1 Jan 0001", "01/01/0099"} {
		if got, err := parseDate(s); err == nil {
			t.Errorf("parseDate(%q) = %v, want it refused", s, got)
		}
	}
	body := "Name,Status,Leave date\nAnn Lee,Leaver,01/01/0001\nBo Chen,Leaver,02/01/2026\n"
	staff, rows, err := Read(strings.NewReader(body), "staff.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range staff {
		if s.Name == "Ann Lee" && s.Left.Year() == 2001 {
			t.Errorf("01/01/0001 read as %v", s.Left)
		}
	}
	if len(rows) != 1 || rows[0].Line != 2 || !strings.Contains(rows[0].Reason, "01/01/0001") {
		t.Errorf("skipped %v, want line 2 naming the date", rows)
	}
}
