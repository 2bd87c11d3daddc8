package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// home lists saved sites and offers a new site or the demo company.
type home struct {
	sh       *shared
	ctx      context.Context
	sites    []sitestore.SiteSummary
	problems []error
	loaded   bool
	list     menu
	listTop  int // line the site list starts on, for clicks
	op       operation
	// opening is the site being opened, so that it can be tried again once
	// the user has trusted its certificate. The secret stays in memory.
	opening struct {
		name, secret string
		fresh        bool
	}
}

func newHome(sh *shared, ctx context.Context) *home {
	h := &home{sh: sh, ctx: ctx, op: newOperation()}
	h.list.indent = 31 // a long row wraps under its last-audit column
	return h
}

func (h *home) MoreKeys() []key.Binding {
	if h.op.running {
		return nil
	}
	return navKeys(h.sh.keys)
}

func (h *home) init() tea.Cmd { return loadSites(h.sh.opts.Store) }

func (h *home) Title() string { return "Home" }
func (h *home) Typing() bool  { return false }
func (h *home) newRow() int   { return len(h.sites) }
func (h *home) demoRow() int  { return len(h.sites) + 1 }
func (h *home) Keys() []key.Binding {
	k := h.sh.keys
	if h.op.running {
		return []key.Binding{k.Cancel}
	}
	return []key.Binding{k.Up, k.Down, k.Enter, k.New, k.Demo}
}

func (h *home) rebuild() {
	h.list.rows = h.list.rows[:0]
	for _, s := range h.sites {
		last, score := "not audited yet", ""
		if !s.LastAudit.IsZero() {
			last = "last audit " + s.LastAudit.Local().Format("2 Jan 2006")
			score = fmt.Sprintf("score %d/100 · %d open %s", s.Score, s.OpenActions, plural(s.OpenActions, "action", "actions"))
		}
		h.list.rows = append(h.list.rows, fmt.Sprintf("%-30s %-22s %s", truncate(safetext.Line(s.Name), 30), last, score))
	}
	h.list.rows = append(h.list.rows, "+ New site", "Try the demo company (nothing real is touched)")
	h.list.cursor = min(h.list.cursor, len(h.list.rows)-1)
}

func (h *home) openDemo() tea.Cmd {
	ctx, tick := h.op.start(h.ctx, "Reading the demo company's phone system…")
	return tea.Batch(tick, startDemo(h.op.id, ctx, h.sh.opts.Catalogue, h.sh.now()))
}

func (h *home) openSite(name string, fresh bool, secret string) tea.Cmd {
	label := "Opening " + name + "…"
	if fresh {
		label = "Reading " + name + "'s phone system…"
	}
	ctx, tick := h.op.start(h.ctx, label)
	h.opening.name, h.opening.secret, h.opening.fresh = name, secret, fresh
	return tea.Batch(tick, openSiteCmd(h.op.id, ctx, h.sh, name, fresh, secret, h.op.reporter()))
}

func (h *home) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sitesMsg:
		h.sites, h.problems, h.loaded = msg.sites, msg.problems, true
		h.rebuild()
		return h, nil
	case opFailedMsg:
		if !h.op.owns(msg.op) {
			return h, nil
		}
		h.op.stop()
		if q, ok := certProblem(msg.err); ok {
			c, cmd := newCertTrust(h.sh, q)
			return h, tea.Sequence(push(c), cmd)
		}
		return h, problem(msg.err)
	case certDecidedMsg:
		if msg.pin == nil {
			return h, notice("You did not trust the phone system's certificate, so Ringfence did not connect to it.")
		}
		return h, h.trustAndOpen(*msg.pin)
	case pinSavedMsg:
		if msg.err != nil {
			return h, problem(msg.err)
		}
		return h, h.openSite(h.opening.name, h.opening.fresh, h.opening.secret)
	case needSecretMsg:
		if !h.op.owns(msg.op) {
			return h, nil
		}
		h.op.stop()
		p, cmd := newSecretPrompt(h.sh, msg, func(secret string) tea.Cmd {
			return tea.Sequence(pop, h.openSite(msg.site, true, secret))
		})
		return h, tea.Sequence(push(p), cmd)
	case sessionMsg:
		h.op.stop()
		return h, nil
	case siteOpenMsg:
		return h, h.openSite(msg.name, true, msg.secret)
	case siteChosenMsg:
		return h, h.openSite(msg.name, msg.fresh, "")
	case mouseMsg:
		if !h.op.running {
			h.list.Mouse(msg, msg.y-h.listTop)
		}
		return h, nil
	case tea.KeyPressMsg:
		k := h.sh.keys
		if h.op.running {
			if key.Matches(msg, k.Cancel) {
				h.op.stop()
				return h, notice("Stopped. Nothing was changed.")
			}
			return h, nil
		}
		switch {
		case key.Matches(msg, k.New):
			return h, h.newSite()
		case key.Matches(msg, k.Demo):
			return h, h.openDemo()
		case key.Matches(msg, k.Enter):
			switch c := h.list.cursor; {
			case c == h.newRow():
				return h, h.newSite()
			case c == h.demoRow():
				return h, h.openDemo()
			case c < len(h.sites):
				s := h.sites[c]
				if s.Audits == 0 {
					return h, h.openSite(s.Name, true, "")
				}
				return h, push(newSiteMenu(h.sh, s))
			}
		default:
			h.list.Update(msg, k, 10)
		}
	}
	return h, h.op.Update(msg)
}

// pinSavedMsg says the site now trusts the certificate the user confirmed.
type pinSavedMsg struct{ err error }

// trustAndOpen saves the certificate with the site, in place of any earlier
// one for that host, and then opens the site again.
func (h *home) trustAndOpen(pin checklist.PinnedCert) tea.Cmd {
	store, name := h.sh.opts.Store, h.opening.name
	return func() tea.Msg {
		_, err := store.UpdateSite(name, func(site *checklist.Site) error {
			site.Pins = withPin(site.Pins, pin)
			return nil
		})
		return pinSavedMsg{err: err}
	}
}

func (h *home) newSite() tea.Cmd {
	s, cmd := newSiteScreen(h.sh, h.ctx)
	return tea.Sequence(push(s), cmd)
}

func (h *home) View(width, height int) string {
	if h.sh.opts.Accessible {
		return h.accessibleView(width, height)
	}
	st := h.sh.st
	var b strings.Builder
	b.WriteString(wrap("Ringfence checks how well your business phone system is locked down and writes a plan of what to fix first.", width) + "\n")
	b.WriteString(wrap("It only reads: it never changes your phone system.", width) + "\n\n")
	if h.loaded && len(h.sites) == 0 {
		b.WriteString(st.muted.Render("You have no saved sites yet. Add one, or try the demo company first.") + "\n\n")
	} else if len(h.sites) > 0 {
		b.WriteString(st.heading.Render("Your sites") + "\n")
	}
	for _, p := range h.problems {
		b.WriteString(st.errorText.Render(truncate(plainError(p), width)) + "\n")
	}
	h.listTop = strings.Count(b.String(), "\n")
	listHeight := height - h.listTop - 2
	b.WriteString(h.list.View(st, width, listHeight))
	if h.op.running {
		b.WriteString("\n\n" + h.op.View(st))
	}
	return b.String()
}

// siteChosenMsg opens a saved site: carrying on with its latest audit, or
// starting a new one.
type siteChosenMsg struct {
	name  string
	fresh bool
}

// siteMenu asks whether to carry on with a site's last audit or start anew.
type siteMenu struct {
	sh      *shared
	site    sitestore.SiteSummary
	list    menu
	listTop int
}

func newSiteMenu(sh *shared, s sitestore.SiteSummary) *siteMenu {
	m := &siteMenu{sh: sh, site: s}
	m.list.indent = 2
	m.list.rows = []string{
		"Carry on with the audit of " + s.LastAudit.Local().Format("2 Jan 2006 15:04"),
		"Start a new audit (reads the phone system again and keeps your answers)",
		"Change where its facts come from (file, phone system, address, login)",
		"Check what the internet sees of its phone system",
	}
	return m
}

func (m *siteMenu) Title() string { return m.site.Name }
func (m *siteMenu) Typing() bool  { return false }
func (m *siteMenu) Keys() []key.Binding {
	k := m.sh.keys
	return []key.Binding{k.Up, k.Down, k.Enter, k.Back}
}

func (m *siteMenu) MoreKeys() []key.Binding { return navKeys(m.sh.keys) }

func (m *siteMenu) Update(msg tea.Msg) (screen, tea.Cmd) {
	if mm, ok := msg.(mouseMsg); ok {
		m.list.Mouse(mm, mm.y-m.listTop)
		return m, nil
	}
	if msg, ok := msg.(sourceLoadedMsg); ok {
		src, cmd := newSourceScreen(m.sh, m.sh.ctx, msg.site)
		return m, tea.Sequence(pop, push(src), cmd)
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		k := m.sh.keys
		switch {
		case key.Matches(msg, k.Back):
			return m, pop
		case key.Matches(msg, k.Enter) && m.list.cursor == 2:
			return m, m.changeSource()
		case key.Matches(msg, k.Enter) && m.list.cursor == 3:
			p, cmd := newProbeScreen(m.sh, m.site.Name)
			return m, tea.Sequence(push(p), cmd)
		case key.Matches(msg, k.Enter):
			chosen := siteChosenMsg{name: m.site.Name, fresh: m.list.cursor == 1}
			return m, tea.Sequence(pop, func() tea.Msg { return chosen })
		default:
			m.list.Update(msg, k, len(m.list.rows))
		}
	}
	return m, nil
}

func (m *siteMenu) View(width, height int) string {
	if m.sh.opts.Accessible {
		return m.accessibleView(width, height)
	}
	st := m.sh.st
	head := fmt.Sprintf("%s has %d saved %s. The last one scored %d/100 with %d open %s.",
		safetext.Line(m.site.Name), m.site.Audits, plural(m.site.Audits, "audit", "audits"), m.site.Score,
		m.site.OpenActions, plural(m.site.OpenActions, "action", "actions"))
	head = wrap(head, width)
	m.listTop = strings.Count(head, "\n") + 2
	return head + "\n\n" + m.list.View(st, width, max(height-m.listTop, len(m.list.rows)))
}

// sourceLoadedMsg brings a site's saved settings for the change-source form.
type sourceLoadedMsg struct{ site checklist.Site }

// changeSource reads the site's current settings off the screen's loop, then
// opens the form that changes them.
func (m *siteMenu) changeSource() tea.Cmd {
	store, name := m.sh.opts.Store, m.site.Name
	return func() tea.Msg {
		site, err := store.Site(name)
		if err != nil {
			return noticeMsg{text: plainError(err), bad: true}
		}
		return sourceLoadedMsg{site: site}
	}
}
