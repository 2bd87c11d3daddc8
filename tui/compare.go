package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
)

// compareScreen says what changed since the site's previous audit.
type compareScreen struct {
	sh     *shared
	offset int
}

func newCompareScreen(sh *shared) *compareScreen { return &compareScreen{sh: sh} }

func (c *compareScreen) Title() string { return "Since last time" }
func (c *compareScreen) Typing() bool  { return false }
func (c *compareScreen) Keys() []key.Binding {
	k := c.sh.keys
	return []key.Binding{k.Up, k.Down, k.Back}
}

func (c *compareScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	if km, ok := msg.(tea.KeyPressMsg); ok {
		k := c.sh.keys
		switch {
		case key.Matches(km, k.Back):
			return c, pop
		case key.Matches(km, k.Up):
			c.offset = max(c.offset-1, 0)
		case key.Matches(km, k.Down):
			c.offset++
		}
	}
	return c, nil
}

func (c *compareScreen) View(width, height int) string {
	st := c.sh.st
	sess := c.sh.sess
	cmp := core.Changes(sess.audit, sess.previous)
	lines := []string{
		fmt.Sprintf("Compared with the audit of %s.", sess.previous.Started.Local().Format("2 Jan 2006")),
		fmt.Sprintf("Score then %d/100, now %d/100.", cmp.ScoreBefore, cmp.ScoreAfter),
		"",
	}
	section := func(title string, style func(...string) string, changes []checklist.Change) {
		lines = append(lines, st.heading.Render(fmt.Sprintf("%s (%d)", title, len(changes))))
		if len(changes) == 0 {
			lines = append(lines, st.muted.Render("  none"))
		}
		for _, ch := range changes {
			lines = append(lines, truncate(fmt.Sprintf("  %s %-7s %-8s %s", style("•"), ch.CheckID, ch.Severity, ch.Title), width))
		}
		lines = append(lines, "")
	}
	section("Fixed", st.pass.Render, cmp.Fixed)
	section("Got worse", st.fail.Render, cmp.Regressed)
	section("New problems", st.fail.Render, cmp.New)
	section("Still open", st.unknown.Render, cmp.StillOpen)
	if len(cmp.NotChecked) > 0 {
		// Shown only when there are some: they explain a score that fell
		// with nothing having got worse.
		lines = append(lines, wrap("Known last time but not this time, or known then from the phone system and now only from an answer:", width))
		section("Not checked this time", st.unknown.Render, cmp.NotChecked)
	}
	c.offset = min(c.offset, max(len(lines)-height, 0))
	return strings.Join(lines[c.offset:min(c.offset+height, len(lines))], "\n")
}
