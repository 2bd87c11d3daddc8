package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/ringfence/ringfence/checklist"
)

// Options shape the PDF and Markdown documents.
type Options struct {
	// Catalogue supplies each check's fix steps, reasons and references; nil means
	// the built-in catalogue.
	Catalogue *checklist.Catalogue
	// Previous is the site's previous audit, or nil. When set, the documents say
	// what was fixed, what is new and what got worse since then.
	Previous *checklist.Audit
	// Paper is "a4" (the default when empty) or "letter"; see ParsePaper.
	Paper string
	// Logo is an optional PNG or JPEG file for the cover, such as an IT provider's
	// logo; see CheckLogo.
	Logo string
	// Generated is the date printed on the documents; zero means now.
	Generated time.Time

	// uncompressed leaves the PDF's pages readable as text, so tests can read
	// back every string the PDF library was given.
	uncompressed bool
}

func (o Options) withDefaults() (Options, error) {
	paper, err := ParsePaper(o.Paper)
	if err != nil {
		return o, err
	}
	o.Paper = paper
	if o.Catalogue == nil {
		o.Catalogue = checklist.Builtin()
	}
	if o.Generated.IsZero() {
		o.Generated = time.Now()
	}
	return o, nil
}

// WritePDF writes the printable action plan: a cover with the score, a one-page
// summary for the owner, the ranked plan, every finding by area, what could not
// be checked, changes since the previous audit and appendices for an auditor.
// Nothing reaches w unless the whole document was built.
func WritePDF(w io.Writer, a *checklist.Audit, opts Options) error {
	if a == nil {
		return errors.New("no audit to write as a PDF")
	}
	opts, err := opts.withDefaults()
	if err != nil {
		return err
	}
	var logo []byte
	if opts.Logo != "" {
		if logo, err = loadLogo(opts.Logo); err != nil {
			return err
		}
	}
	size := "A4"
	if opts.Paper == PaperLetter {
		size = "Letter"
	}
	pdf := fpdf.New("P", "mm", size, "")
	// The alias must be set before the fonts are added: the library sizes the
	// fonts' character subsets by whether an alias is in use.
	pdf.AliasNbPages(nbPagesAlias)
	addFonts(pdf)
	pdf.SetAutoPageBreak(false, marginBottom)
	pdf.SetMargins(marginSide, marginTop, marginSide)
	pdf.SetCellMargin(0)
	if opts.uncompressed {
		pdf.SetCompression(false)
	}
	pdf.SetTitle("Phone system security audit: "+printable(a.Site), true)
	pdf.SetSubject("Security hygiene audit of the phone system, with an action plan", true)
	if a.Auditor != "" {
		pdf.SetAuthor(printable(a.Auditor), true)
	}
	pdf.SetCreator("Ringfence", true)
	pdf.SetLang("en-GB")
	pdf.SetCreationDate(opts.Generated)
	pdf.SetModificationDate(opts.Generated)

	d := &doc{pdf: pdf, a: a, cat: opts.Catalogue, opts: opts, card: checklist.Score(a.Results)}
	d.pageW, d.pageH = pdf.GetPageSize()
	pdf.SetHeaderFunc(d.header)
	pdf.SetFooterFunc(d.footer)

	d.cover(logo)
	d.summary()
	d.actionPlan()
	d.findings()
	d.openItems()
	d.changes()
	d.appendices()

	if err := pdf.Error(); err != nil {
		return fmt.Errorf("could not build the PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("could not build the PDF: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}
