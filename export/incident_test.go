package export

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/safetext/hostile"
)

// sampleIncident has something in every part of the report, with text
// taken from names (a typed note, the extensions in a call file).
func sampleIncident(names []string) (checklist.Site, *breach.Incident) {
	pick := func(i int) string { return names[i%len(names)] }
	opened := time.Date(2026, 11, 28, 7, 5, 0, 0, time.UTC)
	site := checklist.Site{Name: "Brightwater Kitchens Ltd", FraudDesk: checklist.FraudDesk{Name: "Acme Telecom fraud team", Phone: "0800 123 4567"}}
	inc := &breach.Incident{ID: breach.NewID(opened), Site: site.Name, Opened: opened, Signs: []string{pick(0), "Greeting changed to another language"}}
	at := opened
	k := 0
	for _, s := range breach.Steps()[:4] {
		for _, a := range s.Actions {
			at = at.Add(3 * time.Minute)
			inc.Entries = append(inc.Entries, breach.Entry{At: at, Step: s.ID, Action: a.ID, Outcome: breach.Outcomes()[k%3], Note: pick(k), By: pick(k + 1)})
			k++
		}
	}
	inc.Log = []breach.LogLine{{At: opened.Add(time.Minute), Text: pick(3)}, {At: opened.Add(2 * time.Minute), Text: "Bill shows 212 calls to Somalia since Saturday"}}
	inc.Calls = &breach.CallFindings{File: "/home/jo/" + pick(4) + ".csv", Start: opened.Add(-30 * time.Hour), End: opened.Add(-time.Hour),
		Extensions: []string{"204", pick(5)}, Calls: 212, Minutes: 1431, Cost: 2871.5, CostKnown: true, Ongoing: true, Read: 5120, At: opened.Add(time.Hour),
		Summary: []string{"Extension 204 made 200 calls to Somalia (+252).", pick(6)}}
	inc.Decisions = []breach.Decision{
		{Body: breach.ICO, Report: false, Reason: "No voicemail or recordings are kept", At: opened.Add(2 * time.Hour)},
		{Body: breach.ReportFraud, Report: true, Reason: "Money was lost: " + pick(7), At: opened.Add(3 * time.Hour)},
	}
	inc.RootCause = map[string]string{"way-in": "Guessed SIP password on extension 204 " + pick(8)}
	inc.RootCauseAt = map[string]time.Time{"way-in": opened.Add(4 * time.Hour)}
	return site, inc
}

func TestIncidentReportPDFText(t *testing.T) {
	t.Parallel()
	site, inc := sampleIncident(hostile.Safe)
	var buf bytes.Buffer
	if err := writeIncidentPDF(&buf, NewIncidentReport(site, inc, testNow), PaperA4, false); err != nil {
		t.Fatal(err)
	}
	text := runTool(t, "pdftotext", "-layout", savePDF(t, buf.Bytes()), "-")
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"PHONE SYSTEM INCIDENT REPORT", "Brightwater Kitchens Ltd", "Incident 2026-11-28T07-05-00Z",
		"Timeline", "Actions taken", "Bar international and premium-rate calls", "by Łukasz Wójcik",
		"212 calls", "£2871.50", "it may still be going on", "204,",
		"Reporting decisions", "Do not report", "No voicemail or recordings are kept", "Money was lost: Émile Dubois",
		"Guessed SIP password on extension 204", "Follow-up actions", "Run a full Ringfence audit",
		"Acme Telecom fraud team, 0800 123 4567", "Zoë Ward", "Siobhán Ní Bhriain",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	if pages := runTool(t, "pdfinfo", savePDF(t, buf.Bytes())); !strings.Contains(pages, "Pages:") {
		t.Errorf("pdfinfo could not read the PDF:\n%s", pages)
	}
}

// TestIncidentReportHostileText sends the hostile set through every part of
// both reports and scans what a reader gets for control, escape and bidi
// characters.
func TestIncidentReportHostileText(t *testing.T) {
	t.Parallel()
	site, inc := sampleIncident(hostile.Names)
	rep := NewIncidentReport(site, inc, testNow)
	var pdf, js bytes.Buffer
	if err := writeIncidentPDF(&pdf, rep, PaperLetter, true); err != nil {
		t.Fatal(err)
	}
	if err := writeIncidentJSON(&js, rep); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"PDF": strings.Join(pdfStrings(pdf.Bytes()), "\n"), "JSON": js.String()} {
		if !strings.Contains(text, "Smith") {
			t.Errorf("%s: the hostile names did not reach it, so this checks nothing", name)
		}
		if bad := hostile.Find(text, false); bad != "" {
			t.Errorf("%s holds %s", name, bad)
		}
	}
	// The JSON keeps the names as data: a reader gets them back exactly.
	var back IncidentReport
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Incident.Signs[0] != hostile.Names[0] || back.Calls.Extensions[1] != hostile.Names[5] {
		t.Errorf("JSON changed the names: %q", back.Incident.Signs[0])
	}
}

func TestIncidentReportJSONFields(t *testing.T) {
	t.Parallel()
	site, inc := sampleIncident(hostile.Safe)
	path := filepath.Join(t.TempDir(), "incident.json")
	if err := WriteIncident(t.Context(), site, inc, IncidentRequest{Path: path, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	// These names are documented in the README; renaming one breaks readers.
	for _, key := range []string{"report", "schema", "generated", "site", "fraud_desk", "incident", "timeline", "actions", "calls", "estimated_cost", "decisions", "root_cause", "follow_up"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("the JSON report has no %q", key)
		}
	}
	if doc["report"] != "ringfence-incident" || doc["schema"] != float64(IncidentReportSchema) {
		t.Errorf("report %v schema %v", doc["report"], doc["schema"])
	}
	var rep IncidentReport
	_ = json.Unmarshal(data, &rep)
	if rep.Incident.Recorded != 17 || rep.Incident.Total < rep.Incident.Recorded || !rep.Cost.Known || rep.Cost.Pounds != 2871.5 {
		t.Errorf("incident %+v cost %+v", rep.Incident, rep.Cost)
	}
	var undecided int
	for _, d := range rep.Decisions {
		if !d.Decided {
			undecided++
		}
	}
	if undecided != 2 || len(rep.FollowUp) == 0 || !strings.Contains(rep.FollowUp[len(rep.FollowUp)-1].Text, "Run a full Ringfence audit") || !strings.Contains(rep.FollowUp[len(rep.FollowUp)-2].Text, "Decide whether to report to your") {
		t.Errorf("decisions %+v follow-up %+v", rep.Decisions, rep.FollowUp)
	}
	for i := 1; i < len(rep.Timeline); i++ {
		if rep.Timeline[i].At.Before(rep.Timeline[i-1].At) {
			t.Fatalf("the timeline is out of order at %d", i)
		}
	}
}

func TestIncidentReportRefusesUnknownFormats(t *testing.T) {
	t.Parallel()
	site, inc := sampleIncident(hostile.Safe)
	dir := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "report.docx"), filepath.Join(dir, "report"), "-x.pdf\x1b[2J"} {
		err := WriteIncident(t.Context(), site, inc, IncidentRequest{Path: path})
		if err == nil || strings.Contains(err.Error(), "\x1b") {
			t.Errorf("%q: %v", path, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused report left %d files", len(entries))
	}
}
