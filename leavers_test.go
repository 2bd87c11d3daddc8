package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/sitestore"
)

// A payroll export with a UK date format, a BOM, "Surname, First" names, a short
// form (Tom for Thomas) and one bad row.
func writeHRList(t *testing.T, dir string) string {
	t.Helper()
	left := fixedNow.AddDate(0, 0, -21).Format("02/01/2006")
	rows := "\ufeffName,Email,Status,Leave date\n" +
		"\"Bell, Marcus\",marcus.bell@brightwater.example.co.uk,Active,\n" +
		"Thomas Fletcher,,Active,\n" +
		"Declan Ó Briain,declan.obriain@brightwater.example.co.uk,Leaver," + left + "\n" +
		"Nobody Atall,,Active,31/02/2026\n"
	path := filepath.Join(dir, "staff.csv")
	if err := os.WriteFile(path, []byte(rows), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLeaversReport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	hr := writeHRList(t, dir)
	r := ringfence(t, dir, "leavers", "--demo", "--hr", hr)
	if r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	for _, want := range []string{"Leavers who can still use the phone system: 1", "214", "Declan Ó Briain", "left ", "calls forwarded to"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, hr+": skipped line 5") || !strings.Contains(r.stderr, hr+": 4 lines read below the header on line 1: 3 used, 1 skipped") {
		t.Errorf("the bad date row should be reported by line, and the lines counted: %q", r.stderr)
	}
	// Most of the demo's staff are missing from this short list, so their
	// extensions are reported as owned by nobody on it.
	if !strings.Contains(r.stdout, "Extensions nobody on the staff list owns:") {
		t.Errorf("unowned section missing:\n%s", r.stdout)
	}

	r = ringfence(t, dir, "leavers", "--demo", "--hr", hr, "--json", "-")
	var rep struct {
		Leavers []struct {
			Extension  string `json:"extension"`
			CallsAfter int    `json:"calls_after"`
		} `json:"leavers"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Leavers) != 1 || rep.Leavers[0].CallsAfter == 0 {
		t.Errorf("JSON report: %v %+v", err, rep)
	}
	if r := ringfence(t, dir, "leavers", "--demo"); r.code != exitUsage {
		t.Errorf("leavers without --hr: %+v", r)
	}
}

func TestAuditWithStaffListFeedsLeaverChecks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ringfence(t, dir, "sites", "add", "Answers Only Ltd")
	hr := writeHRList(t, dir)
	r := ringfence(t, dir, "audit", "--site", "Answers Only Ltd", "--hr", hr, "--json", "-")
	if r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	// With no extensions the leaver checks still cannot be judged, but the staff
	// list is kept for the next audit.
	r = ringfence(t, dir, "leavers", "--site", "Answers Only Ltd", "--hr", hr)
	if r.code != exitOK || !strings.Contains(r.stdout, "0 personal extensions") {
		t.Errorf("leavers on a site with no extensions: %+v", r)
	}
	// On the demo, the HR list replaces the built-in one and LV-06 still fails.
	r = ringfence(t, dir, "audit", "--demo", "--hr", hr, "--json", "-")
	var doc reportDoc
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	for _, res := range doc.Results {
		if res.ID == "LV-06" && res.Status != "fail" {
			t.Errorf("LV-06 with the payroll list: %s", res.Status)
		}
	}
}

// writeMasterCSV writes an Asterisk Master.csv (no header) with ordinary daytime
// calls and, if fraud is set, a night of calls to Latvia.
func writeMasterCSV(t *testing.T, dir string, fraud bool) string {
	t.Helper()
	var b strings.Builder
	row := func(src, dst string, start time.Time, secs int) {
		end := start.Add(time.Duration(secs) * time.Second)
		f := "2006-01-02 15:04:05"
		fmt.Fprintf(&b, "\"\",\"%s\",\"%s\",\"from-internal\",\"\",\"PJSIP/%s-0001\",\"PJSIP/trunk-0002\",\"Dial\",\"\",\"%s\",\"%s\",\"%s\",%d,%d,\"ANSWERED\",\"DOCUMENTATION\"\n",
			src, dst, src, start.Format(f), start.Format(f), end.Format(f), secs, secs)
	}
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC) // a Monday
	for d := range 12 {
		date := day.AddDate(0, 0, d)
		if wd := date.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		for i := range 6 {
			row("201", "01614960123", date.Add(time.Duration(i)*time.Hour), 180)
		}
	}
	if fraud {
		night := time.Date(2026, 11, 7, 1, 0, 0, 0, time.UTC)
		for i := range 12 {
			row("205", "0037167123456", night.Add(time.Duration(i)*10*time.Minute), 540)
		}
	}
	b.WriteString("this,is,not,a,call\n")
	path := filepath.Join(dir, "Master.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCDRFindsFraudAndRecordsIt(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	clean := writeMasterCSV(t, dir, false)
	r := ringfence(t, dir, "cdr", clean)
	if r.code != exitOK || !strings.Contains(r.stdout, "Nothing that looks like fraud") {
		t.Errorf("clean file: %+v", r)
	}
	if !strings.Contains(r.stderr, "skipped line 61") || !strings.Contains(r.stderr, clean+": 61 lines read: 60 used, 1 skipped") {
		t.Errorf("the bad row should be reported by line, and the lines counted: %q", r.stderr)
	}

	ringfence(t, dir, "sites", "add", "Acme")
	ringfence(t, dir, "audit", "--site", "Acme")
	fraud := writeMasterCSV(t, dir, true)
	r = ringfence(t, dir, "cdr", fraud, "--site", "Acme")
	if r.code != exitOK || !strings.Contains(r.stdout, "Possible fraud:") || !strings.Contains(r.stdout, "205") {
		t.Fatalf("fraud file: %+v", r)
	}
	if !strings.Contains(r.stdout, "Recorded against the audit of Acme") {
		t.Errorf("the result should be recorded: %q", r.stdout)
	}
	r = ringfence(t, dir, "audit", "--site", "Acme", "--json", "-")
	var doc reportDoc
	json.Unmarshal([]byte(r.stdout), &doc)
	for _, res := range doc.Results {
		if res.ID == "MON-02" && res.Status != "fail" {
			t.Errorf("MON-02 after a fraud finding: %s", res.Status)
		}
	}

	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"cdr"}, exitUsage, "the call-record file"},
		{[]string{"cdr", filepath.Join(dir, "none.csv")}, exitError, "Could not read the call records"},
		{[]string{"cdr", writeFile(t, dir, "empty.csv", "")}, exitError, "is empty"},
		{[]string{"cdr", writeFile(t, dir, "pic.csv", "\x89PNG\r\n\x1a\n\x00\x00\x00")}, exitError, "not a CSV"},
		{[]string{"cdr", clean, "--map", "nonsense"}, exitUsage, "--map"},
	} {
		r := ringfence(t, dir, bad.args...)
		if r.code != bad.code || !strings.Contains(r.stderr, bad.want) {
			t.Errorf("%v: exit %d %q; want %d mentioning %q", bad.args, r.code, r.stderr, bad.code, bad.want)
		}
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCDRBusinessHoursAreRememberedPerSite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ringfence(t, dir, "sites", "add", "Early Birds Ltd")
	ringfence(t, dir, "audit", "--site", "Early Birds Ltd")
	calls := writeMasterCSV(t, dir, false) // weekday calls between 09:00 and 14:00
	r := ringfence(t, dir, "cdr", calls, "--site", "Early Birds Ltd", "--hours", "mon-fri 10:00-12:00")
	if r.code != exitOK || !strings.Contains(r.stdout, "Possible fraud:") {
		t.Fatalf("calls outside 10:00-12:00 should stand out: %+v", r)
	}
	store, _ := sitestore.OpenStore(dir)
	site, err := store.Site("Early Birds Ltd")
	if err != nil || site.Hours != "Mon-Fri 10:00-12:00" {
		t.Fatalf("the site should remember its hours: %q, %v", site.Hours, err)
	}
	r = ringfence(t, dir, "cdr", calls, "--site", "Early Birds Ltd")
	if !strings.Contains(r.stdout, "Possible fraud:") {
		t.Errorf("the remembered hours should apply next time: %s", r.stdout)
	}
	if r := ringfence(t, dir, "cdr", calls, "--hours", "nine to five"); r.code != exitUsage || !strings.Contains(r.stderr, "--hours") {
		t.Errorf("bad hours: %+v", r)
	}
}

// vetsSite saves a vets' practice read from a spreadsheet, with a staff list
// that names only Jo.
func vetsSite(t *testing.T, dir string) (phones, staff string) {
	t.Helper()
	phones = writeFile(t, dir, "phones.csv", "Extension,Name\n200,Jo Whitaker\n201,Pharmacy\n202,On-call Vet\n203,Kennels\n"+
		"204,Maintenance Hotline\n205,Rose Room\n206,Sam Thompson\n")
	staff = writeFile(t, dir, "vets-staff.csv", "Name,Email,Status\nJo Whitaker,,Active\n")
	ringfence(t, dir, "sites", "add", "Vets")
	if r := ringfence(t, dir, "audit", "--site", "Vets", "--connector", "csv", "--file", phones, "--hr", staff); r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	return phones, staff
}

func TestLeaversSetsRoleLinesApartAndRemembersMarks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	phones, staff := vetsSite(t, dir)
	r := ringfence(t, dir, "leavers", "--site", "Vets", "--hr", staff)
	for _, want := range []string{
		"Extensions nobody on the staff list owns: 1\n  206",
		"Role and shared lines: 4 (Pharmacy, On-call Vet, Kennels, Maintenance Hotline)",
		"Lines that may be role lines: 1\n  205",
		"--role",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}

	r = ringfence(t, dir, "leavers", "--site", "Vets", "--hr", staff, "--role", "205", "--person", "204")
	if r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	for _, want := range []string{
		"Extensions nobody on the staff list owns: 2\n  204",
		"Role and shared lines: 4 (Pharmacy, On-call Vet, Kennels, Rose Room)",
		"Lines that may be role lines: 0",
		"Saved for Vets",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("after marking, the report lacks %q:\n%s", want, r.stdout)
		}
	}
	// A new audit keeps the marks.
	if r := ringfence(t, dir, "audit", "--site", "Vets", "--connector", "csv", "--file", phones); r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	r = ringfence(t, dir, "leavers", "--site", "Vets", "--hr", staff)
	if !strings.Contains(r.stdout, "Role and shared lines: 4 (Pharmacy, On-call Vet, Kennels, Rose Room)") ||
		!strings.Contains(r.stdout, "204  Maintenance Hotline  you marked it as a person's line") {
		t.Errorf("the marks did not survive a new audit:\n%s", r.stdout)
	}

	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"--role", "999"}, "Extension 999 is not in"},
		{[]string{"--role", "205", "--person", "205"}, "205 is given to both --role and --person"},
		{[]string{"--role", ","}, "Give one or more extension numbers"},
	} {
		args := append([]string{"leavers", "--site", "Vets", "--hr", staff}, bad.args...)
		if r := ringfence(t, dir, args...); r.code == exitOK || !strings.Contains(r.stderr, bad.want) {
			t.Errorf("%v: exit %d %q; want a refusal mentioning %q", bad.args, r.code, r.stderr, bad.want)
		}
	}
	store, _ := sitestore.OpenStore(dir)
	a, _ := store.LatestAudit("Vets")
	if len(a.LeaverDecisions) != 2 {
		t.Errorf("a refused mark must change nothing: %+v", a.LeaverDecisions)
	}

	r = ringfence(t, dir, "leavers", "--demo", "--hr", staff, "--role", "101")
	if r.code != exitOK || !strings.Contains(r.stdout, "101 Jo Whitaker") && !strings.Contains(r.stdout, "Jo Whitaker)") || !strings.Contains(r.stdout, "not saved") {
		t.Errorf("marking on the demo: %+v", r)
	}
}
