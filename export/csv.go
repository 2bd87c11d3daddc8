package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// csvHeader names the columns of the CSV action plan. The names are stable:
// people build spreadsheets on them.
// The last three say what judged the audit, the same on every row, so a row
// copied elsewhere still says which rules produced it.
var csvHeader = []string{"rank", "check", "action", "why", "severity", "effort", "due", "owner", "done", "affected",
	"judged_by_release", "catalogue_version", "advisories_checked_up_to"}

// WriteCSV writes the action plan as CSV, one row per action under a header row,
// for a spreadsheet or a ticketing system's import.
//
// The file is UTF-8 and starts with a byte-order mark, which spreadsheet programs
// need to show names such as Zoë correctly (Excel otherwise assumes an older
// character set). Any cell that starts with =, +, -, @, a tab or a carriage return
// gets a single quote in front of it, so that a spreadsheet shows the text instead
// of running it as a formula: a name typed into the phone system should never be
// able to act in someone's spreadsheet.
func WriteCSV(w io.Writer, a *checklist.Audit) error {
	if a == nil {
		return errorNoAudit("CSV")
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	var judged [3]string
	if j := a.JudgedBy; j != nil {
		judged = [3]string{j.Release, strconv.Itoa(j.Catalogue), j.AdvisoriesCheckedUpTo}
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, act := range a.Plan {
		done := "no"
		if act.Done {
			done = "yes"
		}
		row := []string{
			strconv.Itoa(act.Rank), act.CheckID, act.Action, act.Why,
			string(act.Severity), string(act.Effort), act.Due.Format(time.DateOnly),
			act.Owner, done, strconv.Itoa(act.Affected),
			judged[0], judged[1], judged[2],
		}
		for i := range row {
			row[i] = spreadsheetSafe(safetext.Text(row[i]))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// spreadsheetSafe stops a cell being read as a formula (CSV injection): a leading
// single quote is the convention spreadsheets understand as "this is text".
func spreadsheetSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
