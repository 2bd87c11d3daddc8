package export

// column is one column of a table. A column with a width (mm) keeps it; the
// others share what is left of the text width in proportion to their shares.
type column struct {
	title string
	share float64
	width float64
	align string // "L" (default), "C" or "R"
}

// cell is one table cell's text and how to set it.
type cell struct {
	text  string
	style string // "", "B" or "I"
	mono  bool
	muted bool
}

func txt(s string) cell  { return cell{text: s} }
func bold(s string) cell { return cell{text: s, style: "B"} }
func code(s string) cell { return cell{text: s, mono: true} }
func dim(s string) cell  { return cell{text: s, muted: true} }

// table draws rows that never split across pages: each row is wrapped and
// measured first, and a row that does not fit on the page moves whole to the
// next, under a repeated header row.
type table struct {
	d       *doc
	cols    []column
	widths  []float64
	size    float64
	caption string
	rows    int
}

const cellPad = 1.3

func (d *doc) table(caption string, size float64, cols ...column) *table {
	t := &table{d: d, cols: cols, size: size, caption: caption}
	fixed, shares := 0.0, 0.0
	for _, c := range cols {
		fixed += c.width
		if c.width == 0 {
			shares += c.share
		}
	}
	rest := d.contentWidth() - fixed
	for _, c := range cols {
		w := c.width
		if w == 0 {
			w = rest * c.share / shares
		}
		t.widths = append(t.widths, w)
	}
	return t
}

func (t *table) lineH() float64 { return lineHeight(t.size) }

// fitWidth is the width of a column that shows each of texts on one line in
// the given cell style ("mono" for code), so that short codes and dates never
// wrap.
func (d *doc) fitWidth(size float64, style string, texts ...string) float64 {
	if style == "mono" {
		d.mono(size)
	} else {
		d.font(style, size)
	}
	_, mm := d.pdf.GetFontSize()
	widest := 0
	for _, s := range texts {
		widest = max(widest, d.units(printable(s)))
	}
	// Half a millimetre spare absorbs rounding between measuring and drawing.
	return float64(widest)*mm/1000 + 2*cellPad + 0.5
}

func (t *table) setFont(c cell) {
	if c.mono {
		t.d.mono(t.size - 0.5)
		return
	}
	t.d.font(c.style, t.size)
}

// measure wraps every cell of a row and returns the lines and the row height.
func (t *table) measure(cells []cell) ([][]string, float64) {
	wrapped := make([][]string, len(t.cols))
	most := 1
	for i := range t.cols {
		if i >= len(cells) {
			continue
		}
		t.setFont(cells[i])
		wrapped[i] = t.d.wrap(cells[i].text, t.widths[i]-2*cellPad)
		most = max(most, len(wrapped[i]))
	}
	return wrapped, float64(most)*t.lineH() + 2*cellPad
}

func (t *table) headerCells() []cell {
	cells := make([]cell, len(t.cols))
	for i, c := range t.cols {
		cells[i] = bold(c.title)
	}
	return cells
}

// begin draws the header row, first making sure the header and one row fit.
func (t *table) begin() {
	_, h := t.measure(t.headerCells())
	t.d.ensure(h + t.lineH()*2 + 2*cellPad)
	t.header()
}

func (t *table) header() {
	wrapped, h := t.measure(t.headerCells())
	t.draw(t.headerCells(), wrapped, h, colAccent, colWhite)
}

// tallest is the height a row may take: a full page under the caption and header.
func (t *table) tallest() float64 {
	_, hh := t.measure(t.headerCells())
	return t.d.bottom() - marginTop - hh - t.lineH() - 1
}

func (t *table) row(cells ...cell) {
	wrapped, h := t.measure(cells)
	if limit := t.tallest(); h > limit {
		// Only pathological input gets here (a cell longer than a page); cut it
		// short rather than let it run off the page.
		keep := max(1, int((limit-2*cellPad)/t.lineH()))
		for i := range wrapped {
			if len(wrapped[i]) > keep {
				wrapped[i] = append(wrapped[i][:keep-1:keep-1], "…")
			}
		}
		h = float64(keep)*t.lineH() + 2*cellPad
	}
	if t.d.ensure(h) {
		t.d.font("I", 8)
		t.d.colourText(colMuted)
		t.d.pdf.CellFormat(t.d.contentWidth(), t.lineH()+1, printable(t.caption)+" (continued)", "", 2, "L", false, 0, "")
		t.d.colourText(colInk)
		t.header()
	}
	fill := colWhite
	if t.rows%2 == 1 {
		fill = colShade
	}
	t.draw(cells, wrapped, h, fill, colInk)
	t.rows++
}

func (t *table) draw(cells []cell, wrapped [][]string, h float64, fill, ink rgb) {
	d := t.d
	y0 := d.y()
	if fill != colWhite {
		d.colourFill(fill)
		d.pdf.Rect(d.left(), y0, d.contentWidth(), h, "F")
	}
	x := d.left()
	for i, lines := range wrapped {
		c := cell{}
		if i < len(cells) {
			c = cells[i]
		}
		t.setFont(c)
		if c.muted {
			d.colourText(colMuted)
		} else {
			d.colourText(ink)
		}
		align := t.cols[i].align
		if align == "" {
			align = "L"
		}
		for n, line := range lines {
			d.pdf.SetXY(x+cellPad, y0+cellPad+float64(n)*t.lineH())
			d.pdf.CellFormat(t.widths[i]-2*cellPad, t.lineH(), line, "", 0, align, false, 0, "")
		}
		x += t.widths[i]
	}
	d.colourText(colInk)
	d.colourLine(colRule)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(d.left(), y0+h, d.right(), y0+h)
	d.pdf.SetXY(d.left(), y0+h)
}

// end leaves a little space under the table.
func (t *table) end() { t.d.gap(4) }
