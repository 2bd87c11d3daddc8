package tui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// finding explains one check's result: why it matters, how to fix it, where
// the advice comes from and which items it touches.
type finding struct {
	sh     *shared
	id     string
	lines  []string // drawn once per change, then only scrolled
	width  int
	doc    viewport.Model
	form   *formHost
	accept *acceptDraft
}

type acceptDraft struct{ reason, owner, expires string }

func newFinding(sh *shared, id string) *finding {
	return &finding{sh: sh, id: id, doc: newDocument(sh.keys)}
}

func (f *finding) result() (checklist.Result, bool) {
	for _, r := range f.sh.sess.audit.Results {
		if r.CheckID == f.id {
			return r, true
		}
	}
	return checklist.Result{}, false
}

func (f *finding) tracking() checklist.Tracking { return f.sh.sess.audit.Tracking[f.id] }

func (f *finding) Title() string { return "Finding " + f.id }
func (f *finding) Typing() bool  { return f.form != nil }
func (f *finding) Keys() []key.Binding {
	k := f.sh.keys
	if f.form != nil {
		return append(f.form.Keys(), k.Back)
	}
	keys := []key.Binding{k.Up, k.Down}
	if r, _ := f.result(); r.Status == checklist.StatusFail || r.Status == checklist.StatusAccepted {
		keys = append(keys, k.Accept, k.Done)
	}
	return append(keys, k.Back)
}

func (f *finding) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := f.sh.keys
	if f.form != nil {
		if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, k.Back) {
			f.form = nil
			return f, nil
		}
		state, cmd := f.form.Update(msg)
		switch state {
		case formAborted:
			f.form = nil
		case formSubmitted:
			f.form = nil
			return f, f.saveAcceptance()
		}
		return f, cmd
	}
	if m, ok := msg.(mouseMsg); ok {
		wheelDocument(&f.doc, m)
		return f, nil
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return f, nil
	}
	r, _ := f.result()
	actionable := r.Status == checklist.StatusFail || r.Status == checklist.StatusAccepted
	switch {
	case key.Matches(km, k.Back):
		return f, pop
	case scrollDocument(&f.doc, km, k):
	case key.Matches(km, k.Accept) && actionable:
		return f, f.acceptForm()
	case key.Matches(km, k.Done) && actionable:
		t := f.tracking()
		what := "Marked as done."
		if t.Done.IsZero() {
			t.Done = f.sh.now()
		} else {
			t.Done, what = time.Time{}, "Marked as not done."
		}
		save, _ := f.sh.change(core.MarkDone(f.sh.opts.Catalogue, f.id, t.Done, f.sh.now()))
		f.lines = nil
		return f, tea.Batch(save, notice(what))
	}
	return f, nil
}

func (f *finding) acceptForm() tea.Cmd {
	f.accept = &acceptDraft{expires: f.sh.now().AddDate(0, 3, 0).Format(time.DateOnly)}
	now := f.sh.now()
	if acc, ok := f.sh.sess.audit.Accepted[f.id]; ok {
		f.accept.reason, f.accept.owner = acc.Reason, acc.Owner
		// A date that has passed is offered too: the form then says it must
		// be in the future, rather than quietly putting another in its place.
		if !acc.Expires.IsZero() {
			f.accept.expires = acc.Expires.In(now.Location()).Format(time.DateOnly)
		}
	}
	var cmd tea.Cmd
	f.form, cmd = newFormHost(f.sh, 70, huh.NewGroup(
		huh.NewNote().Title("Accept this risk instead of fixing it").
			Description("It stays in the report as accepted, and comes back as a failure once the date passes."),
		huh.NewInput().Title("Why is it acceptable for now?").Value(&f.accept.reason).Validate(required("a reason")),
		huh.NewInput().Title("Who owns the decision?").Value(&f.accept.owner).Validate(required("an owner")),
		huh.NewInput().Title("Until when? (YYYY-MM-DD)").Value(&f.accept.expires).Validate(func(s string) error {
			_, err := futureDate(s, now)
			return err
		}),
	))
	return cmd
}

// futureDate reads a YYYY-MM-DD date that must be after today.
func futureDate(s string, now time.Time) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), now.Location())
	if err != nil {
		return time.Time{}, errors.New("Please write the date as YYYY-MM-DD, for example 2027-03-31.")
	}
	if !t.After(now) {
		return time.Time{}, errors.New("The date must be in the future.")
	}
	return t, nil
}

func (f *finding) saveAcceptance() tea.Cmd {
	now := f.sh.now()
	until, err := futureDate(f.accept.expires, now)
	if err != nil {
		return problem(err)
	}
	acc := checklist.Acceptance{Reason: strings.TrimSpace(f.accept.reason), Owner: strings.TrimSpace(f.accept.owner), Expires: until}
	cat, id := f.sh.opts.Catalogue, f.id
	save, err := f.sh.change(core.Accept(cat, id, acc, now))
	if err != nil {
		return problem(err)
	}
	f.lines = nil
	return tea.Batch(save, notice("Risk accepted until "+until.Format("2 Jan 2006")+"."))
}

func (f *finding) build(width int) {
	st := f.sh.st
	r, _ := f.result()
	ch, _ := f.sh.opts.Catalogue.Check(f.id)
	var out []string
	add := func(s string) { out = append(out, strings.Split(s, "\n")...) }
	add(st.bold.Render(ch.Title))
	add(fmt.Sprintf("%s · %s severity · fix takes %s · %s", strings.TrimSpace(statusWord(r.Status)), r.Severity, r.Effort, r.Domain.Title()))
	if r.Evidence != "" {
		add(wrap("What Ringfence saw: "+safetext.Line(r.Evidence), width))
	}
	if r.NAReason != "" {
		add(wrap("Not applicable because: "+safetext.Line(r.NAReason), width))
	}
	if a := r.Acceptance; a != nil {
		add(wrap(fmt.Sprintf("Risk accepted by %s until %s: %s", safetext.Line(a.Owner), a.Expires.Format("2 Jan 2006"), safetext.Line(a.Reason)), width))
	}
	if t := f.tracking(); !t.Done.IsZero() {
		add(st.okText.Render("Marked as done on " + t.Done.Format("2 Jan 2006") + "."))
	}
	add("")
	add(st.heading.Render("Why it matters"))
	add(wrap(ch.Why, width))
	add("")
	add(st.heading.Render("How to fix it"))
	for i, step := range ch.Fix {
		add(wrap(fmt.Sprintf("%d. %s", i+1, step), width))
	}
	add("")
	add(st.heading.Render("References"))
	if ch.Refs.CyberEssentials != "" {
		add(wrap("Cyber Essentials: "+ch.Refs.CyberEssentials, width))
	}
	if ch.Refs.ISO27001 != "" {
		add(wrap("ISO/IEC 27001:2022 Annex A: "+ch.Refs.ISO27001, width))
	}
	src := ch.Refs.Source
	if ch.Refs.SourceTitle != "" {
		src = ch.Refs.SourceTitle + ": " + src
	}
	add(wrap("Source: "+src, width))
	if len(r.Affected) > 0 {
		add("")
		add(st.heading.Render(fmt.Sprintf("Affected (%d)", len(r.Affected))))
		for _, it := range r.Affected {
			line := fmt.Sprintf("%-10s %-14s %s", safetext.Line(it.Kind), safetext.Line(it.ID), safetext.Line(it.Label))
			if it.Detail != "" {
				line += " — " + safetext.Line(it.Detail)
			}
			out = append(out, wrapIndent(line, width, "", strings.Repeat(" ", 26))...)
		}
	}
	f.lines, f.width = out, width
}

func (f *finding) MoreKeys() []key.Binding {
	if f.form != nil {
		return nil
	}
	return navKeys(f.sh.keys)
}

func (f *finding) View(width, height int) string {
	if f.sh.opts.Accessible {
		return f.accessibleView(width, height)
	}
	if f.form != nil {
		return f.form.View()
	}
	if f.lines == nil || f.width != width {
		f.build(width)
		f.doc.SetContentLines(f.lines)
	}
	return viewDocument(&f.doc, f.sh.st, width, height, scrollHow)
}
