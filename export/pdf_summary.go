package export

import (
	"strings"

	"github.com/ringfence/ringfence/checklist"
)

// thisWeek is how many actions the summary asks the owner to do first.
const thisWeek = 5

// summary is the one page an owner reads: what to do this week, how each area
// stands and how many checks passed.
func (d *doc) summary() {
	d.section("Summary")
	intro := "Overall score " + itoa(d.card.Overall) + " out of 100. " + verdict(d.card)
	if note := confidenceNote(d.card); note != "" {
		intro += " " + note
	}
	d.para(intro, "", 10.5, 0)

	open := openActions(d.a.Plan)
	// The summary is one page whatever the counts: the areas and counts below
	// are measured first, and the week's actions get the room that is left,
	// each shortened to its step alone when the reasons would not fit.
	const moreNote = 6.0
	room := d.bottom() - d.y() - subheadingH - (subheadingH + countBoxesH) - (subheadingH + d.domainBarsHeight())
	d.subheading("Do these first, this week", 20)
	if len(open) == 0 {
		d.para(nothingToFix(d.card), "", 10, 0)
	} else {
		week := open[:min(thisWeek, len(open))]
		// All the week's actions in full if they fit; else all of them as steps
		// alone, as many as fit.
		brief, need := false, moreNote
		for _, act := range week {
			need += d.firstActionHeight(act, false)
		}
		if need > room {
			brief = true
		}
		shown := 0
		for _, act := range week {
			h := d.firstActionHeight(act, brief)
			if room-h < moreNote {
				break
			}
			room -= h
			shown++
			d.firstAction(shown, act, brief)
		}
		if len(open) > shown {
			d.gap(1)
			d.colourText(colMuted)
			d.para("The full action plan lists all "+count(len(open), "action", "actions")+" in order.", "I", 9, 0)
			d.colourText(colInk)
		}
	}

	d.subheading("Checks at a glance", 24)
	d.countBoxes()
	d.subheading("Scores by area", 30)
	d.domainBars()
}

// subheadingH is the height a subheading takes with the gaps around it.
const subheadingH = 3 + 8 + 2

// countBoxesH is the height of the count boxes with the note under them.
const countBoxesH = 19 + 2 + 8.5*0.3528*1.35 + 1

// firstActionParts wraps one of the week's actions: the step, why, and a line
// of how urgent and how big it is.
func (d *doc) firstActionParts(act checklist.Action) (head, why, meta []string, w float64) {
	w = d.contentWidth() - firstActionNumW
	d.font("B", 10.5)
	head = d.wrap(act.Action, w)
	d.font("", 9.5)
	why = d.wrap(act.Why, w)
	m := severityWord(act.Severity) + " · " + effortPhrase(act.Effort) + " · do by " + shortDate(act.Due) + " · check " + act.CheckID
	meta = d.wrap(m, w)
	return head, why, meta, w
}

const firstActionNumW = 9.0

// firstActionHeight is the height firstAction takes, brief or in full.
func (d *doc) firstActionHeight(act checklist.Action, brief bool) float64 {
	head, why, meta, _ := d.firstActionParts(act)
	if brief {
		why = nil
	}
	return float64(len(head))*lineHeight(10.5) + float64(len(why)+len(meta))*lineHeight(9.5) + 2.5
}

// firstAction writes one of the week's actions: the step in bold, why in plain
// words (left out when brief), and how urgent and how big it is.
func (d *doc) firstAction(n int, act checklist.Action, brief bool) {
	head, why, meta, w := d.firstActionParts(act)
	if brief {
		why = nil
	}
	d.ensure(d.firstActionHeight(act, brief) - 2.5)

	y := d.y()
	d.font("B", 13)
	d.colourText(colAccent)
	d.pdf.SetXY(d.left(), y)
	d.pdf.CellFormat(firstActionNumW, lineHeight(10.5), itoa(n), "", 0, "L", false, 0, "")
	d.colourText(colInk)
	x := d.left() + firstActionNumW
	d.pdf.SetXY(x, y)
	d.font("B", 10.5)
	d.lines(x, w, lineHeight(10.5), head, "L")
	d.font("", 9.5)
	d.lines(x, w, lineHeight(9.5), why, "L")
	d.colourText(colMuted)
	d.lines(x, w, lineHeight(9.5), meta, "L")
	d.colourText(colInk)
	d.gap(2.5)
}

// countBoxes shows the number of checks with each status, each labelled in words.
func (d *doc) countBoxes() {
	c := d.card.Counts
	boxes := []struct {
		label string
		n     int
	}{{"Passed", c.Pass}, {"Failed", c.Fail}, {"Unknown", c.Unknown}, {"Risk accepted", c.Accepted}, {"Not applicable", c.NA}}
	const gap, h = 3.0, 19.0
	w := (d.contentWidth() - gap*float64(len(boxes)-1)) / float64(len(boxes))
	d.ensure(h)
	y := d.y()
	for i, b := range boxes {
		x := d.left() + float64(i)*(w+gap)
		d.colourFill(colShade)
		d.pdf.Rect(x, y, w, h, "F")
		d.font("B", 20)
		d.colourText(colInk)
		d.pdf.SetXY(x, y+2)
		d.pdf.CellFormat(w, 10, itoa(b.n), "", 0, "C", false, 0, "")
		d.font("", 8.5)
		d.colourText(colMuted)
		d.pdf.SetXY(x, y+12)
		d.pdf.CellFormat(w, 5, b.label, "", 0, "C", false, 0, "")
	}
	d.colourText(colInk)
	d.pdf.SetXY(d.left(), y+h)
	d.gap(2)
	d.colourText(colMuted)
	d.para("Unknown means there was no evidence either way; it never counts as a pass, so it lowers the score.", "I", 8.5, 0)
	d.colourText(colInk)
}

const barSize = 9.0

func (d *doc) barColumns() (labelW, barW, scoreW, countsW float64) {
	cw := d.contentWidth()
	labelW, barW, scoreW = cw*0.30, cw*0.25, cw*0.11
	return labelW, barW, scoreW, cw - labelW - barW - scoreW
}

// domainBar wraps one area's label and counts, and says how tall its row is.
func (d *doc) domainBar(ds checklist.DomainScore) (label, counts []string, h float64) {
	labelW, _, _, countsW := d.barColumns()
	d.font("", barSize-0.5)
	counts = d.wrap(domainCounts(ds), countsW)
	d.font("", barSize)
	label = d.wrap(ds.Title, labelW-2)
	rows := max(len(label), len(counts), 1)
	return label, counts, float64(rows)*lineHeight(barSize) + 2.4
}

func (d *doc) domainBarsHeight() float64 {
	total := 0.0
	for _, ds := range d.card.Domains {
		_, _, h := d.domainBar(ds)
		total += h
	}
	return total
}

// domainBars draws one bar per area: its score as a filled share of the bar, with
// the number and the counts in words beside it.
func (d *doc) domainBars() {
	labelW, barW, scoreW, countsW := d.barColumns()
	const barH = 3.6
	lineH := lineHeight(barSize)
	for _, ds := range d.card.Domains {
		label, counts, h := d.domainBar(ds)
		size := barSize
		d.ensure(h)
		y := d.y()
		d.font("", size)
		d.lines(d.left(), labelW-2, lineH, label, "L")

		barY := y + (lineH-barH)/2
		d.colourLine(colRule)
		d.pdf.SetLineWidth(0.2)
		d.colourFill(colShade)
		d.pdf.Rect(d.left()+labelW, barY, barW-4, barH, "FD")
		score := "n/a"
		switch {
		case ds.Applicable && ds.Confidence == 0:
			score = "no data"
		case ds.Applicable:
			score = itoa(ds.Score) + "/100"
			if fill := (barW - 4) * float64(ds.Score) / 100; fill > 0 {
				d.colourFill(colBarFill)
				d.pdf.Rect(d.left()+labelW, barY, fill, barH, "F")
			}
		}
		d.font("B", size)
		d.pdf.SetXY(d.left()+labelW+barW, y)
		d.pdf.CellFormat(scoreW, lineH, score, "", 0, "L", false, 0, "")
		d.font("", size-0.5)
		d.colourText(colMuted)
		d.pdf.SetXY(d.left()+labelW+barW+scoreW, y)
		d.lines(d.left()+labelW+barW+scoreW, countsW, lineH, counts, "L")
		d.colourText(colInk)
		d.pdf.SetXY(d.left(), y+h)
	}
}

func domainCounts(ds checklist.DomainScore) string {
	if !ds.Applicable {
		return "not applicable here"
	}
	c := ds.Counts
	parts := []string{itoa(c.Pass) + " passed", itoa(c.Fail) + " failed"}
	if c.Unknown > 0 {
		parts = append(parts, itoa(c.Unknown)+" unknown")
	}
	if c.Accepted > 0 {
		parts = append(parts, itoa(c.Accepted)+" accepted")
	}
	s := strings.Join(parts, ", ")
	if ds.Confidence < lowConfidence {
		s += " (low confidence)"
	}
	return s
}
