// Package hrlist reads the staff or leavers list a business keeps, as a CSV
// exported from its HR or payroll system, into staff members that the leaver
// reconciliation can compare with the phone system.
package hrlist

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/ringfence/ringfence/checklist"
)

// RowError is one row that was left out, and why.
type RowError struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

func (e RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// maxSize caps the file: a staff list of a million rows is not a staff list.
const maxSize = 64 << 20

// Read parses a staff list. Good rows are kept; every row left out is reported
// with its line number and the reason. The error is for the file as a whole:
// empty, not CSV, or without a column of names.
func Read(r io.Reader, name string) ([]checklist.StaffMember, []RowError, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("%s could not be read: %w", name, err)
	}
	if len(data) > maxSize {
		return nil, nil, fmt.Errorf("%s is over 64 MB, far too big for a staff list: check you chose the right file", name)
	}
	text, err := decode(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s %v: save the staff list as CSV (UTF-8) and try again", name, err)
	}
	if strings.TrimSpace(text) == "" {
		return nil, nil, fmt.Errorf("%s is empty: export the staff list again", name)
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = sniffDelimiter(text)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: the first line is not CSV (%v)", name, err)
	}
	cols, err := findColumns(header)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	var staff []checklist.StaffMember
	var rejected []RowError
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				rejected = append(rejected, RowError{Line: pe.StartLine, Reason: "the quotes in this row do not pair up"})
				continue
			}
			return staff, rejected, fmt.Errorf("%s could not be read to the end: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		m, why := cols.member(rec)
		if why != "" {
			rejected = append(rejected, RowError{Line: line, Reason: why})
			continue
		}
		staff = append(staff, m)
	}
	if len(staff) == 0 && len(rejected) == 0 {
		return nil, nil, fmt.Errorf("%s has headings but no people in it", name)
	}
	return staff, rejected, nil
}

// decode turns the file into UTF-8 text: UTF-8 with or without a byte-order
// mark, UTF-16 as Excel's "Unicode text" writes it, or, failing those,
// Windows-1252, which older UK payroll exports still use.
func decode(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "", errors.New("is a zip file, perhaps an Excel workbook")
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "", errors.New("is a PDF")
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", errors.New("is UTF-16 text that could not be decoded")
		}
		return string(out), nil
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if bytes.IndexByte(data, 0) >= 0 {
		return "", errors.New("contains binary data, so it is not a CSV file")
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", errors.New("is not text Ringfence can read")
	}
	return string(out), nil
}

func sniffDelimiter(text string) rune {
	line, _, _ := strings.Cut(text, "\n")
	best, n := ',', 0
	for _, d := range []rune{',', ';', '\t', '|'} {
		if c := strings.Count(line, string(d)); c > n {
			best, n = d, c
		}
	}
	return best
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// columns holds where each field is; -1 when the list has no such column.
type columns struct {
	name, first, last, email, status, start, left int
}

// headerNames are the headings HR and payroll systems use, folded to letters.
var headerNames = map[string][]string{
	"name":   {"name", "fullname", "employeename", "employee", "staffname", "displayname", "colleague", "person", "preferredname"},
	"first":  {"firstname", "forename", "forenames", "givenname", "first"},
	"last":   {"lastname", "surname", "familyname", "last"},
	"email":  {"email", "emailaddress", "workemail", "workemailaddress", "mail", "businessemail"},
	"status": {"status", "employmentstatus", "employeestatus", "state", "active"},
	"start":  {"startdate", "start", "datestarted", "hiredate", "joined", "datejoined", "joiningdate", "employmentstartdate", "continuousservicedate"},
	"left":   {"leavedate", "leavingdate", "left", "dateleft", "enddate", "terminationdate", "leaverdate", "lastday", "lastworkingday", "lastdayofemployment", "employmentenddate", "dateofleaving"},
}

func fold(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func findColumns(header []string) (columns, error) {
	c := columns{-1, -1, -1, -1, -1, -1, -1}
	slots := map[string]*int{"name": &c.name, "first": &c.first, "last": &c.last, "email": &c.email, "status": &c.status, "start": &c.start, "left": &c.left}
	for i, h := range header {
		f := fold(h)
		for field, names := range headerNames {
			for _, n := range names {
				if f == n && *slots[field] < 0 {
					*slots[field] = i
				}
			}
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

// leaverWords and currentWords are the status values HR systems write.
var (
	leaverWords  = []string{"leaver", "left", "terminated", "inactive", "former", "exemployee", "resigned", "dismissed", "retired", "ended", "notactive", "no", "false"}
	currentWords = []string{"active", "current", "employed", "live", "onleave", "maternityleave", "paternityleave", "sickleave", "probation", "yes", "true", "starter", "newstarter"}
)

// member turns one row into a staff member, or says why it cannot.
func (c columns) member(rec []string) (checklist.StaffMember, string) {
	var m checklist.StaffMember
	m.Name = field(rec, c.name)
	if m.Name == "" {
		m.Name = strings.TrimSpace(field(rec, c.first) + " " + field(rec, c.last))
	}
	m.Email = strings.ToLower(field(rec, c.email))
	if m.Name == "" {
		return m, "it has no name"
	}
	if m.Email != "" && !strings.Contains(m.Email, "@") {
		return m, fmt.Sprintf("the e-mail address %q has no @", m.Email)
	}
	var start time.Time
	if s := field(rec, c.start); s != "" {
		t, err := parseDate(s)
		if err != nil {
			return m, "start date: " + err.Error()
		}
		start = t
	}
	if s := field(rec, c.left); s != "" {
		t, err := parseDate(s)
		if err != nil {
			return m, "leave date: " + err.Error()
		}
		m.Left = t
	}
	if !start.IsZero() && !m.Left.IsZero() && m.Left.Before(start) {
		return m, fmt.Sprintf("the leave date %s is before the start date %s", m.Left.Format("2 Jan 2006"), start.Format("2 Jan 2006"))
	}
	status := fold(field(rec, c.status))
	switch {
	case status == "" || contains(currentWords, status):
		// A leave date still counts: a notice period, or a status nobody updated.
	case contains(leaverWords, status):
		if m.Left.IsZero() {
			return m, fmt.Sprintf("%s is marked as a leaver but has no leave date: add the date so Ringfence can tell what happened after they left", m.Name)
		}
	default:
		if m.Left.IsZero() {
			return m, fmt.Sprintf("the status %q is not one Ringfence knows (such as Active or Leaver), and there is no leave date", field(rec, c.status))
		}
	}
	return m, ""
}

func contains(list []string, s string) bool {
	for _, w := range list {
		if w == s {
			return true
		}
	}
	return false
}
