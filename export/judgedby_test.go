package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/firmware"
)

// documents renders an audit in every format, as the text a reader sees.
func documents(t *testing.T, a *checklist.Audit) map[string]string {
	t.Helper()
	opts := Options{Generated: a.Updated, uncompressed: true}
	out := map[string]string{}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"JSON":     func(b *bytes.Buffer) error { return WriteJSON(b, a, a.Updated) },
		"Markdown": func(b *bytes.Buffer) error { return WriteMarkdown(b, a, opts) },
		"CSV":      func(b *bytes.Buffer) error { return WriteCSV(b, a) },
		"PDF":      func(b *bytes.Buffer) error { return WritePDF(b, a, opts) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		text := buf.String()
		if name == "PDF" {
			text = strings.Join(pdfStrings(buf.Bytes()), " ")
		}
		out[name] = strings.Join(strings.Fields(text), " ")
	}
	return out
}

func TestEveryDocumentSaysWhatJudgedIt(t *testing.T) {
	t.Parallel()
	a := demoAudit(t)
	checked := firmware.CheckedUpTo()
	docs := documents(t, a)
	for name, text := range docs {
		version := fmt.Sprint(checklist.Builtin().Version)
		want := []string{"check catalogue version " + version, "checked up to " + checked.Format("2 January 2006")}
		switch name {
		case "JSON":
			want = []string{`"catalogue_version": ` + version, `"advisories_checked_up_to": "` + checked.Format(time.DateOnly) + `"`, `"release": "`}
		case "CSV":
			want = []string{",judged_by_release,catalogue_version,advisories_checked_up_to", "," + version + "," + checked.Format(time.DateOnly)}
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s does not say %q", name, w)
			}
		}
		if strings.Contains(text, "Update Ringfence") {
			t.Errorf("%s calls fresh advisories stale", name)
		}
	}
	var doc struct {
		JudgedBy map[string]any `json:"judged_by"`
	}
	if err := json.Unmarshal([]byte(docs["JSON"]), &doc); err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"release", "catalogue_version", "advisories_checked_up_to", "advice_max_age_days", "advice_stale"} {
		if _, ok := doc.JudgedBy[field]; !ok {
			t.Errorf("judged_by lacks %s: %v", field, doc.JudgedBy)
		}
	}
}

// An audit judged by advisories past the limit says so on the PDF's cover,
// in the Markdown and in the firmware findings of every document.
func TestStaleAdviceIsSaidInTheDocuments(t *testing.T) {
	t.Parallel()
	a := demoAudit(t)
	late := firmware.CheckedUpTo().Add(checklist.DefaultAdviceMaxAge + time.Minute)
	a.Recompute(checklist.Builtin(), late)
	// The PDF has a notice and findings; the Markdown, no findings; the JSON,
	// findings and the flag.
	least := map[string]int{"PDF": 2, "Markdown": 1, "JSON": 1}
	docs := documents(t, a)
	for name, n := range least {
		if got := strings.Count(docs[name], "Update Ringfence and run the audit again."); got < n {
			t.Errorf("%s says the advisories are stale %d times, want at least %d", name, got, n)
		}
	}
	if !strings.Contains(docs["JSON"], `"advice_stale": true`) {
		t.Error("the JSON report does not flag stale advice")
	}
	var summary bytes.Buffer
	if err := WriteSummary(&summary, a, 5); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(summary.String(), "Warning: The firmware advisories in this copy of Ringfence were last checked on") {
		t.Errorf("the printed summary does not warn of stale advice:\n%s", summary.String())
	}
	old := demoAudit(t)
	old.JudgedBy = nil
	if md := documents(t, old)["Markdown"]; !strings.Contains(md, "did not record which check catalogue") {
		t.Error("an audit from an older version does not say it lacks the record")
	}
}
