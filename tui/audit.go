package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
)

// The sidebar is narrow at 80 columns, where long area names wrap, and wide
// enough for every name on one line in a roomier window.
const (
	sidebarWidth     = 31
	wideSidebarWidth = 41
	wideFrom         = 110 // window columns from which the wide sidebar is used
)

type auditFocus int

const (
	focusAreas auditFocus = iota
	focusItems
	focusQuestion
)

// auditScreen walks the ten areas: what the phone system showed, then the
// questions only a person can answer.
type auditScreen struct {
	sh     *shared
	area   int // index into checklist.Domains
	focus  auditFocus
	table  itemTable
	tables map[checklist.Domain]itemTable // kept per area so filters and cursors survive
	q      *questionForm
	width  int
	height int
	// Where things were drawn, for clicks: the first line of each area in
	// the sidebar, and the line the item table's rows start on.
	areaStarts []int
	tableTop   int
}

func newAuditScreen(sh *shared, start checklist.Domain) *auditScreen {
	s := &auditScreen{sh: sh, tables: map[checklist.Domain]itemTable{}, width: minWidth - 2}
	if start == "" {
		start = s.resumeArea()
	}
	s.area = max(slices.Index(checklist.Domains, start), 0)
	s.loadTable()
	return s
}

func (s *auditScreen) init() tea.Cmd { return nil }

// resumeArea is where to pick up: the last area visited in this run, or else
// the first area with a question nobody has answered.
func (s *auditScreen) resumeArea() checklist.Domain {
	if d, ok := s.sh.resume[s.sh.sess.name()]; ok {
		return d
	}
	for _, d := range checklist.Domains {
		if asked, answered := s.progress(d); answered < asked {
			return d
		}
	}
	return checklist.Domains[0]
}

func (s *auditScreen) domain() checklist.Domain { return checklist.Domains[s.area] }
func (s *auditScreen) audit() *checklist.Audit  { return s.sh.sess.audit }

// questions lists the checks in an area that need a person: those with a
// question that the inventory did not settle.
func (s *auditScreen) questions(d checklist.Domain) []checklist.Check {
	basis := make(map[string]string, len(s.audit().Results))
	for _, r := range s.audit().Results {
		basis[r.CheckID] = r.Basis
	}
	var out []checklist.Check
	for _, ch := range s.sh.opts.Catalogue.InDomain(d) {
		if ch.Question != nil && basis[ch.ID] != checklist.FromInventory {
			out = append(out, ch)
		}
	}
	return out
}

func (s *auditScreen) progress(d checklist.Domain) (asked, answered int) {
	qs := s.questions(d)
	for _, ch := range qs {
		if _, ok := s.audit().Answers[ch.ID]; ok {
			answered++
		}
	}
	return len(qs), answered
}

// found lists the area's results that came from the phone system itself.
func (s *auditScreen) found(d checklist.Domain) []checklist.Result {
	var out []checklist.Result
	for _, r := range s.audit().Results {
		if r.Domain == d && r.Basis == checklist.FromInventory {
			out = append(out, r)
		}
	}
	return out
}

func (s *auditScreen) loadTable() {
	d := s.domain()
	t, ok := s.tables[d]
	if !ok {
		t = newItemTable(rowsFor(s.found(d)))
	}
	s.table = t
	s.sh.resume[s.sh.sess.name()] = d
}

func (s *auditScreen) moveArea(to int) {
	s.tables[s.domain()] = s.table
	s.area = (to + len(checklist.Domains)) % len(checklist.Domains)
	s.loadTable()
}

// refresh rebuilds the current table after results change.
func (s *auditScreen) refresh() {
	clear(s.tables)
	s.table = newItemTable(rowsFor(s.found(s.domain())))
}

func (s *auditScreen) Title() string { return "Audit" }
func (s *auditScreen) Typing() bool {
	return s.focus == focusQuestion || (s.focus == focusItems && s.table.filtering)
}

func (s *auditScreen) Keys() []key.Binding {
	k := s.sh.keys
	switch s.focus {
	case focusQuestion:
		return append(s.q.form.Keys(), k.Back)
	case focusItems:
		if s.table.filtering {
			return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")), k.ClearFilter}
		}
		return []key.Binding{k.Up, k.Down, k.Filter, key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/esc", "back to areas"))}
	}
	keys := []key.Binding{k.Up, k.Down, k.Answer, k.Tab, k.Results, k.Plan, k.Export, k.Leavers, k.Calls}
	if s.sh.sess.canCompare() {
		keys = append(keys, k.Compare)
	}
	if s.sh.sess.demo {
		keys = append(keys, k.SaveDemo)
	}
	return append(keys, k.Back)
}

func (s *auditScreen) MoreKeys() []key.Binding {
	if s.focus == focusItems && !s.table.filtering {
		return navKeys(s.sh.keys)
	}
	return nil
}

func (s *auditScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.sh.keys
	if _, ok := msg.(auditChangedMsg); ok {
		s.refresh()
		return s, nil
	}
	if s.focus == focusQuestion {
		return s.updateQuestion(msg)
	}
	if m, ok := msg.(mouseMsg); ok {
		s.mouse(m)
		return s, nil
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	if s.focus == focusItems {
		if !s.table.filtering && (key.Matches(km, k.Tab) || key.Matches(km, k.Back) && s.table.filter.Value() == "") {
			s.focus = focusAreas
			return s, nil
		}
		_, cmd := s.table.Update(km, k, s.tableHeight())
		return s, cmd
	}
	switch {
	case key.Matches(km, k.Up):
		s.moveArea(s.area - 1)
	case key.Matches(km, k.Down):
		s.moveArea(s.area + 1)
	case key.Matches(km, k.Tab):
		if len(s.table.rows) > 0 {
			s.focus = focusItems
		}
	case key.Matches(km, k.Answer):
		return s, s.startQuestions()
	case key.Matches(km, k.Results):
		return s, push(newResults(s.sh))
	case isWorkKey(km, k):
		return s, s.sh.openWorkScreen(km)
	case key.Matches(km, k.Compare) && s.sh.sess.canCompare():
		return s, push(newCompareScreen(s.sh))
	case key.Matches(km, k.SaveDemo) && s.sh.sess.demo:
		d, cmd := newSaveDemo(s.sh)
		return s, tea.Sequence(push(d), cmd)
	case key.Matches(km, k.Back):
		return s, goHome
	}
	return s, nil
}

// mouse turns the wheel over whichever list has focus, and a click picks
// an area in the sidebar or an item in the table.
func (s *auditScreen) mouse(m mouseMsg) {
	if m.kind != click {
		if s.focus == focusItems {
			s.table.wheel(m.kind)
		} else if m.kind == wheelUp {
			s.moveArea(max(s.area-1, 0))
		} else {
			s.moveArea(min(s.area+1, len(checklist.Domains)-1))
		}
		return
	}
	if m.x < s.sideWidth() {
		for i := len(s.areaStarts) - 1; i >= 0; i-- {
			if m.y >= s.areaStarts[i] {
				if i < len(s.areaStarts)-1 || m.y < s.areaStarts[i]+2 {
					s.focus = focusAreas
					s.moveArea(i)
				}
				return
			}
		}
		return
	}
	if len(s.table.rows) > 0 && !s.table.filtering && s.table.click(m.y-s.tableTop) {
		s.focus = focusItems
	}
}

// startQuestions opens the first unanswered question of the area, or the
// first question when all are answered so the user can review them.
func (s *auditScreen) startQuestions() tea.Cmd {
	qs := s.questions(s.domain())
	if len(qs) == 0 {
		return notice("This area has no questions: the phone system answered them all.")
	}
	at := slices.IndexFunc(qs, func(ch checklist.Check) bool {
		_, ok := s.audit().Answers[ch.ID]
		return !ok
	})
	return s.ask(qs, max(at, 0))
}

func (s *auditScreen) ask(qs []checklist.Check, i int) tea.Cmd {
	var cmd tea.Cmd
	s.q, cmd = newQuestionForm(s.sh, qs[i], i, len(qs), s.paneWidth())
	s.focus = focusQuestion
	return cmd
}

func (s *auditScreen) updateQuestion(msg tea.Msg) (screen, tea.Cmd) {
	if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, s.sh.keys.Back) {
		s.focus = focusAreas
		return s, nil
	}
	state, cmd := s.q.form.Update(msg)
	if km, ok := msg.(tea.KeyPressMsg); ok && state == formRunning {
		s.q.refused = km.String() == "enter" && *s.q.value == ""
	}
	switch state {
	case formAborted:
		s.focus = focusAreas
		return s, nil
	case formSubmitted:
		if asking, cmd := s.q.askReason(s.sh, s.paneWidth()); asking {
			return s, cmd
		}
		ans := s.q.answer()
		cat, id, now := s.sh.opts.Catalogue, s.q.check.ID, s.sh.now()
		save, err := s.sh.change(core.Answer(cat, id, ans, now))
		if err != nil {
			s.focus = focusAreas
			return s, problem(err)
		}
		s.refresh()
		qs := s.questions(s.domain())
		next := slices.IndexFunc(qs, func(ch checklist.Check) bool { return ch.ID == s.q.check.ID }) + 1
		if next > 0 && next < len(qs) {
			return s, tea.Batch(save, s.ask(qs, next))
		}
		// The area is done: move on to the next one and show what was found there.
		s.focus = focusAreas
		if s.area == len(checklist.Domains)-1 {
			return s, tea.Batch(save, notice("That was the last area. Press r to see the results."))
		}
		s.moveArea(s.area + 1)
		return s, tea.Batch(save, notice(s.sh.savedNote()+" Next area: "+s.domain().Title()+". Press enter to answer its questions."))
	}
	return s, cmd
}

func (s *auditScreen) sideWidth() int {
	if s.width+2 >= wideFrom {
		return wideSidebarWidth
	}
	return sidebarWidth
}

func (s *auditScreen) paneWidth() int { return max(s.width-s.sideWidth()-3, 40) }

func (s *auditScreen) tableHeight() int { return max(s.height-4, 3) }

func (s *auditScreen) View(width, height int) string {
	if s.sh.opts.Accessible {
		return s.accessibleView(width, height)
	}
	s.width, s.height = width, height
	side := s.sidebar(height)
	paneW := width - lipgloss.Width(side) - 1
	pane := fitHeight(s.pane(paneW, height), height, paneW)
	return lipgloss.JoinHorizontal(lipgloss.Top, side, " ", pane)
}

func (s *auditScreen) sidebar(height int) string {
	st := s.sh.st
	card := checklist.Score(s.audit().Results)
	var b strings.Builder
	b.WriteString(st.bold.Render(fmt.Sprintf("Score %d/100", card.Overall)) + "\n")
	w := s.sideWidth()
	nameW := w - 10
	s.areaStarts = s.areaStarts[:0]
	line := 1
	for i, d := range checklist.Domains {
		asked, answered := s.progress(d)
		mark, style := areaMark(st, card.Domains[i].Counts)
		prog := ""
		if asked > 0 {
			prog = fmt.Sprintf("%d/%d", answered, asked)
		}
		names := strings.Split(wrap(d.Title(), nameW), "\n")
		rows := []string{style.Render(mark) + " " + cell(names[0], nameW) + " " + fmt.Sprintf("%5s", prog)}
		plain := []string{mark + " " + cell(names[0], nameW) + " " + fmt.Sprintf("%5s", prog)}
		for _, n := range names[1:] {
			rows = append(rows, "  "+cell(n, nameW)+"      ")
			plain = append(plain, "  "+cell(n, nameW)+"      ")
		}
		if i == s.area {
			for j := range plain {
				rows[j] = st.selected.Render(plain[j])
			}
		}
		s.areaStarts = append(s.areaStarts, line)
		line += len(rows)
		b.WriteString(strings.Join(rows, "\n") + "\n")
	}
	b.WriteString("\n" + st.muted.Render("✗ failed ? unknown ✓ fine") + "\n" + st.muted.Render("2/5: questions answered"))
	return st.sidebar.Width(w).Height(height).Render(b.String())
}

// areaMark sums up an area: a failure outweighs an unknown, which outweighs
// a pass. Unknown is never shown as fine.
func areaMark(st styles, c checklist.Tally) (string, lipgloss.Style) {
	switch {
	case c.Fail > 0:
		return "✗", st.fail
	case c.Unknown > 0:
		return "?", st.unknown
	case c.Total() == 0:
		return " ", st.na
	}
	return "✓", st.pass
}

func (s *auditScreen) pane(width, height int) string {
	st := s.sh.st
	d := s.domain()
	if s.focus == focusQuestion {
		return s.q.View(st, width)
	}
	var b strings.Builder
	b.WriteString(st.heading.Render(d.Title()) + "\n")
	found := s.found(d)
	var fails, unknowns int
	for _, r := range found {
		switch r.Status {
		case checklist.StatusFail:
			fails++
		case checklist.StatusUnknown:
			unknowns++
		}
	}
	if len(found) == 0 {
		b.WriteString(wrap("The phone system gave nothing to check automatically here, so this area rests on your answers.", width) + "\n")
	} else {
		b.WriteString(wrap(fmt.Sprintf("From the phone system: %d %s made, %d failed, %d could not be read.",
			len(found), plural(len(found), "check", "checks"), fails, unknowns), width) + "\n")
	}
	switch d {
	case checklist.DomainLeavers:
		b.WriteString(st.muted.Render(wrap("Press l to compare your staff list with the phone system.", width)) + "\n")
	case checklist.DomainMonitoring:
		b.WriteString(st.muted.Render(wrap("Press f to check a call-record export for fraud.", width)) + "\n")
	}
	asked, answered := s.progress(d)
	switch {
	case asked == 0:
		b.WriteString(st.muted.Render("No questions to answer here.") + "\n")
	case answered == asked:
		b.WriteString(wrap(st.okText.Render(fmt.Sprintf("All %s answered.", count(asked, "question", "questions")))+st.muted.Render(" Enter to review them."), width) + "\n")
	default:
		b.WriteString(wrap(st.bold.Render(fmt.Sprintf("%d of %s answered.", answered, count(asked, "question", "questions")))+" Press enter to answer the rest.", width) + "\n")
	}
	if len(s.table.rows) > 0 {
		b.WriteString("\n" + st.bold.Render("Items found") + st.muted.Render(" (tab to browse)") + "\n")
		used := strings.Count(b.String(), "\n")
		s.tableTop = used + 2 // under the filter line and the column heads
		b.WriteString(s.table.View(st, width, height-used, s.focus == focusItems))
	}
	return b.String()
}
