package tui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/export"
)

// exportUses says what each document is for, after its name.
var exportUses = map[export.Format]string{
	export.FormatPDF:      "to print or send",
	export.FormatMarkdown: "for a wiki or ticket",
	export.FormatCSV:      "for a spreadsheet",
	export.FormatJSON:     "for other tools",
}

// exportScreen writes the documents the user picks into a folder, through the
// same export the command line uses.
type exportScreen struct {
	sh      *shared
	form    *formHost
	chosen  *[]string
	folder  *string
	paper   *string
	logo    *string
	op      operation
	written []string
	failed  string
}

type exportedMsg struct {
	op      int
	written []export.Written
	err     error
	// site is the site as saved with its new export settings, or nil.
	site *checklist.Site
	// siteErr is why those settings could not be remembered; the documents
	// were still written.
	siteErr error
}

func newExportScreen(sh *shared) (*exportScreen, tea.Cmd) {
	e := &exportScreen{sh: sh, chosen: new([]string), folder: new(string), paper: new(string), logo: new(string), op: newOperation()}
	*e.folder = "."
	*e.paper = export.PaperA4
	if s := sh.sess.site; s != nil {
		if s.Export.Paper == export.PaperLetter {
			*e.paper = export.PaperLetter
		}
		*e.logo = s.Export.Logo
	}
	for _, f := range export.Formats() {
		*e.chosen = append(*e.chosen, string(f))
	}
	return e, e.newForm()
}

// newForm asks which documents, where, and how the PDF should look. It keeps
// what was already chosen, so a refused logo can be put right without
// starting again.
func (e *exportScreen) newForm() tea.Cmd {
	sh := e.sh
	var opts []huh.Option[string]
	for _, f := range export.Formats() {
		opts = append(opts, huh.NewOption(f.Name()+" ("+exportUses[f]+")", string(f)).Selected(slices.Contains(*e.chosen, string(f))))
	}
	files := []huh.Field{
		// Tall enough for every format, so none is hidden below the fold.
		huh.NewMultiSelect[string]().Title("Which files?").Description("Space to tick or untick, enter to go on.").
			Options(opts...).Height(len(opts) + 2).Value(e.chosen).Validate(func(v []string) error {
			if len(v) == 0 {
				return fmt.Errorf("Tick at least one.")
			}
			return nil
		}),
	}
	files = append(files, described(sh, huh.NewInput().Title("Folder").Value(e.folder).Validate(required("a folder")),
		"Folder", "Where to write them. A dot means the folder you started Ringfence in.")...)
	look := []huh.Field{
		huh.NewSelect[string]().Title("Paper for the PDF").Options(
			huh.NewOption("A4", export.PaperA4),
			huh.NewOption("Letter (US)", export.PaperLetter),
		).Value(e.paper),
	}
	look = append(look, described(sh, huh.NewInput().Title("Logo for the PDF's cover").Value(e.logo),
		"Logo", "Optional: a PNG or JPEG file, such as your company's logo. Leave it empty for none.")...)
	noPDF := func() bool { return !slices.Contains(*e.chosen, string(export.FormatPDF)) }
	var cmd tea.Cmd
	e.form, cmd = newFormHost(sh, 70, huh.NewGroup(files...), huh.NewGroup(look...).WithHideFunc(noPDF))
	return cmd
}

func (e *exportScreen) Title() string { return "Export" }
func (e *exportScreen) Typing() bool  { return e.form != nil }
func (e *exportScreen) Keys() []key.Binding {
	k := e.sh.keys
	switch {
	case e.op.running:
		return []key.Binding{k.Cancel}
	case e.form != nil:
		return append(e.form.Keys(), k.Back)
	}
	return []key.Binding{k.Back}
}

// fileStem names exports after the site and the audit's date, e.g.
// brightwater-kitchens-ltd-2026-11-22.
func fileStem(a *checklist.Audit) string {
	return slug(a.Site) + "-" + a.Started.Format("2006-01-02")
}

// slug turns a site's name into lower-case letters and digits joined by
// dashes, safe in a file name on every system.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	stem := strings.TrimSuffix(b.String(), "-")
	if stem == "" {
		stem = "ringfence"
	}
	return stem
}

func (e *exportScreen) start() tea.Cmd {
	a := snapshot(e.sh.sess.audit)
	folder := strings.TrimSpace(*e.folder)
	req := export.Request{Paths: map[export.Format]string{}, Paper: *e.paper, Logo: strings.TrimSpace(*e.logo),
		Catalogue: e.sh.opts.Catalogue, Previous: e.sh.sess.previous}
	for _, c := range *e.chosen {
		req.Paths[export.Format(c)] = filepath.Join(folder, fileStem(a)+"."+c)
	}
	// A saved site remembers its paper and logo for next time; the demo
	// company's are kept only while this screen is open.
	var store func(func(*checklist.Site) error) (checklist.Site, error)
	if e.sh.sess.saved() && slices.Contains(*e.chosen, string(export.FormatPDF)) {
		want := checklist.ExportSettings{Paper: req.Paper, Logo: req.Logo}
		if e.sh.sess.site.Export != want {
			st, name := e.sh.opts.Store, e.sh.sess.site.Name
			store = func(change func(*checklist.Site) error) (checklist.Site, error) { return st.UpdateSite(name, change) }
		}
	}
	ctx, tick := e.op.start(e.sh.ctx, "Writing the report…")
	id := e.op.id
	return tea.Batch(tick, func() tea.Msg { return runExport(ctx, id, a, req, store) })
}

// runExport writes the documents, then remembers the site's PDF settings.
func runExport(ctx context.Context, id int, a *checklist.Audit, req export.Request, store func(func(*checklist.Site) error) (checklist.Site, error)) tea.Msg {
	// The logo is kept as a full path, like every file a site remembers, so
	// it is found again whichever folder Ringfence is started in.
	if req.Logo != "" {
		if abs, err := filepath.Abs(req.Logo); err == nil {
			req.Logo = abs
		}
	}
	written, err := export.Write(ctx, a, req)
	msg := exportedMsg{op: id, written: written, err: err}
	if err != nil || store == nil {
		return msg
	}
	saved, err := store(func(s *checklist.Site) error {
		s.Export = checklist.ExportSettings{Paper: req.Paper, Logo: req.Logo}
		return nil
	})
	if err != nil {
		msg.siteErr = err
	} else {
		msg.site = &saved
	}
	return msg
}

func (e *exportScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := e.sh.keys
	switch msg := msg.(type) {
	case exportedMsg:
		if !e.op.owns(msg.op) {
			return e, nil
		}
		e.op.stop()
		e.written = nil
		for _, w := range msg.written {
			e.written = append(e.written, w.Path)
		}
		if msg.site != nil && e.sh.sess.site != nil {
			*e.sh.sess.site = *msg.site
		}
		var re *export.RequestError
		switch {
		case errors.As(msg.err, &re):
			// Nothing was written: say what is wrong and ask again.
			e.failed = plainError(msg.err)
			if re.Field == "logo" {
				e.failed = strings.TrimSuffix(e.failed, ".") + ". Choose another file, or leave the logo empty."
			}
			return e, e.newForm()
		case msg.err != nil:
			e.failed = plainError(msg.err)
		case msg.siteErr != nil:
			e.failed = "The files were written, but the paper and logo could not be remembered for next time: " + plainError(msg.siteErr)
		default:
			e.failed = ""
		}
		return e, nil
	case tea.KeyPressMsg:
		if e.op.running {
			if key.Matches(msg, k.Cancel) {
				e.op.stop()
				e.failed = "You stopped the export."
			}
			return e, nil
		}
		if key.Matches(msg, k.Back) {
			return e, pop
		}
	}
	if e.form == nil {
		return e, e.op.Update(msg)
	}
	state, cmd := e.form.Update(msg)
	switch state {
	case formAborted:
		return e, pop
	case formSubmitted:
		e.form = nil
		return e, e.start()
	}
	return e, cmd
}

func (e *exportScreen) View(width, height int) string {
	if e.sh.opts.Accessible {
		return e.accessibleView(width, height)
	}
	st := e.sh.st
	if e.form != nil {
		if e.failed != "" {
			return st.errorText.Render(wrap(e.failed, width)) + "\n" + e.form.View()
		}
		return e.form.View()
	}
	if e.op.running {
		return e.op.View(st)
	}
	var b strings.Builder
	if len(e.written) > 0 {
		// The folder once and then each name, so a long path is not cut off.
		folder, err := filepath.Abs(filepath.Dir(e.written[0]))
		if err != nil {
			folder = filepath.Dir(e.written[0])
		}
		b.WriteString(st.okText.Render("Written:") + "\n" + wrap("in "+folder, width) + "\n")
		for _, p := range e.written {
			b.WriteString("  " + filepath.Base(p) + "\n")
		}
		b.WriteString("\n" + wrap("The files name your phone system's weak spots: share them only with people who need them.", width) + "\n")
	}
	if e.failed != "" {
		b.WriteString("\n" + st.errorText.Render(wrap(e.failed, width)) + "\n")
	}
	b.WriteString("\n" + st.muted.Render("Press esc to go back."))
	return b.String()
}
