package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/ringfence/ringfence/checklist"
)

// results shows the scores, the five things to do first and every finding.
type results struct {
	sh       *shared
	findings []checklist.Result
	list     menu
	listTop  int // line the findings list starts on, for clicks
}

func newResults(sh *shared) *results {
	r := &results{sh: sh}
	r.reload()
	return r
}

// reload lists failures first, then accepted risks, then unknowns: the order
// in which they need attention.
func (r *results) reload() {
	rank := map[checklist.Status]int{checklist.StatusFail: 0, checklist.StatusAccepted: 1, checklist.StatusUnknown: 2}
	r.findings = r.findings[:0]
	for _, res := range r.sh.sess.audit.Results {
		if _, ok := rank[res.Status]; ok {
			r.findings = append(r.findings, res)
		}
	}
	slices.SortStableFunc(r.findings, func(a, b checklist.Result) int {
		return cmp.Or(cmp.Compare(rank[a.Status], rank[b.Status]), cmp.Compare(b.Severity.Rank(), a.Severity.Rank()))
	})
	r.list.rows = r.list.rows[:0]
	for _, f := range r.findings {
		r.list.rows = append(r.list.rows, fmt.Sprintf("%s %-8s %-7s %s", statusWord(f.Status), f.Severity, f.CheckID, f.Title))
	}
	r.list.cursor = min(r.list.cursor, max(len(r.list.rows)-1, 0))
}

// statusWord pairs a mark with a word, so status never rests on colour alone.
func statusWord(s checklist.Status) string {
	switch s {
	case checklist.StatusPass:
		return "✓ pass    "
	case checklist.StatusFail:
		return "✗ fail    "
	case checklist.StatusUnknown:
		return "? unknown "
	case checklist.StatusAccepted:
		return "~ accepted"
	}
	return "- n/a     "
}

func (r *results) Title() string { return "Results" }
func (r *results) Typing() bool  { return false }
func (r *results) Keys() []key.Binding {
	k := r.sh.keys
	return []key.Binding{k.Up, k.Down, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "why and how to fix")), k.Plan, k.Export, k.Leavers, k.Calls, k.Back}
}

func (r *results) MoreKeys() []key.Binding { return navKeys(r.sh.keys) }

func (r *results) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case auditChangedMsg:
		r.reload()
	case mouseMsg:
		r.list.Mouse(msg, msg.y-r.listTop)
	case tea.KeyPressMsg:
		k := r.sh.keys
		switch {
		case key.Matches(msg, k.Back):
			return r, pop
		case isWorkKey(msg, k):
			return r, r.sh.openWorkScreen(msg)
		case key.Matches(msg, k.Enter):
			if len(r.findings) > 0 {
				return r, push(newFinding(r.sh, r.findings[r.list.cursor].CheckID))
			}
		default:
			r.list.Update(msg, k, 6)
		}
	}
	return r, nil
}

// bar draws a score out of 100 in width cells. Without decoration it is
// left out: the number says the same.
func bar(st styles, score, width int) string {
	if !st.decorate {
		return ""
	}
	full := (score*width + 50) / 100
	return st.barFull.Render(strings.Repeat("█", full)) + st.barEmpty.Render(strings.Repeat("░", width-full))
}

func (r *results) View(width, height int) string {
	if r.sh.opts.Accessible {
		return r.accessibleView(width, height)
	}
	st := r.sh.st
	a := r.sh.sess.audit
	card := checklist.Score(a.Results)
	c := card.Counts
	var b strings.Builder
	b.WriteString(st.bold.Render(fmt.Sprintf("Overall %d/100", card.Overall)) + " " + bar(st, card.Overall, 20) +
		st.muted.Render(fmt.Sprintf("  %d%% of it rests on evidence", card.Confidence)) + "\n")
	b.WriteString(fmt.Sprintf("%s %d passed   %s %d failed   %s %d unknown   %d accepted   %d not applicable\n\n",
		st.pass.Render("✓"), c.Pass, st.fail.Render("✗"), c.Fail, st.unknown.Render("?"), c.Unknown, c.Accepted, c.NA))

	leftW := min(52, width/2)
	titleW := 24
	if leftW >= 50 {
		titleW = 30
	}
	var left strings.Builder
	for i, d := range card.Domains {
		if i > 0 {
			left.WriteByte('\n')
		}
		score := "n/a"
		if d.Applicable {
			score = fmt.Sprintf("%3d", d.Score)
		}
		left.WriteString(cell(d.Title, titleW) + " " + fmt.Sprintf("%3s", score) + " " + bar(st, d.Score, leftW-titleW-6))
	}
	rightW := width - leftW - 2
	// Each action is shown whole; as many as fit beside the areas and above
	// at least a few findings, and always the first.
	budget := max(len(card.Domains), height-strings.Count(b.String(), "\n")-7)
	right := []string{st.heading.Render("Do these first")}
	open, shown := 0, 0
	for _, p := range a.Plan {
		if p.Done {
			continue
		}
		open++
		if open > 5 {
			break
		}
		lines := wrapIndent(fmt.Sprintf("%d. %s", open, p.Action), rightW, "", "   ")
		if shown > 0 && len(right)+len(lines) > budget {
			continue
		}
		shown++
		right = append(right, lines...)
	}
	switch {
	case open == 0 && card.NothingKnown():
		right = append(right, wrap(nothingKnownYet, rightW))
	case open == 0:
		right = append(right, wrap(nothingFailed(card, "Nothing failed. Keep it that way."), rightW))
	case shown < min(open, 5):
		right = append(right, st.muted.Render(truncate("More in the action plan (p).", rightW)))
	}
	b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(leftW).Render(left.String()), "  ", strings.Join(right, "\n")))
	b.WriteString("\n\n" + st.heading.Render("Findings") + st.muted.Render(" (enter for why and how to fix)") + "\n")
	r.listTop = strings.Count(b.String(), "\n")
	b.WriteString(r.list.View(st, width, height-r.listTop))
	return b.String()
}

// auditChangedMsg tells screens under the top one that the audit changed.
type auditChangedMsg struct{}
