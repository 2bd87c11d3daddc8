package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

func TestSpreadsheetSafe(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+44 161 496 0000", "'+44 161 496 0000"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"},
		{"\rcmd", "'\rcmd"},
		{"Zoë Hartley", "Zoë Hartley"},
		{"a=b", "a=b"},
		{"", ""},
		{"2026-11-23", "2026-11-23"},
	}
	for _, tc := range tests {
		if got := spreadsheetSafe(tc.in); got != tc.want {
			t.Errorf("spreadsheetSafe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Fatal("no UTF-8 byte-order mark: spreadsheets would garble accented names")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	return rows
}

func TestCSVRoundTripsThePlan(t *testing.T) {
	t.Parallel()
	cat := checklist.Builtin()
	a := demoAudit(t)
	first := a.Plan[0].CheckID
	a.Track(cat, first, checklist.Tracking{Owner: "=cmd|' /C calc'!A0 Zoë", Done: testNow}, testNow)

	var buf bytes.Buffer
	if err := WriteCSV(&buf, a); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	if strings.Join(rows[0], ",") != "rank,check,action,why,severity,effort,due,owner,done,affected,judged_by_release,catalogue_version,advisories_checked_up_to" {
		t.Errorf("header row = %v", rows[0])
	}
	if got, want := len(rows)-1, len(a.Plan); got != want {
		t.Fatalf("%d action rows, want %d", got, want)
	}
	byCheck := map[string][]string{}
	for _, r := range rows[1:] {
		byCheck[r[1]] = r
	}
	for _, act := range a.Plan {
		row, ok := byCheck[act.CheckID]
		if !ok {
			t.Errorf("%s missing", act.CheckID)
			continue
		}
		if row[2] != act.Action || row[3] != act.Why || row[4] != string(act.Severity) || row[6] != act.Due.Format("2006-01-02") {
			t.Errorf("%s row = %q", act.CheckID, row)
		}
	}
	tracked := byCheck[first]
	if tracked[7] != "'=cmd|' /C calc'!A0 Zoë" {
		t.Errorf("owner cell = %q: a formula must be quoted and the name kept intact", tracked[7])
	}
	if tracked[8] != "yes" {
		t.Errorf("done = %q, want yes", tracked[8])
	}
}

func TestCSVEmptyPlanHasHeaderOnly(t *testing.T) {
	t.Parallel()
	a := checklist.NewAudit(checklist.Builtin(), "Empty", inventory.Inventory{}, nil, testNow)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, a); err != nil {
		t.Fatal(err)
	}
	if rows := readCSV(t, buf.Bytes()); len(rows) != 1 {
		t.Errorf("%d rows, want the header alone", len(rows))
	}
}
