package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// styles holds every lipgloss style the app draws with. The colours are the
// sixteen ANSI ones, which every terminal theme retunes for its own background,
// so the same palette reads on light and dark terminals. Meaning never rests on
// colour alone: every status also has a mark and a word.
type styles struct {
	decorate bool // borders and bars; off in accessible mode

	app       lipgloss.Style
	title     lipgloss.Style
	subtitle  lipgloss.Style
	heading   lipgloss.Style
	muted     lipgloss.Style
	bold      lipgloss.Style
	selected  lipgloss.Style
	errorText lipgloss.Style
	okText    lipgloss.Style
	warnText  lipgloss.Style
	status    lipgloss.Style
	pane      lipgloss.Style
	sidebar   lipgloss.Style
	barFull   lipgloss.Style
	barEmpty  lipgloss.Style
	help      lipgloss.Style
	tableHead lipgloss.Style
	urgent    lipgloss.Style // breach mode's first thing to do now

	pass, fail, unknown, accepted, na lipgloss.Style
}

func newStyles(colour, decorate bool) styles {
	c := func(s lipgloss.Style, fg color.Color) lipgloss.Style {
		if !colour {
			return s
		}
		return s.Foreground(fg)
	}
	red, green, yellow, cyan := lipgloss.Color("1"), lipgloss.Color("2"), lipgloss.Color("3"), lipgloss.Color("6")
	base := lipgloss.NewStyle()
	s := styles{
		decorate:  decorate,
		app:       base.Padding(0, 1),
		title:     base.Bold(true),
		subtitle:  c(base, cyan),
		heading:   base.Bold(true).Underline(true),
		muted:     base.Faint(true),
		bold:      base.Bold(true),
		selected:  base.Reverse(true),
		errorText: c(base.Bold(true), red),
		okText:    c(base, green),
		warnText:  c(base, yellow),
		status:    base.Italic(true),
		pane:      base,
		sidebar:   base,
		barFull:   c(base, green),
		barEmpty:  base.Faint(true),
		help:      base.Faint(true),
		tableHead: base.Bold(true),
		urgent:    c(base.Bold(true), red),
		pass:      c(base, green),
		fail:      c(base.Bold(true), red),
		unknown:   c(base, yellow),
		accepted:  c(base, cyan),
		na:        base.Faint(true),
	}
	if !colour {
		// Without colour the faint attribute is all that separates chrome from
		// content, and some terminals draw it as nothing at all.
		s.muted, s.barEmpty, s.help, s.na = base, base, base, base
	}
	if decorate {
		s.sidebar = base.Border(lipgloss.NormalBorder(), false, true, false, false).PaddingRight(1)
	}
	return s
}
