// Package hrlist reads the staff or leavers list a business keeps, as a CSV
// exported from its HR or payroll system, into staff members that the leaver
// reconciliation can compare with the phone system.
package hrlist

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors/tabular"
)

// RowError is one line that was left out, and why.
type RowError = tabular.Skip

// Read parses a staff list. Good rows are kept; every line left out is
// reported with its number and the reason. The error is for the file as a
// whole: empty, not CSV, or without a column of names.
func Read(r io.Reader, name string) ([]inventory.StaffMember, []RowError, error) {
	staff, rep, err := ReadReport(r, name)
	if err != nil {
		return nil, nil, err
	}
	return staff, rep.Skips, nil
}

// headerSearchLines is how far down ReadReport looks for the header row.
const headerSearchLines = 5

// ReadReport is Read with the whole account of the file: lines read, used
// and skipped, the layout recognised, and status values kept but not known.
func ReadReport(r io.Reader, name string) ([]inventory.StaffMember, tabular.Report, error) {
	tr, err := tabular.NewReader(r, name, tabular.Options{Known: knownHeader})
	if err != nil {
		if errors.Is(err, tabular.ErrEmpty) {
			return nil, tabular.Report{}, fmt.Errorf("%s is empty: export the staff list again", name)
		}
		return nil, tabular.Report{}, err
	}
	// The header is the first row with a column of names; a title or two
	// above it (as in Sage HR's template) is allowed.
	var headings []string
	var cols columns
	var titles []tabular.Record
	for {
		header, err := tr.Next()
		if errors.Is(err, io.EOF) {
			if headings != nil {
				_, err := findColumns(headings)
				return nil, tabular.Report{}, fmt.Errorf("%s: %w", name, err)
			}
			return nil, tabular.Report{}, fmt.Errorf("%s has no line Ringfence could read: %s", name, firstSkip(tr.Report()))
		}
		if err != nil {
			return nil, tabular.Report{}, err
		}
		first := headings == nil
		if first {
			headings = slices.Clone(header.Fields) // the reader reuses Fields
		}
		if c, err := findColumns(header.Fields); err == nil {
			headings, cols = slices.Clone(header.Fields), c
			for _, t := range titles {
				tr.Title(t)
			}
			tr.Header(header)
			break
		} else if len(titles) == headerSearchLines-1 {
			_, err := findColumns(headings)
			return nil, tabular.Report{}, fmt.Errorf("%s: %w", name, err)
		}
		titles = append(titles, tabular.Record{Line: header.Line, Lines: header.Lines})
	}
	tr.SetColumns(headings)
	var staff []inventory.StaffMember
	unknown := map[string][]int{}
	var unknownOrder []string
	var statuses []string
	for {
		rec, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, tabular.Report{}, err
		}
		m, odd, why := cols.member(rec.Fields)
		if why != "" {
			tr.Skip(rec, why)
			continue
		}
		if odd != "" {
			if _, seen := unknown[odd]; !seen {
				unknownOrder = append(unknownOrder, odd)
			}
			unknown[odd] = append(unknown[odd], rec.Line)
		}
		if len(statuses) < 200 {
			statuses = append(statuses, cols.statusValues(rec.Fields)...)
		}
		tr.Use(rec)
		staff = append(staff, m)
	}
	rep := tr.Report()
	rep.Layout = detectLayout(headings, statuses)
	for _, v := range unknownOrder {
		rep.Notes = append(rep.Notes, fmt.Sprintf("status %q is not one Ringfence knows, so it was read as still employed unless a leave date says otherwise (%s)", v, lineList(unknown[v])))
	}
	if len(staff) == 0 && rep.Skipped == 0 {
		return nil, tabular.Report{}, fmt.Errorf("%s has headings but no people in it", name)
	}
	return staff, rep, nil
}

func firstSkip(rep tabular.Report) string {
	if len(rep.Skips) > 0 {
		return rep.Skips[0].Error()
	}
	return "it holds no rows"
}

func lineList(lines []int) string {
	var b strings.Builder
	if len(lines) == 1 {
		b.WriteString("line ")
	} else {
		b.WriteString("lines ")
	}
	for i, l := range lines {
		if i == 8 {
			fmt.Fprintf(&b, " and %d more", len(lines)-i)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, l)
	}
	return b.String()
}

// columns holds where each field is; -1 when the list has no such column.
// status holds every column that says whether someone still works there:
// a lifecycle status (Active, Leaver) and an employment type (Full-time,
// Contractor), which BambooHR and Sage HR call "Employment Status".
type columns struct {
	name, first, last, email, start, left int
	status                                []int
}

// headerNames are the headings HR and payroll systems use, folded by fold,
// best first: where a file has two e-mail columns, the work one wins.
var headerNames = map[string][]string{
	"name":  {"name", "fullname", "employeename", "employee", "staffname", "displayname", "colleague", "person", "preferredname"},
	"first": {"firstname", "forename", "forenames", "givenname", "first"},
	"last":  {"lastname", "surname", "familyname", "last"},
	// Employment Hero's "Company Email" is the work address; its "Account
	// Email" is the login, often a personal address, so it comes last.
	"email":  {"workemail", "companyemail", "businessemail", "workemailaddress", "email", "emailaddress", "mail", "accountemail"},
	"status": {"status", "employeestatus", "personstatus", "peoplestatus", "employmentstatus", "employmenttype", "state", "active"},
	"start":  {"startdate", "start", "datestarted", "hiredate", "joined", "datejoined", "joiningdate", "employmentstartdate", "continuousservicedate"},
	"left":   {"leavedate", "leavingdate", "left", "dateleft", "enddate", "terminationdate", "leaverdate", "lastday", "lastworkingday", "lastdayofemployment", "employmentenddate", "dateofleaving"},
}

// fold squashes a heading to lower-case letters and digits, with "#" read as
// "number", so BambooHR's "Employee #" is an employee number, not a name.
func fold(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '#':
			b.WriteString("number")
		}
	}
	return b.String()
}

// knownHeader helps the reader choose the separator.
func knownHeader(cell string) bool {
	f := fold(cell)
	for _, names := range headerNames {
		if slices.Contains(names, f) {
			return true
		}
	}
	return false
}

func findColumns(header []string) (columns, error) {
	c := columns{name: -1, first: -1, last: -1, email: -1, start: -1, left: -1}
	pick := func(field string) int {
		best, rank := -1, len(headerNames[field])
		for i, h := range header {
			if r := slices.Index(headerNames[field], fold(h)); r >= 0 && r < rank {
				best, rank = i, r
			}
		}
		return best
	}
	c.name, c.first, c.last, c.email = pick("name"), pick("first"), pick("last"), pick("email")
	c.start, c.left = pick("start"), pick("left")
	for i, h := range header {
		if slices.Contains(headerNames["status"], fold(h)) {
			c.status = append(c.status, i)
		}
	}
	if c.name < 0 && (c.first < 0 || c.last < 0) {
		return c, fmt.Errorf("Ringfence found no column of names. The first line should hold headings such as Name (or First name and Surname), Email, Status and Leave date; it holds %q", strings.Join(header, ", "))
	}
	return c, nil
}

func field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// leaverWords and currentWords are the status values HR systems write,
// folded. Current covers lifecycle words (Personio's onboarding and leave,
// Breathe HR's pending, current and leaving) and employment types (BambooHR
// and Sage HR's Full-time, Part-time, Contractor, Intern), which only a
// person still employed has.
var (
	leaverWords  = []string{"leaver", "left", "terminated", "inactive", "former", "exemployee", "formeremployee", "resigned", "dismissed", "retired", "ended", "notactive", "no", "false", "archived", "deactivated", "deleted"}
	currentWords = []string{"active", "current", "currentemployee", "employed", "live", "onleave", "leave", "maternityleave", "paternityleave", "sickleave", "parentalleave", "probation", "yes", "true", "starter", "newstarter", "onboarding", "pending", "leaving", "pendingleaver", "fulltime", "parttime", "contractor", "contract", "intern", "temporary", "permanent", "fixedterm", "casual", "volunteer", "employee", "seasonal", "apprentice", "freelancer", "trainee", "zerohours"}
)

func (c columns) statusValues(rec []string) []string {
	var out []string
	for _, i := range c.status {
		if v := field(rec, i); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// member turns one row into a staff member, or says why it cannot. odd is a
// status value Ringfence does not know: the person is kept and the value
// reported, because dropping them would hide a leaver as surely as a typo.
func (c columns) member(rec []string) (m inventory.StaffMember, odd, why string) {
	m.Name = field(rec, c.name)
	if m.Name == "" {
		m.Name = strings.TrimSpace(field(rec, c.first) + " " + field(rec, c.last))
	}
	m.Email = strings.ToLower(field(rec, c.email))
	if m.Name == "" {
		return m, "", "it has no name"
	}
	if m.Email != "" && !strings.Contains(m.Email, "@") {
		return m, "", fmt.Sprintf("the e-mail address %q has no @", m.Email)
	}
	var start time.Time
	if s := field(rec, c.start); s != "" {
		t, err := parseDate(s)
		if err != nil {
			return m, "", "start date: " + err.Error()
		}
		start = t
	}
	if s := field(rec, c.left); s != "" {
		t, err := parseDate(s)
		if err != nil {
			return m, "", "leave date: " + err.Error()
		}
		m.Left = t
	}
	if !start.IsZero() && !m.Left.IsZero() && m.Left.Before(start) {
		return m, "", fmt.Sprintf("the leave date %s is before the start date %s", m.Left.Format("2 Jan 2006"), start.Format("2 Jan 2006"))
	}
	leaver := false
	for _, v := range c.statusValues(rec) {
		switch f := fold(v); {
		case slices.Contains(leaverWords, f):
			leaver = true
		case slices.Contains(currentWords, f):
			// A leave date still counts: a notice period, or a status nobody updated.
		case odd == "":
			odd = v
		}
	}
	if leaver && m.Left.IsZero() {
		return m, "", fmt.Sprintf("%s is marked as a leaver but has no leave date: add the date so Ringfence can tell what happened after they left", m.Name)
	}
	return m, odd, ""
}
