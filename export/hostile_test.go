package export

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext/hostile"
)

// hostileAudit is the demo audit with every name it shows replaced by one of
// the hostile set: the site, the auditor, the phone system's version, the
// extensions' and devices' names and the action owners.
func hostileAudit(t *testing.T) (*checklist.Audit, *checklist.Audit) {
	t.Helper()
	prev := demoAudit(t)
	a := demoAudit(t)
	cat := checklist.Builtin()
	names := hostile.Names
	pick := func(i int) string { return names[i%len(names)] }
	inv := a.Inventory
	inv.PBX.Version = strings.Join(names[:15], " ")
	inv.PBX.Product = pick(0)
	for i := range inv.Extensions {
		inv.Extensions[i].Name = pick(i)
		inv.Extensions[i].Number = inv.Extensions[i].Number + pick(i+3)
	}
	for i := range inv.Devices {
		inv.Devices[i].Model = pick(i + 1)
		inv.Devices[i].Firmware = pick(i + 2)
	}
	a = checklist.NewAudit(cat, pick(11)+" "+pick(1), inv, a.Answers, testNow)
	a.Auditor = pick(2) + " see https://evil.example/ and www.evil.example, eve@evil.example"
	for i, act := range a.Plan {
		a.Track(cat, act.CheckID, checklist.Tracking{Owner: pick(i)}, testNow)
	}
	// A saved audit file can say anything about what judged it.
	a.JudgedBy.Release, a.JudgedBy.AdvisoriesCheckedUpTo, a.JudgedBy.AdviceStale = pick(5)+" "+pick(7), pick(6), true
	return a, prev
}

// pdfStrings reads back every text string of an uncompressed PDF: the text on
// its pages, its outline and its document information.
func pdfStrings(pdf []byte) []string {
	re := regexp.MustCompile(`(?s)\(((?:\\.|[^\\)])*)\)\s*Tj|/(?:Title|Author|Subject|Creator|Keywords) \(((?:\\.|[^\\)])*)\)`)
	var out []string
	for _, m := range re.FindAllSubmatch(pdf, -1) {
		raw := m[1]
		if raw == nil {
			raw = m[2]
		}
		var b []byte
		for i := 0; i < len(raw); i++ {
			if raw[i] == '\\' && i+1 < len(raw) {
				i++
				switch raw[i] {
				case 'r':
					b = append(b, '\r')
				case 'n':
					b = append(b, '\n')
				default:
					b = append(b, raw[i])
				}
				continue
			}
			b = append(b, raw[i])
		}
		b = bytes.TrimPrefix(b, []byte{0xFE, 0xFF})
		if len(b)%2 != 0 {
			out = append(out, string(b)) // a plain byte string
			continue
		}
		units := make([]uint16, len(b)/2)
		for i := range units {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		out = append(out, string(utf16.Decode(units)))
	}
	return out
}

// TestHostileTextNeverReachesADocument sends the hostile set through every
// document and the plain summary, and scans what comes out for any control,
// escape or bidi character. A new output path is one more row.
func TestHostileTextNeverReachesADocument(t *testing.T) {
	t.Parallel()
	a, prev := hostileAudit(t)
	opts := Options{Previous: prev, Generated: testNow, uncompressed: true}
	rows := []struct {
		name  string
		write func(*bytes.Buffer) error
		// text turns the output into the text a reader sees.
		text func([]byte) string
	}{
		{"summary", func(b *bytes.Buffer) error { return WriteSummary(b, a, 0) }, nil},
		{"Markdown", func(b *bytes.Buffer) error { return WriteMarkdown(b, a, opts) }, nil},
		{"JSON report", func(b *bytes.Buffer) error { return WriteJSON(b, a, testNow) }, nil},
		{"CSV", func(b *bytes.Buffer) error { return WriteCSV(b, a) },
			func(out []byte) string { return strings.TrimPrefix(string(out), "\ufeff") }}, // the byte-order mark is meant
		{"PDF", func(b *bytes.Buffer) error { return WritePDF(b, a, opts) },
			func(out []byte) string { return strings.Join(pdfStrings(out), "\n") }},
	}
	for _, row := range rows {
		var buf bytes.Buffer
		if err := row.write(&buf); err != nil {
			t.Fatalf("%s: %v", row.name, err)
		}
		text := buf.String()
		if row.text != nil {
			text = row.text(buf.Bytes())
		}
		if !strings.Contains(text, "Smith") && !strings.Contains(text, "Ad") {
			t.Errorf("%s: the hostile names did not reach it, so this row checks nothing:\n%.400s", row.name, text)
		}
		if bad := hostile.Find(text, false); bad != "" {
			t.Errorf("%s holds %s", row.name, bad)
		}
	}
}

func TestMarkdownNeverLinksWhatCameFromOutside(t *testing.T) {
	t.Parallel()
	a, _ := hostileAudit(t)
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, a, Options{Generated: testNow}); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, link := range []string{"://evil.example", "www.evil.example", "@evil.example", "](", "<http"} {
		if strings.Contains(md, link) {
			t.Errorf("Markdown would make a link of %q:\n%s", link, md[:min(len(md), 600)])
		}
	}
	if !strings.Contains(md, `https\[:\]//evil.example`) {
		t.Errorf("the address should still be readable, broken:\n%.600s", md)
	}
}

// TestJSONReportKeepsHostileNamesAsData: the JSON report escapes what a terminal
// would act on, and a reader still gets the names back exactly.
func TestJSONReportKeepsHostileNamesAsData(t *testing.T) {
	t.Parallel()
	a, _ := hostileAudit(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, a, testNow); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Site string `json:"site"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Site != a.Site {
		t.Errorf("site came back as %q, want %q", doc.Site, a.Site)
	}
}

func TestCSVStillStopsFormulas(t *testing.T) {
	t.Parallel()
	a := demoAudit(t)
	cat := checklist.Builtin()
	for i, owner := range []string{"=HYPERLINK(\"http://evil.example\")", "\t=1+1", "+44 \x1b]2;x\a", "@SUM(A1)", "-2+3"} {
		a.Track(cat, a.Plan[i].CheckID, checklist.Tracking{Owner: owner}, testNow)
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, a); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`'=HYPERLINK(""http://evil.example"")`, "'\t=1+1", "'+44 ␛]2;x␇", "'@SUM(A1)", "'-2+3"} {
		if !strings.Contains(out, want) {
			t.Errorf("CSV lacks %q:\n%s", want, out)
		}
	}
}
