package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// planScreen is the ordered action plan: who does what by when.
type planScreen struct {
	sh    *shared
	list  menu
	form  *formHost
	draft *ownerDraft
	// listTop is the line the rows start on, under the summary and the
	// column heads, for clicks.
	listTop int
}

type ownerDraft struct {
	id, owner, due string
}

// planIndent lines a wrapped action up under the Action column.
const planIndent = 38

func newPlanScreen(sh *shared) *planScreen {
	p := &planScreen{sh: sh}
	p.list.indent = planIndent
	p.reload()
	return p
}

func (p *planScreen) plan() []checklist.Action { return p.sh.sess.audit.Plan }

func (p *planScreen) reload() {
	p.list.rows = p.list.rows[:0]
	for _, a := range p.plan() {
		done := " "
		if a.Done {
			done = "✓"
		}
		owner := safetext.Line(a.Owner)
		if owner == "" {
			owner = "no owner"
		}
		p.list.rows = append(p.list.rows, fmt.Sprintf("%2d %s %-8s %s  %-12s %s",
			a.Rank, done, a.Severity, a.Due.Format("02 Jan 06"), truncate(owner, 12), safetext.Line(a.Action)))
	}
	p.list.cursor = min(p.list.cursor, max(len(p.list.rows)-1, 0))
}

func (p *planScreen) Title() string { return "Action plan" }
func (p *planScreen) Typing() bool  { return p.form != nil }
func (p *planScreen) Keys() []key.Binding {
	k := p.sh.keys
	if p.form != nil {
		return append(p.form.Keys(), k.Back)
	}
	return []key.Binding{k.Up, k.Down, k.Owner, k.Done, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")), k.Export, k.Back}
}

func (p *planScreen) MoreKeys() []key.Binding {
	if p.form != nil {
		return nil
	}
	return navKeys(p.sh.keys)
}

func (p *planScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := p.sh.keys
	if _, ok := msg.(auditChangedMsg); ok {
		p.reload()
		return p, nil
	}
	if p.form != nil {
		if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, k.Back) {
			p.form = nil
			return p, nil
		}
		state, cmd := p.form.Update(msg)
		switch state {
		case formAborted:
			p.form = nil
		case formSubmitted:
			p.form = nil
			return p, p.saveOwner()
		}
		return p, cmd
	}
	if m, ok := msg.(mouseMsg); ok {
		p.list.Mouse(m, m.y-p.listTop)
		return p, nil
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	plan := p.plan()
	switch {
	case key.Matches(km, k.Back):
		return p, pop
	case key.Matches(km, k.Export):
		e, cmd := newExportScreen(p.sh)
		return p, tea.Sequence(push(e), cmd)
	case len(plan) == 0:
		return p, nil
	case key.Matches(km, k.Enter):
		return p, push(newFinding(p.sh, plan[p.list.cursor].CheckID))
	case key.Matches(km, k.Owner):
		return p, p.ownerForm(plan[p.list.cursor])
	case key.Matches(km, k.Done):
		a := plan[p.list.cursor]
		t := p.sh.sess.audit.Tracking[a.CheckID]
		if t.Done.IsZero() {
			t.Done = p.sh.now()
		} else {
			t.Done = time.Time{}
		}
		save, _ := p.sh.change(core.MarkDone(p.sh.opts.Catalogue, a.CheckID, t.Done, p.sh.now()))
		p.reload()
		return p, save
	default:
		p.list.Update(km, k, 10)
	}
	return p, nil
}

func (p *planScreen) ownerForm(a checklist.Action) tea.Cmd {
	p.draft = &ownerDraft{id: a.CheckID, owner: a.Owner, due: a.Due.Format(time.DateOnly)}
	var cmd tea.Cmd
	fields := []huh.Field{huh.NewNote().Title(fmt.Sprintf("%d. %s", a.Rank, safetext.Line(a.Action)))}
	fields = append(fields, described(p.sh, huh.NewInput().Title("Who will do it?").Value(&p.draft.owner),
		"Who will do it?", "A name or a role, such as office manager.")...)
	p.form, cmd = newFormHost(p.sh, 70, huh.NewGroup(append(fields,
		huh.NewInput().Title("By when? (YYYY-MM-DD)").Value(&p.draft.due).Validate(func(s string) error {
			if _, err := time.Parse(time.DateOnly, strings.TrimSpace(s)); err != nil {
				return fmt.Errorf("Please write the date as YYYY-MM-DD, for example %s.", p.sh.now().AddDate(0, 1, 0).Format(time.DateOnly))
			}
			return nil
		}),
	)...))
	return cmd
}

func (p *planScreen) saveOwner() tea.Cmd {
	d := p.draft
	due, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(d.due), p.sh.now().Location())
	if err != nil {
		return problem(err)
	}
	cat, id, owner, now := p.sh.opts.Catalogue, d.id, strings.TrimSpace(d.owner), p.sh.now()
	save, _ := p.sh.change(core.Assign(cat, id, owner, due, now))
	p.reload()
	return tea.Batch(save, notice(p.sh.savedNote()))
}

func (p *planScreen) View(width, height int) string {
	if p.sh.opts.Accessible {
		return p.accessibleView(width, height)
	}
	st := p.sh.st
	if p.form != nil {
		return p.form.View()
	}
	plan := p.plan()
	if card := checklist.Score(p.sh.sess.audit.Results); len(plan) == 0 && card.NothingKnown() {
		return wrap(nothingKnownYet, width)
	} else if len(plan) == 0 {
		return wrap(nothingFailed(card, "Nothing failed, so there is nothing to do. Export the report to keep a record."), width)
	}
	open := 0
	for _, a := range plan {
		if !a.Done {
			open++
		}
	}
	head := fmt.Sprintf("%d %s, %d still to do. Most dangerous first; quick fixes before long ones.",
		len(plan), plural(len(plan), "action", "actions"), open)
	cols := st.tableHead.Render(" #   Severity Due        Owner        Action")
	head = wrap(head, width)
	p.listTop = strings.Count(head, "\n") + 3
	return head + "\n\n" + "  " + cols + "\n" + p.list.View(st, width, height-p.listTop)
}
