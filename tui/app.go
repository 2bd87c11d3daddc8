package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// Smallest window the screens are laid out for.
const (
	minWidth  = 80
	minHeight = 24
)

// app is the root model: it owns the screen stack, the window size and the
// notice line, and hands every other message to the screen on top.
type app struct {
	sh       *shared
	ctx      context.Context
	stack    []screen
	width    int
	height   int
	note     noticeMsg
	help     help.Model
	fullHelp bool
	quitting bool
}

func newApp(ctx context.Context, opts Options, colour bool) *app {
	sh := &shared{
		ctx:    ctx,
		opts:   opts,
		st:     newStyles(colour, !opts.Accessible),
		keys:   newKeyMap(),
		saver:  &saver{},
		resume: map[string]checklist.Domain{},
	}
	a := &app{sh: sh, ctx: ctx, width: minWidth, height: minHeight, help: help.New()}
	a.help.Styles = help.DefaultStyles(true)
	if !colour {
		a.help.Styles = help.Styles{}
	}
	a.stack = []screen{newHome(sh, ctx)}
	return a
}

func (a *app) Init() tea.Cmd {
	cmds := []tea.Cmd{a.top().(*home).init()}
	if a.sh.opts.StartDemo {
		cmds = append(cmds, a.top().(*home).openDemo())
	}
	if name := a.sh.opts.StartBreach; name != "" {
		cmds = append(cmds, openBreach(a.sh.opts.Store, name, a.sh.now()))
	} else if a.sh.opts.AskBreachSite {
		store := a.sh.opts.Store
		cmds = append(cmds, func() tea.Msg {
			sites, _ := store.Sites() // home lists any site it could not read
			return breachPickMsg{sites: sites}
		})
	}
	return tea.Batch(cmds...)
}

func (a *app) top() screen { return a.stack[len(a.stack)-1] }

// tooSmall reports whether the window only has room to ask for a larger one.
func (a *app) tooSmall() bool { return a.width < minWidth || a.height < minHeight }

func (a *app) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.help.SetWidth(msg.Width - 2)
		// Forms size themselves from this message, so the top screen gets it too.
		s, cmd := a.top().Update(tea.WindowSizeMsg{Width: msg.Width - 2, Height: a.bodyHeight()})
		a.stack[len(a.stack)-1] = s
		return a, cmd
	case tea.KeyPressMsg:
		if a.fullHelp {
			// Any key closes the key list; it is not passed on.
			a.fullHelp = false
			if !key.Matches(msg, a.sh.keys.ForceQuit) {
				return a, nil
			}
		}
		switch {
		case key.Matches(msg, a.sh.keys.ForceQuit):
			return a.quit()
		case key.Matches(msg, a.sh.keys.Quit) && !a.top().Typing():
			return a.quit()
		case a.tooSmall():
			// The screen is hidden behind the request for a larger window:
			// a key must not record or change what the user cannot see.
			return a, nil
		case key.Matches(msg, a.sh.keys.Help) && !a.top().Typing():
			a.fullHelp = true
			return a, nil
		}
		a.note = noticeMsg{}
	case tea.MouseWheelMsg:
		if a.fullHelp {
			return a, nil
		}
		m := msg.Mouse()
		kind := wheelDown
		if m.Button == tea.MouseWheelUp {
			kind = wheelUp
		} else if m.Button != tea.MouseWheelDown {
			return a, nil
		}
		return a.mouse(mouseMsg{kind: kind, x: m.X - 1, y: m.Y - a.bodyTop()})
	case tea.MouseClickMsg:
		m := msg.Mouse()
		if a.fullHelp || m.Button != tea.MouseLeft {
			return a, nil
		}
		return a.mouse(mouseMsg{kind: click, x: m.X - 1, y: m.Y - a.bodyTop()})
	case pushMsg:
		a.stack = append(a.stack, msg.s)
		return a, nil
	case popMsg:
		if len(a.stack) == 2 && a.sh.sess.warnBeforeLeaving() {
			a.note = noticeMsg{text: leavingDemoNote, bad: true}
			return a, nil
		}
		if len(a.stack) > 1 {
			a.stack = a.stack[:len(a.stack)-1]
		}
		if h, ok := a.top().(*home); ok && len(a.stack) == 1 {
			return a, a.leaveAudit(h)
		}
		// The screen underneath may show what the one just closed changed.
		s, cmd := a.top().Update(auditChangedMsg{})
		a.stack[len(a.stack)-1] = s
		return a, cmd
	case homeMsg:
		if a.sh.sess.warnBeforeLeaving() {
			a.note = noticeMsg{text: leavingDemoNote, bad: true}
			return a, nil
		}
		a.stack = a.stack[:1]
		return a, a.leaveAudit(a.stack[0].(*home))
	case noticeMsg:
		a.note = msg
		return a, nil
	case breachOpenedMsg:
		if a.sh.sess.warnBeforeLeaving() {
			a.note = noticeMsg{text: leavingDemoNote, bad: true}
			return a, nil
		}
		b := newBreachScreen(a.sh, msg)
		a.sh.incidents = b.saver
		a.stack = []screen{a.stack[0], b}
		var learn tea.Cmd
		if !b.readOnly {
			learn = learnAccounts(a.sh, b)
		}
		return a, tea.Batch(a.leaveAudit(a.stack[0].(*home)), learn)
	case incidentKnownMsg, fraudDeskSavedMsg:
		for i, s := range a.stack {
			if b, ok := s.(*breachScreen); ok {
				next, cmd := b.Update(msg)
				a.stack[i] = next
				return a, cmd
			}
		}
		return a, nil
	case breachPickMsg:
		p, cmd := newBreachPicker(a.sh, msg.sites)
		a.stack = append(a.stack, p)
		return a, cmd
	case incidentListMsg:
		a.stack = append(a.stack, newIncidentList(a.sh, msg))
		return a, nil
	case incidentSavedMsg:
		// The entry's screen may be under another by the time it is saved.
		for i, s := range a.stack {
			if b, ok := s.(*breachScreen); ok && b.saver == msg.saver {
				next, cmd := b.Update(msg)
				a.stack[i] = next
				return a, cmd
			}
		}
		if msg.err != nil {
			a.note = noticeMsg{text: "Your last entry could not be saved: " + plainError(msg.err), bad: true}
		}
		return a, nil
	case savedMsg:
		a.sh.adopt(msg)
		if msg.err != nil {
			a.note = noticeMsg{text: "Your last change could not be saved: " + plainError(msg.err) + " It is kept on screen; fix the problem and change anything to save again.", bad: true}
		}
		return a, nil
	case sessionMsg:
		a.stack[0].(*home).op.stop() // whatever home was waiting for has arrived
		a.sh.sess.close()
		// Changes queued for the audit that was open must never be applied to
		// this one.
		a.sh.sess, a.sh.saver = msg.sess, &saver{}
		au := newAuditScreen(a.sh, msg.start)
		a.stack = []screen{a.stack[0], au}
		if lines := msg.sess.imported; len(lines) > 0 {
			a.note = noticeMsg{text: strings.Join(lines, "\n")}
		}
		return a, au.init()
	}
	s, cmd := a.top().Update(msg)
	a.stack[len(a.stack)-1] = s
	return a, cmd
}

// mouse hands a wheel turn or click to the screen on top, in its own
// coordinates; clicks on the header or help line are ignored.
func (a *app) mouse(m mouseMsg) (tea.Model, tea.Cmd) {
	if a.tooSmall() {
		return a, nil
	}
	if m.kind == click && (m.y < 0 || m.y >= a.height-a.bodyTop()-1) {
		return a, nil
	}
	s, cmd := a.top().Update(m)
	a.stack[len(a.stack)-1] = s
	return a, cmd
}

// bodyTop is the window line the screen's own space starts on: under the
// header, any notice and a blank line.
func (a *app) bodyTop() int {
	n := 2
	if a.note.text != "" {
		n += strings.Count(wrap(safetext.Text(a.note.text), a.width-2), "\n") + 1
	}
	return n
}

// leaveAudit closes the open audit when the user is back on the home screen:
// its changes are saved and the site is released so another window may open it.
func (a *app) leaveAudit(h *home) tea.Cmd {
	if a.sh.sess == nil {
		return h.init()
	}
	final := a.sh.saveCmd() // anything a failed save left queued
	sess := a.sh.sess
	a.sh.sess, a.sh.saver = nil, &saver{}
	return tea.Sequence(final, func() tea.Msg { sess.close(); return nil }, h.init())
}

func (a *app) quit() (tea.Model, tea.Cmd) {
	a.quitting = true
	return a, tea.Quit
}

func (a *app) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.WindowTitle = "Ringfence"
	// Wheel and clicks reach the screens; holding shift still selects text
	// in most terminals. Not in accessible mode: a screen reader's own
	// review and selection of the text must not be taken over.
	if !a.sh.opts.Accessible {
		v.MouseMode = tea.MouseModeCellMotion
	}
	return v
}

// render draws the whole window as text; tests read it with the escapes
// stripped.
func (a *app) render() string {
	if a.quitting {
		return ""
	}
	if a.sh.opts.Accessible && a.width >= minWidth && a.height >= minHeight {
		return a.renderAccessible()
	}
	st := a.sh.st
	if a.tooSmall() {
		msg := "Ringfence needs a window of at least 80 columns by 24 lines.\nMake this one larger to carry on (q quits)."
		return lipgloss.Place(max(a.width, 1), max(a.height, 1), lipgloss.Center, lipgloss.Center,
			lipgloss.NewStyle().Width(max(a.width-2, 10)).Align(lipgloss.Center).Render(msg))
	}
	inner := a.width - 2 // one column of padding each side
	header := st.title.Render("Ringfence") + " · " + safetext.Line(a.top().Title())
	if name := a.sh.sess.name(); name != "" {
		tag := ""
		if a.sh.sess.demo {
			tag = " (demo)"
		}
		header += st.muted.Render(" · " + safetext.Line(name) + tag)
	}
	lines := []string{ansi.Truncate(header, inner, "…")}
	if stale := a.staleAdvice(); stale != "" {
		for _, l := range strings.Split(wrap(safetext.Line(stale), inner), "\n") {
			lines = append(lines, st.warnText.Render(l))
		}
	}
	if a.note.text != "" {
		style := st.status
		if a.note.bad {
			style = st.errorText
		}
		for _, l := range strings.Split(wrap(safetext.Text(a.note.text), inner), "\n") {
			lines = append(lines, style.Render(l))
		}
	}
	bodyHeight := a.height - len(lines) - 2 // blank line under the header, help at the bottom
	var body string
	if a.fullHelp {
		body = a.fullHelpView(inner)
	} else {
		body = a.top().View(inner, bodyHeight)
	}
	body = fitHeight(body, bodyHeight, inner)
	// Drawn after the body, whose drawing may change which keys apply. The
	// screen's keys give way before "? all keys" does: it leads to the rest.
	global := a.help.ShortHelpView([]key.Binding{a.sh.keys.Help, a.sh.keys.Quit})
	local := a.shortHelp(a.top().Keys(), inner-ansi.StringWidth(global)-3)
	helpLine := global
	if local != "" {
		helpLine = local + " • " + global
	}
	out := strings.Join(lines, "\n") + "\n\n" + body + "\n" + ansi.Truncate(helpLine, inner, "…")
	return st.app.Render(out)
}

// shortHelp fits the screen's keys into width by leaving out whole hints,
// never cutting a key's name: the way back goes last, as it is the way out.
func (a *app) shortHelp(keys []key.Binding, width int) string {
	keys = append([]key.Binding{}, keys...)
	for len(keys) > 0 && ansi.StringWidth(a.help.ShortHelpView(keys)) > width {
		drop := len(keys) - 1
		for i := len(keys) - 1; i >= 0; i-- {
			if !isBack(keys[i]) {
				drop = i
				break
			}
		}
		keys = append(keys[:drop], keys[drop+1:]...)
	}
	return a.help.ShortHelpView(keys)
}

func isBack(b key.Binding) bool { return len(b.Keys()) == 1 && b.Keys()[0] == "esc" }

// helpKeys is every key the screen on top answers to, for ?.
func (a *app) helpKeys() [][]key.Binding {
	k := a.sh.keys
	groups := [][]key.Binding{a.top().Keys()}
	if m, ok := a.top().(moreKeys); ok {
		if more := m.MoreKeys(); len(more) > 0 {
			groups = append(groups, more)
		}
	}
	return append(groups, []key.Binding{k.Help, k.Quit, k.ForceQuit})
}

func (a *app) fullHelpView(width int) string {
	groups := a.helpKeys()
	h := a.help
	h.SetWidth(width)
	return a.sh.st.heading.Render("Keys on this screen and everywhere") + "\n\n" +
		h.FullHelpView(groups) + "\n\n" + a.sh.st.muted.Render("Press any key to close this list.")
}

// fitHeight pads or cuts a block to exactly height lines, each cut to width.
func fitHeight(s string, height, width int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// wrap breaks plain text to a width at spaces.
func wrap(s string, width int) string {
	return ansi.Wordwrap(s, width, "")
}

// bodyHeight is the space screens draw in when no notice is showing.
func (a *app) bodyHeight() int { return max(a.height-3, 1) }
