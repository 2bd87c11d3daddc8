package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// compareScreen says what changed since the last visit: the last audit of an
// earlier day, or whichever earlier audit the user picks with b.
type compareScreen struct {
	sh     *shared
	offset int
	// picked indexes the session's earlier audits; -1 until the user picks.
	picked int
}

// baselineMsg brings an earlier audit the user picked, loaded off the screen's loop.
type baselineMsg struct {
	audit *checklist.Audit
	err   error
}

func newCompareScreen(sh *shared) *compareScreen { return &compareScreen{sh: sh, picked: -1} }

func (c *compareScreen) Title() string { return "Since last time" }
func (c *compareScreen) Typing() bool  { return false }
func (c *compareScreen) Keys() []key.Binding {
	k := c.sh.keys
	keys := []key.Binding{k.Up, k.Down}
	if len(c.sh.sess.earlier) > 0 {
		keys = append(keys, k.Baseline)
	}
	return append(keys, k.Back)
}

func (c *compareScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case baselineMsg:
		if msg.err != nil {
			return c, problem(msg.err)
		}
		c.sh.sess.previous, c.offset = msg.audit, 0
		return c, nil
	case tea.KeyPressMsg:
		k := c.sh.keys
		switch {
		case key.Matches(msg, k.Back):
			return c, pop
		case key.Matches(msg, k.Up):
			c.offset = max(c.offset-1, 0)
		case key.Matches(msg, k.Down):
			c.offset++
		case key.Matches(msg, k.Baseline) && len(c.sh.sess.earlier) > 0:
			return c, c.pickEarlier()
		}
	}
	return c, nil
}

// pickEarlier steps back one audit from the one compared with, wrapping
// round from the oldest to the newest.
func (c *compareScreen) pickEarlier() tea.Cmd {
	sess := c.sh.sess
	refs := sess.earlier
	at := c.picked
	if at < 0 {
		at = len(refs)
		if sess.previous != nil {
			at = slices.IndexFunc(refs, func(r sitestore.AuditRef) bool { return r.Started.Equal(sess.previous.Started) })
		}
	}
	at--
	if at < 0 {
		at = len(refs) - 1
	}
	c.picked = at
	if sess.demo || sess.site == nil {
		return nil
	}
	store, site, ref := c.sh.opts.Store, sess.site.Name, refs[at]
	return func() tea.Msg {
		a, err := store.LoadAudit(site, ref)
		return baselineMsg{audit: a, err: err}
	}
}

func (c *compareScreen) View(width, height int) string {
	if c.sh.opts.Accessible {
		return c.accessibleView(width, height)
	}
	st := c.sh.st
	sess := c.sh.sess
	if sess.previous == nil {
		return wrap("No audit from an earlier day to compare with. Press b to compare with an earlier audit from today.", width)
	}
	cmp := core.Changes(sess.audit, sess.previous)
	lines := []string{
		fmt.Sprintf("Compared with the audit of %s.", sess.previous.Started.Local().Format("2 Jan 2006 15:04")),
		fmt.Sprintf("Score then %d/100, now %d/100.", cmp.ScoreBefore, cmp.ScoreAfter),
	}
	if cmp.JudgedDifferently != "" {
		for _, l := range strings.Split(wrap(safetext.Line(cmp.JudgedDifferently), width), "\n") {
			lines = append(lines, st.warnText.Render(l))
		}
	}
	if len(sess.earlier) > 1 {
		lines = append(lines, st.muted.Render("Press b to compare with an earlier audit."))
	}
	lines = append(lines, "")
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
		lines = append(lines, strings.Split(wrap("Known last time but not this time, or known then from the phone system and now only from an answer:", width), "\n")...)
		section("Not checked this time", st.unknown.Render, cmp.NotChecked)
	}
	c.offset = min(c.offset, max(len(lines)-height, 0))
	return strings.Join(lines[c.offset:min(c.offset+height, len(lines))], "\n")
}
