package export

import (
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/ringfence/ringfence/checklist"
)

// Page geometry in millimetres. The header and footer sit inside the top and
// bottom margins so that body text never runs into them.
const (
	marginSide   = 18.0
	marginTop    = 22.0
	marginBottom = 20.0
	headerY      = 10.0
	footerGap    = 11.0 // from the bottom edge to the footer's baseline box
)

// rgb is a colour. The palette is chosen to stay readable in greyscale: every
// fill is either very light (dark text on it) or very dark (white text on it),
// and no status is shown by colour alone.
type rgb struct{ r, g, b int }

var (
	colInk     = rgb{33, 37, 41}
	colMuted   = rgb{92, 99, 106}
	colRule    = rgb{190, 196, 202}
	colShade   = rgb{238, 241, 244}
	colAccent  = rgb{22, 66, 110}
	colBarFill = rgb{22, 66, 110}
	colWhite   = rgb{255, 255, 255}
	colFail    = rgb{150, 28, 28}
	colPass    = rgb{222, 238, 224}
	colUnknown = rgb{250, 234, 190}
	colAccept  = rgb{215, 219, 235}
)

// doc is one PDF being written: the library handle plus what every section
// needs to know.
type doc struct {
	pdf  *fpdf.Fpdf
	a    *checklist.Audit
	cat  *checklist.Catalogue
	opts Options
	card checklist.Scorecard

	pageW, pageH float64
	// running is the title in every page's header; empty means the audit's.
	running string
	// said is every text printed so far, for the glossary.
	said strings.Builder
}

func (d *doc) left() float64         { return marginSide }
func (d *doc) right() float64        { return d.pageW - marginSide }
func (d *doc) contentWidth() float64 { return d.pageW - 2*marginSide }
func (d *doc) bottom() float64       { return d.pageH - marginBottom }
func (d *doc) y() float64            { return d.pdf.GetY() }

// ensure starts a new page unless h millimetres still fit on this one. Every
// piece of text goes through it, because automatic page breaks are off: the
// library would otherwise break inside a table row.
func (d *doc) ensure(h float64) bool {
	if d.y()+h <= d.bottom()+0.01 {
		return false
	}
	d.newPage()
	return true
}

func (d *doc) newPage() {
	d.pdf.AddPage()
	d.pdf.SetXY(d.left(), marginTop)
}

func (d *doc) colourText(c rgb) { d.pdf.SetTextColor(c.r, c.g, c.b) }
func (d *doc) colourFill(c rgb) { d.pdf.SetFillColor(c.r, c.g, c.b) }
func (d *doc) colourLine(c rgb) { d.pdf.SetDrawColor(c.r, c.g, c.b) }

func (d *doc) font(style string, size float64) { d.pdf.SetFont(fontSans, style, size) }
func (d *doc) mono(size float64)               { d.pdf.SetFont(fontMono, "", size) }

// onCover is true while the first page is drawn; the cover has no running header
// or footer.
func (d *doc) onCover() bool { return d.pdf.PageNo() <= 1 }

// header runs at the top of every page after the cover: who the report is about,
// so that a loose printed page can be put back in the right folder.
func (d *doc) header() {
	if d.onCover() {
		return
	}
	d.font("", 8)
	d.colourText(colMuted)
	half := d.contentWidth() / 2
	site := d.fitLine(printable(d.a.Site), half-4)
	d.pdf.SetXY(d.left(), headerY)
	d.pdf.CellFormat(half, 5, site, "", 0, "L", false, 0, "")
	running := d.running
	if running == "" {
		running = "Phone system security audit"
	}
	d.pdf.CellFormat(half, 5, running, "", 0, "R", false, 0, "")
	d.colourLine(colRule)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(d.left(), headerY+6, d.right(), headerY+6)
	d.colourText(colInk)
	d.pdf.SetXY(d.left(), marginTop)
}

func (d *doc) footer() {
	if d.onCover() {
		return
	}
	d.font("", 8)
	d.colourText(colMuted)
	half := d.contentWidth() / 2
	d.pdf.SetXY(d.left(), d.pageH-footerGap)
	d.pdf.CellFormat(half, 5, "Confidential. Generated "+shortDate(d.opts.Generated), "", 0, "L", false, 0, "")
	d.pdf.CellFormat(half, 5, "Page "+itoa(d.pdf.PageNo())+" of "+nbPagesAlias, "", 0, "R", false, 0, "")
	d.colourText(colInk)
}

// nbPagesAlias is replaced by the page count when the PDF is written.
const nbPagesAlias = "{nb}"
