package tui

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// exportScreen writes the report files the user picks into a folder.
type exportScreen struct {
	sh      *shared
	form    *formHost
	chosen  *[]string
	folder  *string
	op      operation
	written []string
	failed  string
}

type exportedMsg struct {
	op    int
	paths []string
	err   error
}

func newExportScreen(sh *shared) (*exportScreen, tea.Cmd) {
	e := &exportScreen{sh: sh, chosen: new([]string), folder: new(string), op: newOperation()}
	*e.folder = "."
	var opts []huh.Option[string]
	for _, f := range exportFormats() {
		opts = append(opts, huh.NewOption(f.name, f.ext).Selected(true))
	}
	var cmd tea.Cmd
	fields := []huh.Field{
		huh.NewMultiSelect[string]().Title("Which files?").Description("Space to tick or untick, enter to go on.").
			Options(opts...).Value(e.chosen).Validate(func(v []string) error {
			if len(v) == 0 {
				return fmt.Errorf("Tick at least one.")
			}
			return nil
		}),
	}
	fields = append(fields, described(sh, huh.NewInput().Title("Folder").Value(e.folder).Validate(required("a folder")),
		"Folder", "Where to write them. A dot means the folder you started Ringfence in.")...)
	e.form, cmd = newFormHost(sh, 70, huh.NewGroup(fields...))
	return e, cmd
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
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(a.Site) {
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
	return stem + "-" + a.Started.Format("2006-01-02")
}

func (e *exportScreen) start() tea.Cmd {
	a := snapshot(e.sh.sess.audit)
	job := exportJob{cat: e.sh.opts.Catalogue, previous: e.sh.sess.previous}
	folder := strings.TrimSpace(*e.folder)
	var chosen []exportFormat
	for _, f := range exportFormats() {
		for _, c := range *e.chosen {
			if c == f.ext {
				chosen = append(chosen, f)
			}
		}
	}
	ctx, tick := e.op.start(e.sh.ctx, "Writing the report…")
	id := e.op.id
	return tea.Batch(tick, func() tea.Msg {
		var paths []string
		for _, f := range chosen {
			if err := ctx.Err(); err != nil {
				return exportedMsg{op: id, paths: paths, err: err}
			}
			path := filepath.Join(folder, fileStem(a)+"."+f.ext)
			if err := sitestore.WriteFileAtomic(path, func(w io.Writer) error { return f.write(w, a, job) }); err != nil {
				return exportedMsg{op: id, paths: paths, err: fmt.Errorf("Could not write %s: %w", path, err)}
			}
			paths = append(paths, path)
		}
		return exportedMsg{op: id, paths: paths}
	})
}

func (e *exportScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := e.sh.keys
	switch msg := msg.(type) {
	case exportedMsg:
		if !e.op.owns(msg.op) {
			return e, nil
		}
		e.op.stop()
		e.written = msg.paths
		if msg.err != nil {
			e.failed = plainError(msg.err)
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
	st := e.sh.st
	if e.form != nil {
		return e.form.View()
	}
	if e.op.running {
		return e.op.View(st)
	}
	var b strings.Builder
	if len(e.written) > 0 {
		b.WriteString(st.okText.Render("Written:") + "\n")
		for _, p := range e.written {
			abs, err := filepath.Abs(p)
			if err != nil {
				abs = p
			}
			b.WriteString("  " + abs + "\n")
		}
		b.WriteString("\n" + wrap("The files name your phone system's weak spots: share them only with people who need them.", width) + "\n")
	}
	if e.failed != "" {
		b.WriteString("\n" + st.errorText.Render(wrap(e.failed, width)) + "\n")
	}
	b.WriteString("\n" + st.muted.Render("Press esc to go back."))
	return b.String()
}
