package export

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// sideMarginPt is the PDF's side margin in points, for the overflow checks.
const sideMarginPt = marginSide * 72 / 25.4

var sectionHeadings = []string{
	"PHONE SYSTEM SECURITY AUDIT", "Summary", "Do these first, this week", "Scores by area",
	"Action plan", "Findings by area", "What could not be checked", "Accepted risks", "Appendices",
	"A. Phones and devices", "B. Checks and the standards they support", "C. How this audit was done",
}

func TestPDFDemoHasEverySectionFailedCheckAndName(t *testing.T) {
	t.Parallel()
	a := demoAudit(t)
	path := savePDF(t, renderPDF(t, a, Options{}))
	text := pdfText(t, path)

	for _, h := range sectionHeadings {
		if !strings.Contains(text, h) {
			t.Errorf("heading %q missing", h)
		}
	}
	if strings.Contains(text, "Since the last audit") {
		t.Error(`"Since the last audit" printed with no previous audit`)
	}
	failed := 0
	for _, r := range a.Results {
		if r.Status == checklist.StatusFail {
			failed++
			if !strings.Contains(text, r.CheckID) {
				t.Errorf("failed check %s missing", r.CheckID)
			}
		}
	}
	if failed == 0 {
		t.Fatal("the demo company should have failed checks")
	}
	// Names from the demo company that the findings print, accents intact.
	for _, name := range []string{"Brightwater Kitchens Ltd", "Declan Ó Briain", "Isla McKenzie"} {
		if !strings.Contains(text, name) {
			t.Errorf("name %q missing or garbled", name)
		}
	}
	pages := pdfPages(t, path)
	if pages < 10 || pages > 80 {
		t.Errorf("%d pages for the demo company; expected a document of 10 to 80 pages", pages)
	}
	if want := fmt.Sprintf("Page 2 of %d", pages); !strings.Contains(text, want) {
		t.Errorf("footer %q missing: page numbers are wrong", want)
	}
	assertFontsEmbedded(t, path)
	assertInsidePage(t, path, sideMarginPt)
}

func TestPDFOutlineHasEachSection(t *testing.T) {
	t.Parallel()
	pdf := renderPDF(t, demoAudit(t), Options{})
	// Outline titles are stored as UTF-16BE strings; look for a few of them.
	for _, title := range []string{"Summary", "Action plan", "Findings by area", "Appendices", "Voicemail PINs"} {
		if !bytes.Contains(pdf, utf16be(title)) {
			t.Errorf("no bookmark for %q", title)
		}
	}
	if !bytes.Contains(pdf, []byte("/Outlines")) {
		t.Error("the PDF has no outline")
	}
}

func utf16be(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r>>8), byte(r))
	}
	return b
}

func TestPDFSinceLastAudit(t *testing.T) {
	t.Parallel()
	cat := checklist.Builtin()
	now := demoAudit(t)
	prev := demoAudit(t)
	prev.Started = testNow.AddDate(0, -3, 0)
	// Last time the admin password was still the default (fixed since) and every
	// desk phone had its own password (worse since).
	for id, value := range map[string]string{"EP-05": "no", "EP-04": "yes"} {
		if err := prev.SetAnswer(cat, id, checklist.Answer{Value: value}, testNow); err != nil {
			t.Fatal(err)
		}
	}
	// And one check judged last time is unknown now: the comparison must say
	// so, since it lowers the score without anything having got worse.
	notChecked := ""
	for _, r := range now.Results {
		if r.Status == checklist.StatusUnknown && prev.SetAnswer(cat, r.CheckID, checklist.Answer{Value: "yes"}, testNow) == nil {
			notChecked = r.CheckID
			break
		}
	}
	if notChecked == "" {
		t.Fatal("set-up: the demo has no unknown question to have answered last time")
	}
	path := savePDF(t, renderPDF(t, now, Options{Previous: prev}))
	text := pdfText(t, path)
	i := strings.Index(text, "Since the last audit")
	if i < 0 {
		t.Fatal(`no "Since the last audit" section`)
	}
	part := text[i:]
	if end := strings.Index(part, "Appendices"); end > 0 {
		part = part[:end]
	}
	for _, want := range []string{"Fixed (1)", "EP-05", "Worse than before (1)", "EP-04", "the audit of 22 August 2026",
		"1 not checked this time", "Not checked this time (1)", notChecked} {
		if !strings.Contains(part, want) {
			t.Errorf("%q missing from the comparison", want)
		}
	}
}

// largeInventory makes a site with n devices and n extensions, with voicemail
// boxes, a mix of known and unknown firmware, and a few long names.
func largeInventory(n int) inventory.Inventory {
	inv := inventory.Inventory{Source: inventory.SourceInfo{
		Connector: "test", FetchedAt: testNow,
		Collected: []inventory.Facet{inventory.FacetExtensions, inventory.FacetDevices, inventory.FacetVoicemail},
	}}
	models := []struct{ vendor, model, fw string }{
		{"Yealink", "SIP-T46S", "66.86.0.15"}, {"Yealink", "SIP-T46S", "66.84.0.125"},
		{"Cisco", "SPA504G", "7.6.2"}, {"Poly", "VVX 450", "6.4.3.5018"}, {"", "", ""},
	}
	for i := range n {
		ext := fmt.Sprintf("%d", 10000+i)
		inv.Extensions = append(inv.Extensions, inventory.Extension{
			Number: ext, Name: fmt.Sprintf("Person %d Ó'Brien-Łukasiewicz", i), Enabled: true,
			Type: inventory.ExtUser, MFA: inventory.MFADisabled, LastActive: testNow.Add(-time.Hour),
		})
		inv.Voicemail = append(inv.Voicemail, inventory.Mailbox{Extension: ext, Enabled: true, PINRequired: true,
			PIN: inventory.PINJudgement{Verdict: inventory.PINWeak, Reason: "one of the most common PINs"}})
		m := models[i%len(models)]
		inv.Devices = append(inv.Devices, inventory.Device{
			Kind: inventory.DeviceDeskPhone, Vendor: m.vendor, Model: m.model, Firmware: m.fw,
			MAC: fmt.Sprintf("00:15:65:%02X:%02X:%02X", i>>16&0xff, i>>8&0xff, i&0xff), Owner: ext,
			LastSeen: testNow.Add(-time.Minute),
		})
	}
	return inv
}

// longWord is a device name with no space to break at, the worst case for wrapping.
var longWord = strings.Repeat("Ü", 20) + strings.Repeat("VeryLongDeviceName", 10) + strings.Repeat("x", 20)

func TestPDFHandlesHardInputs(t *testing.T) {
	t.Parallel()
	cat := checklist.Builtin()
	longName := largeInventory(3)
	longName.Devices[0].Vendor = longWord
	longName.Devices[0].Model = ""
	longName.Devices[1].UserAgent = strings.Repeat("agent ", 40)
	longName.Devices[1].Vendor = ""

	tests := []struct {
		name    string
		audit   *checklist.Audit
		mustSay []string
	}{
		{"200-character device name", checklist.NewAudit(cat, "Long Names Ltd", longName, nil, testNow), []string{longWord}},
		{"5,000 devices and extensions", checklist.NewAudit(cat, "Big Site plc", largeInventory(5000), nil, testNow),
			[]string{"5000 devices", "and 4988 more"}},
		{"nothing answered, no phone system", checklist.NewAudit(cat, "Empty Ltd", inventory.Inventory{}, nil, testNow),
			[]string{"Not judged yet", "No phone system was connected", fmt.Sprintf("Nothing has failed so far, but %d checks could not be judged", len(cat.Checks))}},
		{"no results at all", &checklist.Audit{Site: "Blank"}, []string{"No checks were evaluated"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := savePDF(t, renderPDF(t, tc.audit, Options{}))
			if pages := pdfPages(t, path); pages < 5 {
				t.Errorf("only %d pages", pages)
			}
			text := pdfText(t, path)
			squeezed := strings.ReplaceAll(text, " ", "")
			for _, want := range append(tc.mustSay, "Summary", "Action plan") {
				if !strings.Contains(text, want) && !strings.Contains(squeezed, strings.ReplaceAll(want, " ", "")) {
					t.Errorf("%q missing from the text", want)
				}
			}
			assertInsidePage(t, path, sideMarginPt)
		})
	}
}

func TestPDFLetterPaper(t *testing.T) {
	t.Parallel()
	path := savePDF(t, renderPDF(t, demoAudit(t), Options{Paper: "Letter"}))
	info := runTool(t, "pdfinfo", path)
	if !strings.Contains(info, "612 x 792 pts (letter)") {
		t.Errorf("not US letter:\n%s", info)
	}
	assertInsidePage(t, path, sideMarginPt)
}

func TestPDFRejectsUnknownPaper(t *testing.T) {
	t.Parallel()
	err := WritePDF(&bytes.Buffer{}, demoAudit(t), Options{Paper: "legal"})
	if err == nil || !strings.Contains(err.Error(), `"legal"`) {
		t.Fatalf("want an error naming the paper size, got %v", err)
	}
}

func TestParsePaper(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"": "a4", "A4": "a4", " letter ": "letter", "US-Letter": "letter"} {
		if got, err := ParsePaper(in); err != nil || got != want {
			t.Errorf("ParsePaper(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"a3", "legal", "a4x"} {
		if _, err := ParsePaper(in); err == nil || !strings.Contains(err.Error(), "use a4 or letter") {
			t.Errorf("ParsePaper(%q): want a clear error, got %v", in, err)
		}
	}
}

// TestPDFPrintsMarkersButNotPrivateInventory proves that what people typed shows
// up where it belongs, and that inventory details meant for the tool only (call
// destinations, e-mail addresses) never reach the page.
func TestPDFPrintsMarkersButNotPrivateInventory(t *testing.T) {
	t.Parallel()
	cat := checklist.Builtin()
	a := demoAudit(t)
	a.Site = "Site Marker Ω Ltd"
	a.Auditor = "Auditor Marker Zoë"
	for i := range a.Inventory.Calls {
		a.Inventory.Calls[i].To = "00999" + fmt.Sprintf("%07d", 1234500+i)
	}
	for i := range a.Inventory.Staff {
		a.Inventory.Staff[i].Email = fmt.Sprintf("staffmail%d@private.example", i)
	}
	for i := range a.Inventory.Extensions {
		a.Inventory.Extensions[i].Email = fmt.Sprintf("extmail%d@private.example", i)
	}
	if err := a.SetAnswer(cat, "NW-08", checklist.Answer{Value: checklist.AnswerNotApplicable, Reason: "Reason Marker Ł"}, testNow); err != nil {
		t.Fatal(err)
	}
	if err := a.AcceptRisk(cat, "POL-08", checklist.Acceptance{Reason: "Acceptance Marker", Owner: "Owner Marker",
		Expires: testNow.AddDate(0, 2, 0)}, testNow); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, savePDF(t, renderPDF(t, a, Options{})))
	for _, want := range []string{"Site Marker Ω Ltd", "Auditor Marker Zoë", "Reason Marker Ł", "Acceptance Marker", "Owner Marker"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing", want)
		}
	}
	for _, never := range []string{"00999", "private.example"} {
		if strings.Contains(text, never) {
			t.Errorf("inventory detail %q leaked into the PDF", never)
		}
	}
}
