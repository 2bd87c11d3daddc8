package export

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

func itoa(n int) string { return strconv.Itoa(n) }

// Text is measured in the font's own integer units (thousandths of the font
// size), in which widths add up exactly. Wrapping and drawing therefore agree to
// the last character: the same widths decide where a line breaks and how wide it
// is drawn, and no line is ever measured by a second method.
func (d *doc) units(s string) int { return d.pdf.GetStringSymbolWidth(s) }

func (d *doc) unitsFor(width float64) int {
	_, size := d.pdf.GetFontSize() // in mm, like width
	return int(width * 1000 / size)
}

// wrap breaks text into lines no wider than width (mm) in the current font.
// Explicit line breaks start new lines; a word too long for a line (a URL, a MAC
// address, a 200-character device name) is broken, at a slash, hyphen or dot
// where one falls near the end of the line.
func (d *doc) wrap(text string, width float64) []string {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	d.record(text)
	limit := d.unitsFor(width)
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = append(lines, d.wrapParagraph(printable(para), limit)...)
	}
	return lines
}

func (d *doc) wrapParagraph(s string, limit int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	space := d.units(" ")
	var lines []string
	var line strings.Builder
	lineUnits := 0
	for _, w := range words {
		wu := d.units(w)
		if line.Len() > 0 && lineUnits+space+wu <= limit {
			line.WriteByte(' ')
			line.WriteString(w)
			lineUnits += space + wu
			continue
		}
		if line.Len() > 0 {
			lines = append(lines, line.String())
			line.Reset()
		}
		for wu > limit {
			head, tail := d.breakWord(w, limit)
			lines = append(lines, head)
			w, wu = tail, d.units(tail)
		}
		line.WriteString(w)
		lineUnits = wu
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}

// breakWord splits a word that is wider than the line. It keeps as much as fits,
// backing up to just after a natural break character if there is one in the last
// two-thirds of that; it always keeps at least one character so that wrapping
// ends.
func (d *doc) breakWord(w string, limit int) (head, tail string) {
	used, fit, soft := 0, 0, 0
	for i, r := range w {
		ru := d.units(string(r))
		if used+ru > limit && i > 0 {
			break
		}
		used += ru
		fit = i + utf8.RuneLen(r)
		if strings.ContainsRune("/-_.,:;)@", r) {
			soft = fit
		}
	}
	if soft > fit/3 && soft < fit {
		fit = soft
	}
	return w[:fit], w[fit:]
}

// fitLine shortens text to one line of the given width, ending it with an
// ellipsis when something had to go.
func (d *doc) fitLine(s string, width float64) string {
	limit := d.unitsFor(width)
	if d.units(s) <= limit {
		return s
	}
	dots := d.units("…")
	used := 0
	for i, r := range s {
		ru := d.units(string(r))
		if used+ru+dots > limit {
			return s[:i] + "…"
		}
		used += ru
	}
	return s
}

// lines draws already-wrapped lines at x, each on a fresh page if it no longer
// fits on this one.
func (d *doc) lines(x, width, lineH float64, lines []string, align string) {
	for _, l := range lines {
		d.ensure(lineH)
		d.pdf.SetX(x)
		d.pdf.CellFormat(width, lineH, l, "", 2, align, false, 0, "")
	}
}

// keepWhole is the longest paragraph that is moved whole to the next page rather
// than split, so that no page starts with a stray last line.
const keepWhole = 4

// para writes a wrapped paragraph across the text column, or indented by indent.
func (d *doc) para(text, style string, size, indent float64) {
	d.font(style, size)
	lineH := lineHeight(size)
	w := d.contentWidth() - indent
	wrapped := d.wrap(text, w)
	if len(wrapped) <= keepWhole {
		d.ensure(float64(len(wrapped)) * lineH)
	}
	d.lines(d.left()+indent, w, lineH, wrapped, "L")
}

// lineHeight is the baseline-to-baseline distance, in mm, for a font size in points.
func lineHeight(size float64) float64 { return size * 0.3528 * 1.35 }

func (d *doc) gap(h float64) {
	if d.y()+h > d.bottom() {
		return // a page break is as good as a gap
	}
	d.pdf.SetY(d.y() + h)
	d.pdf.SetX(d.left())
}

// section starts a top-level part of the report on a new page, with an entry in
// the PDF's outline so that a reader can jump to it.
func (d *doc) section(title string) {
	d.newPage()
	d.sectionTitle(title)
}

// sectionAfter starts a section under the one before when that one was short
// and room is left for keep millimetres, so that a report with little in it
// has no near-empty pages.
func (d *doc) sectionAfter(title string, keep float64) {
	if d.pdf.PageNo() <= 1 || d.y()+12+9+3+keep > d.bottom() {
		d.section(title)
		return
	}
	d.gap(12)
	d.sectionTitle(title)
}

func (d *doc) sectionTitle(title string) {
	d.pdf.Bookmark(printable(title), 0, -1)
	d.font("B", 18)
	d.colourText(colAccent)
	d.pdf.CellFormat(d.contentWidth(), 9, title, "", 2, "L", false, 0, "")
	d.colourText(colInk)
	d.gap(3)
}

// subheading starts a part of a section. keep is the height of what must follow
// on the same page, so that a heading is never left alone at the foot of a page.
func (d *doc) subheading(title string, keep float64) {
	const h = 8.0
	if !d.ensure(h + 3 + keep) {
		d.gap(3)
	}
	d.pdf.Bookmark(printable(title), 1, -1)
	d.font("B", 13)
	d.colourText(colAccent)
	d.pdf.SetX(d.left())
	d.pdf.CellFormat(d.contentWidth(), h, printable(title), "", 2, "L", false, 0, "")
	d.colourLine(colRule)
	d.pdf.SetLineWidth(0.3)
	d.pdf.Line(d.left(), d.y(), d.right(), d.y())
	d.colourText(colInk)
	d.gap(2)
}

// list writes numbered or bulleted items with a hanging indent.
func (d *doc) list(items []string, numbered bool, size, indent float64) {
	d.font("", size)
	lineH := lineHeight(size)
	const hang = 6.0
	x := d.left() + indent
	w := d.contentWidth() - indent - hang
	for i, item := range items {
		wrapped := d.wrap(item, w)
		if len(wrapped) == 0 {
			continue
		}
		// Keep the first two lines of an item together with its marker.
		d.ensure(lineH * float64(min(2, len(wrapped))))
		marker := "•"
		if numbered {
			marker = itoa(i+1) + "."
		}
		d.pdf.SetX(x)
		d.pdf.CellFormat(hang, lineH, marker, "", 0, "L", false, 0, "")
		d.pdf.CellFormat(w, lineH, wrapped[0], "", 2, "L", false, 0, "")
		d.lines(x+hang, w, lineH, wrapped[1:], "L")
	}
}
