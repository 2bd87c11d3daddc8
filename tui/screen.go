package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// screen is one page of the app. The root model keeps a stack of them and
// hands each message to the top one.
type screen interface {
	Update(msg tea.Msg) (screen, tea.Cmd)
	// View draws the screen into the given space (the header and help line are
	// drawn by the root).
	View(width, height int) string
	// Title names the screen in the header.
	Title() string
	// Keys lists the bindings for the short help line.
	Keys() []key.Binding
	// Typing is true while a text field has focus, so that letters reach the
	// field instead of acting as shortcuts.
	Typing() bool
}

// Navigation messages. Screens return them from commands so that the root
// model alone owns the stack.
type (
	pushMsg struct{ s screen }
	popMsg  struct{}
	homeMsg struct{}
	// noticeMsg shows a line under the header: plain words, never a Go error.
	noticeMsg struct {
		text string
		bad  bool
	}
)

func push(s screen) tea.Cmd { return func() tea.Msg { return pushMsg{s} } }
func pop() tea.Msg          { return popMsg{} }
func goHome() tea.Msg       { return homeMsg{} }

func notice(text string) tea.Cmd { return func() tea.Msg { return noticeMsg{text: text} } }
func problem(err error) tea.Cmd {
	return func() tea.Msg { return noticeMsg{text: plainError(err), bad: true} }
}

// mouseMsg is a wheel turn or a click, with x and y counted from the top
// left of the screen's own space (under the header), so screens need not know
// what the root draws around them.
type mouseMsg struct {
	kind mouseKind
	x, y int
}

type mouseKind int

const (
	wheelUp mouseKind = iota
	wheelDown
	click
)

// moreKeys is implemented by screens that answer to keys beyond those in
// their short help line (paging through a list, say); ? lists them too.
type moreKeys interface {
	MoreKeys() []key.Binding
}
