package export

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors/csvinv"
)

// sheetAudit is a new site's first audit from a spreadsheet of phones and
// nothing else: no answers, no phone system connected, so most checks are
// unknown.
func sheetAudit(t testing.TB, phones int) *checklist.Audit {
	t.Helper()
	var b strings.Builder
	b.WriteString("Make,Model,FW,MAC Address,IP,Ext,User\n")
	for i := range phones {
		fmt.Fprintf(&b, "Yealink,SIP-T46S,66.86.0.15,80:5E:C0:11:22:%02X,192.168.1.%d,%d,Person %d\n", i+1, 20+i, 201+i, i+1)
	}
	path := filepath.Join(t.TempDir(), "phones.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := csvinv.New(path).Fetch(context.Background(), nil)
	if err != nil {
		t.Fatalf("reading the spreadsheet: %v", err)
	}
	return checklist.NewAudit(checklist.Builtin(), "Harbour Street Dental", res.Inventory, nil, testNow)
}

func emptyAudit() *checklist.Audit {
	return checklist.NewAudit(checklist.Builtin(), "Brand New Site", inventory.Inventory{}, nil, testNow)
}

// ownerAudits are the audits an owner is most likely to print first.
func ownerAudits(t *testing.T) map[string]*checklist.Audit {
	// A site with long actions and large counts, to fill the summary's
	// first-actions list as full as it gets.
	busy := demoAudit(t)
	longest := ""
	for _, act := range busy.Plan {
		if len(act.Why) > len(longest) {
			longest = act.Why
		}
	}
	for i := range busy.Plan {
		busy.Plan[i].Why = longest + " " + longest
		busy.Plan[i].Action += " on every phone, softphone and adapter at the site"
		busy.Plan[i].Affected = 999
	}
	return map[string]*checklist.Audit{
		"empty":       emptyAudit(),
		"spreadsheet": sheetAudit(t, 10),
		"demo":        demoAudit(t),
		"long plan":   busy,
	}
}

// maxMostlyUnknownPages is how long the report of an audit that knows almost
// nothing may be on A4: the cover, the summary, a short plan, the findings that
// are known, one table of questions, a glossary and the appendices.
const maxMostlyUnknownPages = 12

func TestPDFStaysShortWhenLittleIsKnown(t *testing.T) {
	a := sheetAudit(t, 10)
	card := checklist.Score(a.Results)
	if card.Counts.Unknown*2 < len(a.Results) {
		t.Fatalf("the spreadsheet audit should be mostly unknown, got %d of %d", card.Counts.Unknown, len(a.Results))
	}
	path := savePDF(t, renderPDF(t, a, Options{}))
	if pages := pdfPages(t, path); pages > maxMostlyUnknownPages {
		t.Errorf("a 10-phone spreadsheet audit with %d of %d checks unknown prints on %d pages; want at most %d",
			card.Counts.Unknown, len(a.Results), pages, maxMostlyUnknownPages)
	}
	// Every unknown check is still named under what could not be checked,
	// followed by the question that settles it. The table's columns are read
	// interleaved, so the question's words need only follow in order.
	text := pdfText(t, path)
	_, open, found := strings.Cut(text, "What could not be checked There was no evidence")
	if !found {
		t.Fatal("no section for what could not be checked")
	}
	words := strings.Fields(open)
	cat := checklist.Builtin()
	for _, r := range a.Results {
		if r.Status != checklist.StatusUnknown {
			continue
		}
		at := slices.Index(words, r.CheckID)
		if at < 0 {
			t.Errorf("unknown check %s is not named", r.CheckID)
			continue
		}
		ch, ok := cat.Check(r.CheckID)
		if !ok || ch.Question == nil {
			continue
		}
		rest := words[at:]
		for _, w := range strings.Fields(ch.Question.Prompt) {
			i := slices.Index(rest, w)
			if i < 0 {
				t.Errorf("the question for %s is missing from %q on: %q", r.CheckID, w, ch.Question.Prompt)
				break
			}
			rest = rest[i+1:]
		}
	}
}

type bboxWordAt struct {
	page           int
	pageH          float64
	x0, y0, x1, y1 float64
	text           string
}

// pdfWords returns every word with its page and box, in points.
func pdfWords(t *testing.T, path string) ([]bboxWordAt, float64) {
	t.Helper()
	out := runTool(t, "pdftotext", "-bbox", path, "-")
	pages := bboxPage.FindAllStringSubmatchIndex(out, -1)
	var words []bboxWordAt
	width := 0.0
	for i, p := range pages {
		width, _ = strconv.ParseFloat(out[p[2]:p[3]], 64)
		height, _ := strconv.ParseFloat(out[p[4]:p[5]], 64)
		end := len(out)
		if i+1 < len(pages) {
			end = pages[i+1][0]
		}
		for _, w := range bboxWord.FindAllStringSubmatch(out[p[1]:end], -1) {
			x0, _ := strconv.ParseFloat(w[1], 64)
			y0, _ := strconv.ParseFloat(w[2], 64)
			x1, _ := strconv.ParseFloat(w[3], 64)
			y1, _ := strconv.ParseFloat(w[4], 64)
			words = append(words, bboxWordAt{i + 1, height, x0, y0, x1, y1, w[5]})
		}
	}
	return words, width
}

const ptPerMM = 72 / 25.4

var dueDate = regexp.MustCompile(`^\d{1,2} [A-Z][a-z]{2} \d{4}$`)

// The plan table's check IDs and due dates must each sit on one line, and the
// owner column must leave room to write a name by hand.
func TestPDFPlanColumnsFitTheirContent(t *testing.T) {
	a := demoAudit(t)
	if len(a.Plan) == 0 {
		t.Fatal("the demo should have a plan")
	}
	path := savePDF(t, renderPDF(t, a, Options{}))
	words, pageW := pdfWords(t, path)

	// The plan runs from the page titled "Action plan" to the findings.
	first, last := 0, 0
	for i, w := range words {
		if first == 0 && w.text == "Owner" && i > 0 {
			first = w.page
		}
		if first != 0 && w.text == "Findings" && i+2 < len(words) && words[i+1].text == "by" && words[i+2].text == "area" && words[i].page > first {
			last = w.page - 1
			break
		}
	}
	if first == 0 || last < first {
		t.Fatalf("could not find the plan's pages (%d to %d)", first, last)
	}
	var dueX, ownerX, ownerY float64
	ownerPage := 0
	var plan []bboxWordAt
	for _, w := range words {
		if w.page < first || w.page > last {
			continue
		}
		plan = append(plan, w)
		if w.text == "Owner" && ownerX == 0 {
			ownerX, ownerY, ownerPage = w.x0, w.y0, w.page
			// The header's "Due" is on the same line as its "Owner".
			for _, h := range plan {
				if h.text == "Due" && h.page == w.page && h.y0 > w.y0-1 && h.y0 < w.y0+1 {
					dueX = h.x0
				}
			}
		}
	}
	// The header's words are inset from the column's edge by the cell padding.
	if room := (pageW-marginSide*ptPerMM-ownerX)/ptPerMM + cellPad; room < 35 {
		t.Errorf("the owner column is %.1f mm wide; a handwritten name needs at least 35 mm", room)
	}
	seen := map[string]bool{}
	for _, w := range plan {
		seen[w.text] = true
	}
	for _, act := range a.Plan {
		if !seen[act.CheckID] {
			t.Errorf("check ID %s is not one word in the plan: it wrapped", act.CheckID)
		}
	}
	// Group the due column's words into lines: each line is a whole date.
	lines := map[string][]string{}
	var keys []string
	for _, w := range plan {
		inBody := w.y0 > marginTop*ptPerMM-2 && w.y1 < w.pageH-marginBottom*ptPerMM+2
		if w.page == ownerPage && w.y0 <= ownerY+1 {
			continue // the introduction above the table
		}
		if !inBody || w.x0 < dueX-1 || w.x0 >= ownerX-1 || w.text == "Due" || w.text == "Owner" {
			continue
		}
		k := fmt.Sprintf("%d/%.0f", w.page, w.y0)
		if _, ok := lines[k]; !ok {
			keys = append(keys, k)
		}
		lines[k] = append(lines[k], w.text)
	}
	if len(keys) == 0 {
		t.Fatal("no due dates found in the plan")
	}
	for _, k := range keys {
		line := strings.Join(lines[k], " ")
		if line != "done" && !dueDate.MatchString(line) {
			t.Errorf("due column line %q is not a whole date: the date wrapped", line)
		}
	}
}

// The owner's summary is one page, whatever the counts.
func TestPDFSummaryIsOnePage(t *testing.T) {
	for name, a := range ownerAudits(t) {
		t.Run(name, func(t *testing.T) {
			path := savePDF(t, renderPDF(t, a, Options{}))
			words, _ := pdfWords(t, path)
			summary, plan := 0, 0
			for i, w := range words {
				if w.text == "Summary" && summary == 0 && w.page > 1 {
					summary = w.page
				}
				if summary != 0 && plan == 0 && w.text == "Action" && i+1 < len(words) && words[i+1].text == "plan" && w.page > summary {
					plan = w.page
				}
			}
			if summary == 0 || plan == 0 {
				t.Fatalf("could not find the summary (page %d) and the plan (page %d)", summary, plan)
			}
			if plan-summary != 1 {
				t.Errorf("the summary takes %d pages; it should fit on one", plan-summary)
			}
		})
	}
}

// Each technical word the report uses is explained once, in the glossary at
// the end, and the glossary explains no word the report does not use.
func TestPDFExplainsItsJargon(t *testing.T) {
	for name, a := range ownerAudits(t) {
		t.Run(name, func(t *testing.T) {
			text := pdfText(t, savePDF(t, renderPDF(t, a, Options{})))
			body, words, found := strings.Cut(text, "D. Words used in this report")
			if !found {
				t.Fatal("the report has no glossary")
			}
			for _, term := range glossary {
				used := term.pattern.MatchString(body)
				explained := strings.Contains(words, " "+term.word+": ")
				switch {
				case used && !explained:
					t.Errorf("%q is used but not explained", term.word)
				case explained && !used:
					t.Errorf("%q is explained but never used", term.word)
				case explained && strings.Count(words, " "+term.word+": ") > 1:
					t.Errorf("%q is explained more than once", term.word)
				}
			}
			if name == "demo" {
				// The words an owner stumbled on in the demo's report.
				for _, w := range []string{"TR-069", "SRTP", "Session border controller"} {
					if !strings.Contains(words, " "+w+": ") {
						t.Errorf("the demo's report does not explain %s", w)
					}
				}
			}
		})
	}
}
