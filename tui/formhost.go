package tui

import (
	"io"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// formState says where an embedded form has got to.
type formState int

const (
	formRunning formState = iota
	formSubmitted
	formAborted
)

// formHost embeds a huh form in a screen. A *huh.Form is not a tea.Model, so
// its Update result is asserted back. In accessible mode the form is not drawn
// inside the app at all: the terminal is handed over to huh's plain
// line-by-line prompts, which screen readers follow, and given back after.
type formHost struct {
	form       *huh.Form
	accessible bool
	id         int
	state      formState
}

// formMaxHeight bounds a form's height; no form in the app comes near it.
const formMaxHeight = 60

// formExecDoneMsg reports that an accessible form handed the terminal back.
type formExecDoneMsg struct {
	id  int
	err error
}

func newFormHost(sh *shared, width int, groups ...*huh.Group) (*formHost, tea.Cmd) {
	f := huh.NewForm(groups...).
		WithShowHelp(false).
		WithTheme(huh.ThemeFunc(huh.ThemeBase16)).
		WithWidth(width)
	// A group works out its height when it is made, before the width above
	// wraps its text onto more lines; a size message makes it measure again,
	// so no option or input line is cut off. The screen cuts the view to fit.
	m, _ := f.Update(tea.WindowSizeMsg{Width: width, Height: formMaxHeight})
	f = m.(*huh.Form)
	h := &formHost{form: f, accessible: sh.opts.Accessible, id: int(opCounter.Add(1))}
	if h.accessible {
		f.WithAccessible(true)
		return h, tea.Exec(&accessibleForm{form: f}, func(err error) tea.Msg { return formExecDoneMsg{id: h.id, err: err} })
	}
	return h, f.Init()
}

// Update passes a message to the form and reports where it has got to.
func (h *formHost) Update(msg tea.Msg) (formState, tea.Cmd) {
	if h.state != formRunning {
		return h.state, nil
	}
	if done, ok := msg.(formExecDoneMsg); ok {
		if done.id == h.id {
			h.state = formSubmitted
			if done.err != nil {
				h.state = formAborted
			}
		}
		return h.state, nil
	}
	if h.accessible {
		return h.state, nil
	}
	m, cmd := h.form.Update(msg)
	h.form = m.(*huh.Form)
	switch h.form.State {
	case huh.StateCompleted:
		h.state = formSubmitted
	case huh.StateAborted:
		h.state = formAborted
	}
	return h.state, cmd
}

func (h *formHost) View() string {
	if h.accessible {
		return "Answer the questions below the app's screen. It comes back when you are done."
	}
	return h.form.View()
}

// Keys lists the focused field's own keys for the help line.
func (h *formHost) Keys() []key.Binding {
	if h.accessible {
		return nil
	}
	return h.form.KeyBinds()
}

// accessibleForm lets tea.Exec run a huh form in accessible mode on the
// terminal the app has just released.
type accessibleForm struct {
	form *huh.Form
	in   io.Reader
	out  io.Writer
}

func (a *accessibleForm) SetStdin(r io.Reader)  { a.in = r }
func (a *accessibleForm) SetStdout(w io.Writer) { a.out = w }
func (a *accessibleForm) SetStderr(io.Writer)   {}
func (a *accessibleForm) Run() error {
	return a.form.WithInput(a.in).WithOutput(a.out).Run()
}

// fit gives the form the lines there are, so that it scrolls to keep the
// field being filled in sight instead of being cut at the bottom.
func (h *formHost) fit(height int) {
	if !h.accessible && height > 0 {
		h.form = h.form.WithHeight(height)
	}
}
