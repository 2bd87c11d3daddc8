package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/safetext/hostile"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/export"
)

func breachSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if r := ringfence(t, dir, "sites", "add", "Acme Dental"); r.code != exitOK {
		t.Fatalf("sites add: %+v", r)
	}
	return dir
}

// A first look prints the first thing to do now before anything else, and
// says how to record it.
func TestBreachStatusPutsStoppingTheCallsFirst(t *testing.T) {
	t.Parallel()
	dir := breachSite(t)
	r := ringfence(t, dir, "breach", "--site", "acme dental")
	if r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	first := strings.Index(r.stdout, "Step 1 of 11: Stop the calls now")
	if first < 0 || first > strings.Index(r.stdout, "All steps:") || first > strings.Index(r.stdout, "Who to report to:") {
		t.Fatalf("the first thing to do is not first:\n%s", r.stdout)
	}
	for _, want := range []string{"Started incident", "--record now/bar-calls=done", "Report Fraud (formerly Action Fraud)", "The 72 hours run out", "--fraud-desk"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("status lacks %q:\n%s", want, r.stdout)
		}
	}
	// Looking again resumes the same incident rather than starting another.
	if again := ringfence(t, dir, "breach", "--site", "Acme Dental"); strings.Contains(again.stdout, "Started incident") {
		t.Errorf("a second look started a new incident:\n%s", again.stdout)
	}
	generic := ringfence(t, dir, "breach")
	if generic.code != exitOK || !strings.HasPrefix(generic.stdout, "Step 1 of 11: Stop the calls now") || !strings.Contains(generic.stdout, "Saved sites: Acme Dental") {
		t.Errorf("with no site: %+v", generic)
	}
}

// Every action of every step recorded from the command line, then the
// decisions, the root cause, the call records, the report and closing.
func TestBreachThroughEveryStepHeadless(t *testing.T) {
	t.Parallel()
	dir := breachSite(t)
	steps := breach.Steps()
	total := 0
	for i, s := range steps {
		for k, a := range s.Actions {
			total++
			o := breach.Outcomes()[(i+k)%3]
			r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--record", fmt.Sprintf("%s/%s=%s", s.ID, a.ID, o), "--by", "Jo Whitaker", "--note", "step "+s.ID)
			if r.code != exitOK || !strings.Contains(r.stdout, "Saved to incident") {
				t.Fatalf("%s/%s: %+v", s.ID, a.ID, r)
			}
			last := i == len(steps)-1 && k == len(s.Actions)-1
			if !last && !strings.Contains(r.stdout, "Next: step") {
				t.Fatalf("%s/%s: no next step:\n%s", s.ID, a.ID, r.stdout)
			}
			if last && !strings.Contains(r.stdout, "Every action has an outcome") {
				t.Fatalf("after the last action:\n%s", r.stdout)
			}
		}
	}
	for _, b := range []string{"report-fraud=yes", "ico=no", "bank=yes", "provider=yes"} {
		if r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--decide", b, "--reason", "because "+b); r.code != exitOK {
			t.Fatalf("--decide %s: %+v", b, r)
		}
	}
	var answers []string
	for _, q := range breach.RootCauseQuestions() {
		answers = append(answers, "--answer", q.ID+"=answer to "+q.ID)
	}
	answers = append(answers, "--sign", "Calls to Somalia on the bill", "--sign", "Greeting changed to another language", "--sign", "Calls to Somalia on the bill")
	if r := ringfence(t, dir, append([]string{"breach", "--site", "Acme Dental"}, answers...)...); r.code != exitOK {
		t.Fatalf("--answer: %+v", r)
	}
	calls := filepath.Join(t.TempDir(), "calls.csv")
	os.WriteFile(calls, []byte("start,from,to,duration,cost\n2026-11-21 01:00:00,204,00252612345678,600,45.50\n2026-11-21 01:20:00,204,0909 876 5432,600,30.00\n2026-11-20 11:00:00,101,01632 960001,60,0.05\n"), 0o600)
	r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--calls", calls, "--map", "start=start,from=from,to=to,duration=duration,cost=cost")
	if r.code != exitOK || !strings.Contains(r.stdout, "£75.50") {
		t.Fatalf("--calls: %+v", r)
	}
	report := filepath.Join(t.TempDir(), "incident.json")
	if r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--close", "--report", report); r.code != exitOK {
		t.Fatalf("--close --report: %+v", r)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var rep export.IncidentReport
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Incident.Signs) != 2 || rep.Incident.Signs[1] != "Greeting changed to another language" {
		t.Errorf("signs in the report: %q", rep.Incident.Signs)
	}
	if rep.Incident.Recorded != total || rep.Incident.Total != total || rep.Incident.Status != "closed" || rep.Calls == nil || rep.Calls.Calls != 2 || !rep.Cost.Known {
		t.Errorf("report incident %+v calls %+v", rep.Incident, rep.Calls)
	}
	for _, d := range rep.Decisions {
		if !d.Decided || !strings.HasPrefix(d.Reason, "because ") {
			t.Errorf("decision %+v not in the report", d)
		}
	}
	for _, q := range rep.RootCause {
		if q.Answer == "" {
			t.Errorf("root-cause %s not answered in the report", q.ID)
		}
	}
	if r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--record", "now/bar-calls=done"); !strings.Contains(r.stdout, "Started incident") {
		t.Errorf("after closing, recording should start a new incident:\n%+v", r)
	}
	if r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--list"); strings.Count(r.stdout, "\n") != 3 || !strings.Contains(r.stdout, "closed") {
		t.Errorf("--list:\n%s", r.stdout)
	}
}

func TestBreachRefusesBadUsageAndSavesNothing(t *testing.T) {
	t.Parallel()
	dir := breachSite(t)
	for _, args := range [][]string{
		{"--record", "now/reboot=done"},
		{"--record", "now-bar-calls"},
		{"--record", "now/bar-calls=finished"},
		{"--log", "fine", "--record", "panic/bar-calls=done"},
		{"--decide", "ico=maybe", "--reason", "x"},
		{"--decide", "ico=no"},
		{"--decide", "police=yes", "--reason", "x"},
		{"--answer", "who=someone"},
		{"--sign", "  "},
		{"--note", "a note with no action"},
		{"--report", "incident.docx"},
		{"--report", "incident.pdf", "--paper", "a3"},
		{"--fraud-desk", "Acme, call them"},
		{"--calls", "a.csv", "--calls-from-system"},
		{"--log", "x"}, // no --site
	} {
		full := append([]string{"breach", "--site", "Acme Dental"}, args...)
		if args[0] == "--log" && len(args) == 2 {
			full = []string{"breach", "--log", "x"}
		}
		r := ringfence(t, dir, full...)
		if r.code != exitUsage || r.stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--list"); !strings.Contains(r.stdout, "has no incidents") {
		t.Errorf("a refused command saved something:\n%s", r.stdout)
	}
}

func TestBreachCorruptIncidentIsNamedAndKept(t *testing.T) {
	t.Parallel()
	dir := breachSite(t)
	if r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--log", "first"); r.code != exitOK {
		t.Fatal(r)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "sites", "*", "incidents", "*.json"))
	if len(files) != 1 {
		t.Fatalf("incident files: %v", files)
	}
	broken := []byte(`{"schema": 1, "id": "` + strings.TrimSuffix(filepath.Base(files[0]), ".json") + `", "entries": [`)
	os.WriteFile(files[0], broken, 0o600)
	for _, args := range [][]string{{"--log", "second"}, {}, {"--list"}, {"--report", filepath.Join(t.TempDir(), "r.pdf")}} {
		r := ringfence(t, dir, append([]string{"breach", "--site", "Acme Dental"}, args...)...)
		if r.code != exitError || !strings.Contains(r.stderr, files[0]) || !strings.Contains(r.stderr, "damaged") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if got, _ := os.ReadFile(files[0]); string(got) != string(broken) {
		t.Error("the damaged incident file was changed")
	}
}

// Text typed in (notes, names) and read from files (extensions in the call
// records) never reaches the terminal as an escape or bidi character.
func TestBreachHostileTextStaysInert(t *testing.T) {
	t.Parallel()
	dir := breachSite(t)
	calls := filepath.Join(t.TempDir(), "calls.csv")
	var b strings.Builder
	b.WriteString("start,from,to,duration,cost\n")
	for i, n := range hostile.Names[:12] {
		fmt.Fprintf(&b, "2026-11-21 01:%02d:00,\"%s\",00252612345678,600,45.50\n", i, strings.ReplaceAll(strings.ReplaceAll(n, "\n", " "), "\"", ""))
	}
	os.WriteFile(calls, []byte(b.String()), 0o600)
	var outputs []string
	for i, n := range hostile.Names {
		r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--record", "now/bar-calls=done", "--note", n, "--by", hostile.Names[(i+1)%len(hostile.Names)][:min(90, len(hostile.Names[(i+1)%len(hostile.Names)]))], "--log", n)
		outputs = append(outputs, r.stdout, r.stderr)
	}
	r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--calls", calls, "--map", "start=start,from=from,to=to,duration=duration,cost=cost")
	outputs = append(outputs, r.stdout, r.stderr)
	r = ringfence(t, dir, "breach", "--site", "Acme Dental")
	outputs = append(outputs, r.stdout, r.stderr)
	r = ringfence(t, dir, "breach", "--site", "Acme Dental", "--report", "-")
	outputs = append(outputs, r.stdout, r.stderr)
	all := strings.Join(outputs, "\n")
	if !strings.Contains(all, "Smith") {
		t.Fatal("the hostile names did not reach the output, so this checks nothing")
	}
	if bad := hostile.Find(all, false); bad != "" {
		t.Errorf("output holds %s", bad)
	}
}

// Writing a report or closing never starts an incident: there would be
// nothing in it, and its opening time would be wrong.
func TestBreachReportAndCloseNeverStartAnIncident(t *testing.T) {
	t.Parallel()
	dir := breachSite(t)
	report := filepath.Join(t.TempDir(), "incident.pdf")
	for _, args := range [][]string{{"--report", report}, {"--close"}} {
		r := ringfence(t, dir, append([]string{"breach", "--site", "Acme Dental"}, args...)...)
		if r.code != exitError || !strings.Contains(r.stderr, "no incident yet") {
			t.Errorf("%v with no incident: %+v", args, r)
		}
	}
	ringfence(t, dir, "breach", "--site", "Acme Dental", "--log", "calls to Latvia on the bill")
	ringfence(t, dir, "breach", "--site", "Acme Dental", "--close")
	if r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--close"); r.code != exitError || !strings.Contains(r.stderr, "no open incident") {
		t.Errorf("closing twice: %+v", r)
	}
	if r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--report", report); r.code != exitOK {
		t.Errorf("a report of the closed incident: %+v", r)
	}
	if r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--list"); strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("want one incident listed:\n%s", r.stdout)
	}
}

// Recording a step against a closed incident is refused, and the command line
// says which of its own flags add a note or start a new incident.
func TestBreachRecordOnAClosedIncidentNamesTheWayOn(t *testing.T) {
	t.Parallel()
	dir := breachSite(t)
	ringfence(t, dir, "breach", "--site", "Acme Dental", "--log", "calls to Latvia on the bill")
	ringfence(t, dir, "breach", "--site", "Acme Dental", "--close")
	store, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	incs, err := store.Incidents("Acme Dental")
	if err != nil || len(incs) != 1 {
		t.Fatalf("incidents: %v %v", incs, err)
	}
	first := breach.Steps()[0]
	record := first.ID + "/" + first.Actions[0].ID + "=done"
	r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--incident", incs[0].ID, "--record", record)
	if r.code != exitError || !strings.Contains(r.stderr, "was closed on") ||
		!strings.Contains(r.stderr, "--log") || !strings.Contains(r.stderr, "--new") {
		t.Fatalf("recording on a closed incident: %+v", r)
	}
	if got, _ := store.LoadIncident("Acme Dental", incs[0].ID); len(got.Entries) != 0 {
		t.Errorf("a closed incident took %d entries", len(got.Entries))
	}
}
