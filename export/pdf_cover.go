package export

import (
	"bytes"

	"codeberg.org/go-pdf/fpdf"
)

// maxCoverNameLines keeps a very long business name from pushing the score off
// the cover.
const maxCoverNameLines = 4

// cover is the first page: whose audit, when, by whom, and the score in one line.
func (d *doc) cover(logo []byte) {
	pdf := d.pdf
	pdf.AddPage()
	pdf.Bookmark("Cover", 0, 0)
	d.colourFill(colAccent)
	pdf.Rect(0, 0, d.pageW, 7, "F")
	if logo != nil {
		d.placeLogo(logo)
	}

	pdf.SetXY(d.left(), 68)
	d.font("B", 11)
	d.colourText(colAccent)
	pdf.CellFormat(d.contentWidth(), 6, "PHONE SYSTEM SECURITY AUDIT", "", 2, "L", false, 0, "")
	d.colourText(colInk)
	d.gap(2)
	site := d.a.Site
	if site == "" {
		site = "Unnamed site"
	}
	d.font("B", 28)
	name := d.wrap(site, d.contentWidth())
	if len(name) > maxCoverNameLines {
		// The cover must stay one page; the full name is in the audit itself.
		name = name[:maxCoverNameLines]
		name[maxCoverNameLines-1] = d.fitLine(name[maxCoverNameLines-1]+"…", d.contentWidth())
	}
	d.lines(d.left(), d.contentWidth(), lineHeight(28), name, "L")
	d.gap(4)
	d.para(longDate(d.opts.Generated), "", 13, 0)
	if d.a.Auditor != "" {
		d.para("Audited by "+d.a.Auditor, "", 13, 0)
	}
	d.colourText(colMuted)
	if pbx := pbxLabel(d.a.Inventory.PBX); pbx != "" {
		d.para("Phone system: "+pbx, "", 11, 0)
	}
	d.colourText(colInk)
	d.gap(14)
	d.scoreBlock()

	// The foot of the cover says how to treat the document.
	var notes []string
	if stale := staleNotice(d.a); stale != "" {
		notes = append(notes, stale)
	}
	if d.a.Demo {
		notes = append(notes, "This is Ringfence's demo company: the business, its people and its phone system are made up.")
	}
	notes = append(notes,
		"Confidential. This report describes weaknesses in a phone system. Share it only with the people who will fix them, and keep printed copies locked away.",
		"Prepared with Ringfence on "+longDate(d.opts.Generated)+". "+judgedLine(d.a))
	d.font("", 9)
	var wrapped []string
	for _, n := range notes {
		wrapped = append(wrapped, d.wrap(n, d.contentWidth())...)
	}
	lineH := lineHeight(9)
	top := d.bottom() - float64(len(wrapped))*lineH
	pdf.SetY(max(top, d.y()+8))
	d.colourText(colMuted)
	d.lines(d.left(), d.contentWidth(), lineH, wrapped, "L")
	d.colourText(colInk)
}

// scoreBlock draws the score large, with the verdict and how sure it is beside it.
func (d *doc) scoreBlock() {
	pdf := d.pdf
	const numberW, pad = 46.0, 5.0
	textW := d.contentWidth() - numberW - 2*pad
	d.font("B", 15)
	verdictLines := d.wrap(verdict(d.card), textW)
	note := confidenceNote(d.card)
	if note == "" {
		note = "Based on evidence for " + itoa(d.card.Confidence) + "% of the checks, by weight."
	}
	d.font("", 10)
	noteLines := d.wrap(note, textW)
	h := max(40, 2*pad+6+float64(len(verdictLines))*lineHeight(15)+2+float64(len(noteLines))*lineHeight(10))

	d.ensure(h)
	x, y := d.left(), d.y()
	d.colourFill(colShade)
	pdf.Rect(x, y, d.contentWidth(), h, "F")
	d.colourFill(colAccent)
	pdf.Rect(x, y, 2, h, "F")

	d.font("B", 50)
	d.colourText(colAccent)
	pdf.SetXY(x+pad, y+pad)
	pdf.CellFormat(numberW, 20, itoa(d.card.Overall), "", 0, "C", false, 0, "")
	d.font("", 10)
	d.colourText(colMuted)
	pdf.SetXY(x+pad, y+pad+21)
	pdf.CellFormat(numberW, 5, "out of 100", "", 0, "C", false, 0, "")

	tx := x + pad + numberW + pad
	pdf.SetXY(tx, y+pad)
	d.font("B", 9)
	pdf.CellFormat(textW, 6, "OVERALL SCORE", "", 2, "L", false, 0, "")
	d.colourText(colInk)
	d.font("B", 15)
	d.lines(tx, textW, lineHeight(15), verdictLines, "L")
	d.gap(2)
	d.font("", 10)
	d.lines(tx, textW, lineHeight(10), noteLines, "L")
	pdf.SetXY(d.left(), y+h)
}

// placeLogo fits the logo into a box at the top right of the cover, keeping its
// shape.
func (d *doc) placeLogo(png []byte) {
	const boxW, boxH = 60.0, 28.0
	info := d.pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	if info == nil || d.pdf.Error() != nil {
		return
	}
	w, h := info.Width(), info.Height()
	if w <= 0 || h <= 0 {
		return
	}
	scale := min(boxW/w, boxH/h)
	w, h = w*scale, h*scale
	d.pdf.ImageOptions("logo", d.right()-w, 16, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
}
