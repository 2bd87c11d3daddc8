package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// patternCalls are call records whose only finding is a pattern, not a call
// to a risky number: one UK number rung fourteen times for five seconds in
// office hours, the way fraudsters test a line before they use it.
func patternCalls() string {
	var b strings.Builder
	b.WriteString(`"SegmentId","SegmentStartTime","SegmentEndTime","SrcId","SrcDn","SrcCallerNumber","SrcDisplayName","SrcExternal","DstId","DstDn","DstCallerNumber","DstDisplayName","DstExternal","CallTime","CallAnswered"` + "\n")
	for i := range 14 {
		fmt.Fprintf(&b, `"%d","2026-11-18T10:%02d:00+00:00","2026-11-18T10:%02d:05+00:00","11","101","101","Sam","False","12","10000","01614960123","","True","PT5S","True"`+"\n", i, 2*i, 2*i)
	}
	return b.String()
}

// TestBreachPatternFindingIsNeverReportedAsNothingFound reads call records
// whose only finding is a pattern (short test calls to one number): the
// command line says it is suspicious, so the PDF report for the insurer and
// the JSON record must not say that nothing suspicious was found.
func TestBreachPatternFindingIsNeverReportedAsNothingFound(t *testing.T) {
	t.Parallel()
	dir := breachSite(t)
	calls := filepath.Join(t.TempDir(), "calls.csv")
	if err := os.WriteFile(calls, []byte(patternCalls()), 0o600); err != nil {
		t.Fatal(err)
	}
	r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--calls", calls)
	if r.code != exitOK || !strings.Contains(r.stdout, "short calls") {
		t.Fatalf("the review should find the short test calls: %+v", r)
	}
	out := t.TempDir()
	for _, name := range []string{"incident.pdf", "incident.json"} {
		if r := ringfence(t, dir, "breach", "--site", "Acme Dental", "--report", filepath.Join(out, name)); r.code != exitOK {
			t.Fatalf("--report %s: %+v", name, r)
		}
	}
	data, err := os.ReadFile(filepath.Join(out, "incident.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Timeline []struct{ Text string } `json:"timeline"`
		Calls    struct {
			Findings int `json:"findings"`
		} `json:"calls"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Calls.Findings == 0 {
		t.Errorf("the JSON record gives no findings for call records with one:\n%s", data)
	}
	for _, e := range rep.Timeline {
		if strings.Contains(e.Text, "0 calls suspicious") {
			t.Errorf("the timeline says nothing was suspicious: %q", e.Text)
		}
	}
	pdf, err := os.ReadFile(filepath.Join(out, "incident.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if text, ok := pdfToText(t, pdf); ok {
		flat := strings.Join(strings.Fields(text), " ")
		for _, bad := range []string{"None found", "0 calls suspicious"} {
			if strings.Contains(flat, bad) {
				t.Errorf("the PDF report says %q for call records with a finding:\n%s", bad, text)
			}
		}
		if !strings.Contains(flat, "short calls") {
			t.Errorf("the PDF report does not give the finding:\n%s", text)
		}
	}
}
