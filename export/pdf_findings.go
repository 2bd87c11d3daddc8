package export

import (
	"strings"

	"github.com/ringfence/ringfence/checklist"
)

// maxAffectedShown caps the items printed under one finding: a list of hundreds of
// extensions helps nobody on paper, and the JSON report has them all.
const maxAffectedShown = 12

// findings lists every check by area: its status in words, the evidence, what it
// affects, how to fix it and where the advice comes from.
func (d *doc) findings() {
	// An empty plan is a paragraph; the findings can follow it on its page.
	if len(d.a.Plan) == 0 {
		d.sectionAfter("Findings by area", 60)
	} else {
		d.section("Findings by area")
	}
	d.para("Every check that could be judged, area by area. Failed and accepted checks say how to fix them and which standards they relate to. "+
		"Long lists of affected items are shortened here; the JSON report lists every one.", "", 9.5, 0)
	if len(d.a.Results) == 0 {
		d.gap(2)
		d.para("No checks were evaluated in this audit.", "I", 10, 0)
		return
	}
	// Unknown checks are listed once, compactly, under what could not be
	// checked: printing each one's full fix made a report of little knowledge
	// the longest of all.
	byDomain := make(map[checklist.Domain][]checklist.Result)
	unknown := 0
	for _, r := range d.a.Results {
		if r.Status == checklist.StatusUnknown {
			unknown++
			continue
		}
		byDomain[r.Domain] = append(byDomain[r.Domain], r)
	}
	if unknown > 0 {
		d.gap(1)
		d.para(plural(unknown, "check", "checks")+" could not be judged: "+
			"they are listed with the question that settles each under \"What could not be checked\".", "I", 9.5, 0)
	}
	for _, ds := range d.card.Domains {
		results := byDomain[ds.Domain]
		if len(results) == 0 {
			continue
		}
		d.subheading(ds.Title, 30)
		d.colourText(colMuted)
		score := "Not applicable here"
		if ds.Applicable {
			score = "Score " + itoa(ds.Score) + "/100: " + domainCounts(ds)
		}
		d.para(score+".", "", 9, 0)
		d.colourText(colInk)
		d.gap(1.5)
		for _, r := range results {
			d.finding(r)
		}
	}
}

func (d *doc) finding(r checklist.Result) {
	const idW, badgeW, size = 17.0, 26.0, 10.0
	titleW := d.contentWidth() - idW - badgeW - 3
	d.font("B", size)
	title := d.wrap(r.Title, titleW)
	d.font("", 9.5)
	evidence := d.wrap(r.Evidence, d.contentWidth()-idW)
	// Keep the title, the line under it and the start of the evidence together.
	d.ensure(float64(len(title))*lineHeight(size) + lineHeight(8.5) + float64(min(2, len(evidence)))*lineHeight(9.5) + 2)

	y := d.y()
	d.mono(9)
	d.pdf.SetXY(d.left(), y+0.3)
	d.pdf.CellFormat(idW, lineHeight(size), r.CheckID, "", 0, "L", false, 0, "")
	d.badge(d.right()-badgeW, y+0.4, badgeW, r.Status)
	d.font("B", size)
	d.pdf.SetXY(d.left()+idW, y)
	d.lines(d.left()+idW, titleW, lineHeight(size), title, "L")

	x, w := d.left()+idW, d.contentWidth()-idW
	d.colourText(colMuted)
	d.font("", 8.5)
	meta := "Severity: " + severityWord(r.Severity) + " · Effort: " + string(r.Effort) + " · Evidence: " + basisWord(r.Basis)
	d.lines(x, w, lineHeight(8.5), d.wrap(meta, w), "L")
	d.colourText(colInk)
	d.font("", 9.5)
	if len(evidence) <= keepWhole {
		d.ensure(float64(len(evidence)) * lineHeight(9.5))
	}
	d.lines(x, w, lineHeight(9.5), evidence, "L")

	if r.Status == checklist.StatusNA && r.NAReason != "" {
		d.para("Why it does not apply: "+r.NAReason, "", 9.5, idW)
	}
	if acc := r.Acceptance; acc != nil {
		text := "Risk accepted by " + acc.Owner + " until " + longDate(acc.Expires) + ". Reason: " + acc.Reason
		if r.Status == checklist.StatusFail {
			text = "The risk was accepted by " + acc.Owner + " until " + longDate(acc.Expires) + ", but that date has passed, so it counts as a failure again."
		}
		d.para(text, "I", 9.5, idW)
	}
	if len(r.Affected) > 0 {
		d.label("Affected ("+itoa(len(r.Affected))+")", x)
		d.list(affectedLines(r.Affected), false, 9, idW)
	}
	if r.Status != checklist.StatusPass && r.Status != checklist.StatusNA {
		ch, ok := d.cat.Check(r.CheckID)
		if ok && len(ch.Fix) > 0 {
			d.label("How to fix", x)
			d.list(ch.Fix, true, 9, idW)
		}
		if ok {
			d.references(ch.Refs, x, w)
		}
	}
	d.gap(2)
	d.colourLine(colShade)
	d.pdf.SetLineWidth(0.3)
	if !d.ensure(3) {
		d.pdf.Line(d.left(), d.y(), d.right(), d.y())
		d.gap(2.5)
	}
}

// affectedLines names each affected item with the reason it is listed, up to
// the cap.
func affectedLines(items []checklist.Item) []string {
	shown := items[:min(len(items), maxAffectedShown)]
	lines := make([]string, 0, len(shown)+1)
	for _, it := range shown {
		line := it.Label
		if line == "" {
			line = it.ID
		}
		if it.Detail != "" {
			line += ": " + it.Detail
		}
		lines = append(lines, line)
	}
	if more := len(items) - len(shown); more > 0 {
		lines = append(lines, "and "+itoa(more)+" more: the JSON report lists them all")
	}
	return lines
}

// label is a small bold heading inside a finding, kept with its first line.
func (d *doc) label(text string, x float64) {
	d.ensure(lineHeight(9)*2 + 1)
	d.gap(1)
	d.font("B", 9)
	d.pdf.SetX(x)
	d.pdf.CellFormat(d.right()-x, lineHeight(9), text, "", 2, "L", false, 0, "")
}

func (d *doc) references(refs checklist.Refs, x, w float64) {
	var lines []string
	if refs.CyberEssentials != "" {
		lines = append(lines, "Cyber Essentials: "+refs.CyberEssentials)
	}
	if refs.ISO27001 != "" {
		lines = append(lines, "ISO/IEC 27001:2022 Annex A: "+refs.ISO27001)
	}
	if refs.Source != "" {
		src := refs.Source
		if refs.SourceTitle != "" {
			src = refs.SourceTitle + ", " + refs.Source
		}
		lines = append(lines, "Source: "+src)
	}
	if len(lines) == 0 {
		return
	}
	d.font("", 8.5)
	var wrapped []string
	for _, l := range lines {
		wrapped = append(wrapped, d.wrap(l, w)...)
	}
	// A few lines of references read best on one page with their label.
	if len(wrapped) <= 2*keepWhole {
		d.ensure(lineHeight(9) + 1 + float64(len(wrapped))*lineHeight(8.5))
	}
	d.label("References", x)
	d.font("", 8.5)
	d.colourText(colMuted)
	d.lines(x, w, lineHeight(8.5), wrapped, "L")
	d.colourText(colInk)
}

// badge writes the status as a word in a box. The fills differ in lightness as
// well as hue, but the word carries the meaning, so a greyscale print loses
// nothing.
func (d *doc) badge(x, y, w float64, s checklist.Status) {
	fill, ink, style := colShade, colInk, "F"
	switch s {
	case checklist.StatusFail:
		fill, ink = colFail, colWhite
	case checklist.StatusPass:
		fill = colPass
	case checklist.StatusUnknown:
		fill = colUnknown
	case checklist.StatusAccepted:
		fill = colAccept
	case checklist.StatusNA:
		fill, style = colWhite, "D"
	}
	const h = 4.6
	d.colourFill(fill)
	d.colourLine(colRule)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Rect(x, y, w, h, style)
	d.font("B", 7.5)
	d.colourText(ink)
	d.pdf.SetXY(x, y)
	d.pdf.CellFormat(w, h, strings.ToUpper(statusWord(s)), "", 0, "C", false, 0, "")
	d.colourText(colInk)
}

// severityCell prints the two worst severities in bold, so that they stand out on
// a greyscale print too.
func severityCell(s checklist.Severity) cell {
	if s.Rank() >= checklist.High.Rank() {
		return bold(severityWord(s))
	}
	return txt(severityWord(s))
}
