package export

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
)

// ukTime writes a moment as people in the business read it: UK time.
func ukTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return breach.UKTime(t).Format("Mon 2 Jan 2006 15:04")
}

// writeIncidentPDF writes the incident report for the owner and the insurer:
// what happened and when, what was done and by whom, what the call records
// show and cost, who it was reported to and why, how they got in, and what
// is left to do. Nothing reaches w unless the whole document was built.
func writeIncidentPDF(w io.Writer, rep IncidentReport, paper string, uncompressed bool) error {
	size := "A4"
	if paper == PaperLetter {
		size = "Letter"
	}
	pdf := fpdf.New("P", "mm", size, "")
	pdf.AliasNbPages(nbPagesAlias)
	addFonts(pdf)
	pdf.SetAutoPageBreak(false, marginBottom)
	pdf.SetMargins(marginSide, marginTop, marginSide)
	pdf.SetCellMargin(0)
	if uncompressed {
		pdf.SetCompression(false)
	}
	pdf.SetTitle("Phone system incident report: "+printable(rep.Site), true)
	pdf.SetSubject("What happened when the phone system may have been hacked, what was done and what is left to do", true)
	pdf.SetCreator("Ringfence", true)
	pdf.SetLang("en-GB")
	pdf.SetCreationDate(rep.Generated)
	pdf.SetModificationDate(rep.Generated)

	d := &doc{pdf: pdf, a: &checklist.Audit{Site: rep.Site}, opts: Options{Generated: rep.Generated}, running: "Phone system incident report"}
	d.pageW, d.pageH = pdf.GetPageSize()
	pdf.SetHeaderFunc(d.header)
	pdf.SetFooterFunc(d.footer)

	d.incidentFront(rep)
	d.incidentTimeline(rep)
	d.incidentActions(rep)
	d.incidentCalls(rep)
	d.incidentDecisions(rep)
	d.incidentRootCause(rep)
	d.incidentFollowUp(rep)

	if err := pdf.Error(); err != nil {
		return fmt.Errorf("could not build the PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("could not build the PDF: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// incidentFront is the first page: whose incident, when, where it stands and
// the figures an insurer asks for first.
func (d *doc) incidentFront(rep IncidentReport) {
	pdf := d.pdf
	pdf.AddPage()
	pdf.Bookmark("Summary", 0, 0)
	d.colourFill(colFail)
	pdf.Rect(0, 0, d.pageW, 7, "F")
	pdf.SetXY(d.left(), 30)
	d.font("B", 11)
	d.colourText(colFail)
	pdf.CellFormat(d.contentWidth(), 6, "PHONE SYSTEM INCIDENT REPORT", "", 2, "L", false, 0, "")
	d.colourText(colInk)
	d.gap(2)
	d.font("B", 24)
	name := d.wrap(nonEmpty(rep.Site, "Unnamed site"), d.contentWidth())
	if len(name) > maxCoverNameLines {
		name = name[:maxCoverNameLines]
		name[maxCoverNameLines-1] = d.fitLine(name[maxCoverNameLines-1]+"…", d.contentWidth())
	}
	d.lines(d.left(), d.contentWidth(), lineHeight(24), name, "L")
	d.gap(3)
	inc := rep.Incident
	status := "Open: the response is still under way."
	if inc.Status == "closed" {
		status = "Closed on " + ukTime(inc.Closed) + "."
	}
	d.para("Incident "+inc.ID+", opened "+ukTime(inc.Opened)+" (UK time). "+status, "", 11, 0)
	d.gap(6)

	const size = 9.5
	t := d.table("Summary", size, column{title: "", width: 52}, column{title: "Where it stands", share: 1})
	t.begin()
	t.row(bold("Actions recorded"), txt(fmt.Sprintf("%d of %d", inc.Recorded, inc.Total)))
	if c := rep.Calls; c != nil && c.Found() {
		what := fmt.Sprintf("%s (%s) from %s to %s", plural(c.Calls, "call", "calls"), minutes(c.Minutes), ukTime(c.Start), ukTime(c.End))
		if c.Calls == 0 {
			// A pattern such as short test calls: no single call is counted.
			what = fmt.Sprintf("%s from %s to %s: see the call records below", plural(c.Findings, "pattern", "patterns"), ukTime(c.Start), ukTime(c.End))
		}
		t.row(bold("Suspicious calls"), txt(what))
		if len(c.Extensions) > 0 {
			t.row(bold("Extensions used"), txt(strings.Join(c.Extensions, ", ")))
		}
		still := "No suspicious calls in the last 24 hours of the records."
		if c.Ongoing {
			still = "Suspicious calls in the last 24 hours of the records: it may still be going on."
		}
		t.row(bold("Still going on?"), txt(still))
	} else if c != nil {
		t.row(bold("Suspicious calls"), txt("None found in "+plural(c.Read, "call", "calls")+" read."))
	} else {
		t.row(bold("Suspicious calls"), txt("The call records have not been reviewed."))
	}
	t.row(bold("Estimated cost"), txt(costWords(rep.Cost)))
	for _, dec := range rep.Decisions {
		t.row(bold(dec.Name), txt(decisionWords(dec)))
	}
	if ico := decisionFor(rep, breach.ICO); !ico.Decided {
		words := "If personal data may have been exposed, tell the ICO by " + ukTime(inc.ICODeadline) + " (72 hours after the incident was opened)."
		if rep.Generated.After(inc.ICODeadline) {
			words = "The 72 hours for telling the ICO ran out on " + ukTime(inc.ICODeadline) + ". If personal data may have been exposed, report it now and say why it is late."
		}
		t.row(bold("ICO deadline"), txt(words))
	}
	if rep.FraudDesk != "" {
		t.row(bold("Provider's fraud desk"), txt(rep.FraudDesk))
	}
	t.end()
	if len(inc.Signs) > 0 {
		d.subheading("What was noticed", 10)
		d.list(inc.Signs, false, 9.5, 0)
	}
	d.gap(6)
	d.font("", 8.5)
	d.colourText(colMuted)
	d.para("Confidential. This report describes a security incident and weaknesses in a phone system. Share it only with the people who need it, such as your insurer, your provider, your bank and the police. Prepared with Ringfence on "+longDate(rep.Generated)+"; times are UK time.", "", 8.5, 0)
	d.colourText(colInk)
}

func (d *doc) incidentTimeline(rep IncidentReport) {
	d.section("Timeline")
	d.para("Everything recorded, in the order it happened.", "", 9.5, 0)
	d.gap(2)
	const size = 8.5
	t := d.table("Timeline", size,
		column{title: "When", width: d.fitWidth(size, "", "Wed 30 Sep 2026 23:59")},
		column{title: "What", share: 1},
		column{title: "By", width: 32})
	t.begin()
	for _, e := range rep.Timeline {
		t.row(txt(ukTime(e.At)), txt(e.Text), txt(e.By))
	}
	t.end()
}

func (d *doc) incidentActions(rep IncidentReport) {
	d.section("Actions taken")
	d.para("Each step of the response, its actions, who normally does them, and what was recorded: the latest outcome, who did it, when, and any note.", "", 9.5, 0)
	const size = 8.5
	step := ""
	var t *table
	for _, a := range rep.Actions {
		if a.Step != step {
			if t != nil {
				t.end()
			}
			step = a.Step
			d.subheading(a.StepTitle, 20)
			t = d.table(a.StepTitle, size,
				column{title: "Action", share: 0.5},
				column{title: "Usually", width: 26},
				column{title: "Outcome", share: 0.5})
			t.begin()
		}
		outcome := "Not recorded yet"
		if a.Outcome != "" {
			outcome = outcomeWords(a.Outcome) + ", " + ukTime(a.At)
			if a.By != "" {
				outcome += ", by " + a.By
			}
			if a.Note != "" {
				outcome += ". " + a.Note
			}
		}
		t.row(txt(a.Text), dim(a.Who), txt(outcome))
	}
	if t != nil {
		t.end()
	}
}

func (d *doc) incidentCalls(rep IncidentReport) {
	d.sectionAfter("Call records and cost", 30)
	c := rep.Calls
	if c == nil {
		d.para("The call records have not been reviewed yet. Get them from the phone system or your provider, then run: ringfence breach --site NAME --calls FILE.", "", 9.5, 0)
	} else {
		src := "the phone system's own call history"
		if c.File != "" {
			src = c.File
		}
		d.para(fmt.Sprintf("Read %s from %s on %s.", plural(c.Read, "call", "calls"), src, ukTime(c.At)), "", 9.5, 0)
		d.gap(2)
		d.list(c.Summary, false, 9, 0)
	}
	d.subheading("Estimated cost", 10)
	d.para(costWords(rep.Cost)+" "+rep.Cost.Basis, "", 9.5, 0)
}

func (d *doc) incidentDecisions(rep IncidentReport) {
	d.sectionAfter("Reporting decisions", 40)
	d.para("Who the incident was reported to, or not, and why. Each decision is kept with its reason, as the ICO expects a record either way.", "", 9.5, 0)
	d.gap(2)
	for _, dec := range rep.Decisions {
		info, _ := breach.BodyNamed(dec.Body)
		d.subheading(dec.Name, 16)
		d.para(decisionWords(dec), "B", 9.5, 0)
		if dec.Reason != "" {
			d.para("Why: "+dec.Reason, "", 9.5, 0)
		}
		d.colourText(colMuted)
		d.para("When to report: "+info.When+" How: "+info.How, "", 8.5, 0)
		d.colourText(colInk)
	}
}

func (d *doc) incidentRootCause(rep IncidentReport) {
	d.sectionAfter("How they got in", 30)
	d.para("The root-cause questions. Until these are answered, the same way in may still be open.", "", 9.5, 0)
	for _, q := range rep.RootCause {
		d.gap(2)
		d.para(q.Question, "B", 9.5, 0)
		d.para(nonEmpty(q.Answer, "Not answered yet."), "", 9.5, 4)
	}
}

func (d *doc) incidentFollowUp(rep IncidentReport) {
	d.sectionAfter("Follow-up actions", 30)
	d.para("What is still to do, in the order of the response. The last item hands over to a full audit of the site, so the weakness is fixed and not just the passwords changed.", "", 9.5, 0)
	d.gap(2)
	var items []string
	for _, f := range rep.FollowUp {
		items = append(items, f.Text+" ("+f.Who+"; "+f.Why+")")
	}
	d.list(items, true, 9, 0)
}

func decisionFor(rep IncidentReport, b breach.Body) DecisionRecord {
	for _, d := range rep.Decisions {
		if d.Body == b {
			return d
		}
	}
	return DecisionRecord{}
}

func decisionWords(d DecisionRecord) string {
	switch {
	case !d.Decided:
		return "Not decided yet."
	case d.Report:
		return "Report: decided " + ukTime(d.At) + "."
	}
	return "Do not report: decided " + ukTime(d.At) + "."
}

func costWords(c CostEstimate) string {
	if !c.Known {
		return "Not known."
	}
	return fmt.Sprintf("About £%.2f.", c.Pounds)
}

func minutes(m float64) string {
	n := int(m + 0.5)
	return plural(n, "minute", "minutes")
}
