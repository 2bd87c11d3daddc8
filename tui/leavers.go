package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/reconcile"
	"github.com/ringfence/ringfence/connectors/hrlist"
)

// staffListHelp says what the staff list file should hold, in one breath.
const staffListHelp = "A CSV file from HR or payroll, one person a line, with headings such as Name (or First name and Surname), Email, Status and Leave date. Leavers need a leave date."

type leaversPane int

const (
	paneReport leaversPane = iota
	paneConfirm
)

// leaversScreen compares the business's staff list with the phone system:
// leavers who can still use it, extensions nobody owns, shared lines, outside
// forwards and orphans, and the uncertain matches a person has to settle.
type leaversScreen struct {
	sh      *shared
	form    *formHost
	path    *string
	op      operation
	rep     reconcile.Report
	pane    leaversPane
	doc     scrollDoc
	confirm menu
	skipped []hrlist.RowError
	read    string // the file imported on this visit
	failed  string
	width   int
}

// staffReadMsg carries a staff list read from a file.
type staffReadMsg struct {
	op      int
	path    string
	staff   []checklist.StaffMember
	skipped []hrlist.RowError
	err     error
}

func newLeavers(sh *shared) (*leaversScreen, tea.Cmd) {
	s := &leaversScreen{sh: sh, path: new(string), op: newOperation(), width: minWidth - 2}
	if !s.hasStaff() {
		return s, s.askFile()
	}
	s.reload()
	return s, nil
}

func (s *leaversScreen) audit() *checklist.Audit { return s.sh.sess.audit }

func (s *leaversScreen) hasStaff() bool {
	inv := &s.audit().Inventory
	return inv.Has(checklist.FacetStaff) && len(inv.Staff) > 0
}

func (s *leaversScreen) askFile() tea.Cmd {
	var cmd tea.Cmd
	s.failed = ""
	s.form, cmd = newFormHost(s.sh, 70, huh.NewGroup(
		fileQuestion(s.sh, "Staff or leavers list", staffListHelp+"\nType the file's path, or drag the file here.", s.path)...,
	))
	return cmd
}

func (s *leaversScreen) readFile() tea.Cmd {
	ctx, tick := s.op.start(s.sh.ctx, "Reading the staff list…")
	id, typed := s.op.id, *s.path
	return tea.Batch(tick, func() tea.Msg {
		path := cleanPath(typed)
		f, err := os.Open(path)
		if err != nil {
			return staffReadMsg{op: id, path: path, err: fmt.Errorf("Could not open the staff list %s: %w", path, unwrapPathError(err))}
		}
		defer f.Close()
		staff, skipped, err := hrlist.Read(f, path)
		if err == nil {
			err = ctx.Err()
		}
		return staffReadMsg{op: id, path: path, staff: staff, skipped: skipped, err: err}
	})
}

// reload rebuilds the report from the audit.
func (s *leaversScreen) reload() {
	now := s.sh.now()
	s.rep = s.audit().Leavers(now)
	s.confirm.rows = s.confirm.rows[:0]
	for _, m := range s.rep.ToConfirm {
		s.confirm.rows = append(s.confirm.rows, fmt.Sprintf("%-5s %-22s → %-22s %s", m.Extension, truncate(m.ExtensionName, 22), truncate(m.Name, 22), m.Confidence))
	}
	s.confirm.cursor = min(s.confirm.cursor, max(len(s.confirm.rows)-1, 0))
	if len(s.rep.ToConfirm) == 0 {
		s.pane = paneReport
	}
	s.doc.set(s.reportLines(s.width))
}

func (s *leaversScreen) Title() string { return "Leavers" }
func (s *leaversScreen) Typing() bool  { return s.form != nil }

func (s *leaversScreen) Keys() []key.Binding {
	k := s.sh.keys
	switch {
	case s.op.running:
		return []key.Binding{k.Cancel}
	case s.form != nil:
		return append(s.form.Keys(), k.Back)
	case !s.hasStaff():
		return []key.Binding{importKey(k), k.Back}
	case s.pane == paneConfirm:
		return []key.Binding{k.Up, k.Down, k.Yes, k.No, k.SharedLine, switchKey(k, "report"), k.Back}
	}
	keys := []key.Binding{k.Up, k.Down}
	if len(s.rep.ToConfirm) > 0 {
		keys = append(keys, switchKey(k, "matches to confirm"))
	}
	return append(keys, importKey(k), k.Back)
}

func importKey(k keyMap) key.Binding {
	b := k.Import
	b.SetHelp("i", "import a newer list")
	return b
}

func switchKey(k keyMap, to string) key.Binding {
	b := k.Switch
	b.SetHelp("tab", to)
	return b
}

func (s *leaversScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.sh.keys
	switch msg := msg.(type) {
	case auditChangedMsg:
		s.reload()
		return s, nil
	case staffReadMsg:
		if !s.op.owns(msg.op) {
			return s, nil
		}
		s.op.stop()
		return s, s.imported(msg)
	case tea.KeyPressMsg:
		if s.op.running {
			if key.Matches(msg, k.Cancel) {
				s.op.stop()
				return s, s.fail("You stopped reading the staff list. Nothing was changed.")
			}
			return s, nil
		}
		if s.form != nil {
			if key.Matches(msg, k.Back) {
				return s, s.closeForm()
			}
			break
		}
		return s, s.key(msg)
	}
	if s.form == nil {
		return s, s.op.Update(msg)
	}
	state, cmd := s.form.Update(msg)
	switch state {
	case formAborted:
		return s, s.closeForm()
	case formSubmitted:
		s.form = nil
		return s, s.readFile()
	}
	return s, cmd
}

// closeForm leaves the file question: back to the report when there is one,
// or off this screen when there is nothing to show without a list.
func (s *leaversScreen) closeForm() tea.Cmd {
	s.form = nil
	if !s.hasStaff() && s.failed == "" {
		return pop
	}
	return nil
}

func (s *leaversScreen) imported(msg staffReadMsg) tea.Cmd {
	if msg.err != nil {
		return s.fail(plainError(msg.err))
	}
	s.failed = ""
	s.skipped, s.read = msg.skipped, msg.path
	cat, staff, now := s.sh.opts.Catalogue, msg.staff, s.sh.now()
	save, _ := s.sh.change(func(a *checklist.Audit) error { a.SetStaff(cat, staff, now); return nil })
	s.doc.offset = 0
	s.reload()
	text := fmt.Sprintf("Read %d %s from the staff list.", len(msg.staff), plural(len(msg.staff), "person", "people"))
	if n := len(msg.skipped); n > 0 {
		text += fmt.Sprintf(" %d %s left out: see the end of the report.", n, plural(n, "row was", "rows were"))
	}
	return tea.Batch(save, notice(text))
}

// fail says what went wrong: on the screen while there is no report, else
// in the notice line above the report.
func (s *leaversScreen) fail(text string) tea.Cmd {
	if !s.hasStaff() {
		s.failed = text
		return nil
	}
	return func() tea.Msg { return noticeMsg{text: text, bad: true} }
}

func (s *leaversScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.sh.keys
	switch {
	case key.Matches(msg, k.Back):
		return pop
	case key.Matches(msg, k.Import):
		return s.askFile()
	case !s.hasStaff():
		return nil
	case key.Matches(msg, k.Switch):
		if s.pane == paneReport && len(s.rep.ToConfirm) > 0 {
			s.pane = paneConfirm
		} else {
			s.pane = paneReport
		}
		return nil
	}
	if s.pane == paneReport {
		s.doc.Update(msg, k)
		return nil
	}
	if len(s.rep.ToConfirm) == 0 {
		return nil
	}
	switch {
	case key.Matches(msg, k.Yes):
		return s.decide(reconcile.Confirm)
	case key.Matches(msg, k.No):
		return s.decide(reconcile.Reject)
	case key.Matches(msg, k.SharedLine):
		return s.decide(reconcile.Shared)
	}
	s.confirm.Update(msg, k, 5)
	return nil
}

// decide records the user's ruling on the chosen match, saves it and shows
// the report as it now stands.
func (s *leaversScreen) decide(v reconcile.Verdict) tea.Cmd {
	if len(s.rep.ToConfirm) == 0 {
		return nil
	}
	m := s.rep.ToConfirm[s.confirm.cursor]
	d := reconcile.Decision{Verdict: v}
	var said string
	switch v {
	case reconcile.Confirm:
		// Name the person, so that a namesake on the list cannot take their place.
		d.Staff = m.Email
		if d.Staff == "" {
			d.Staff = m.Name
		}
		said = fmt.Sprintf("Extension %s is %s's.", m.Extension, m.Name)
	case reconcile.Reject:
		said = fmt.Sprintf("Extension %s is not %s's: it now counts as owned by nobody on the list.", m.Extension, m.Name)
	case reconcile.Shared:
		said = fmt.Sprintf("Extension %s is marked as shared.", m.Extension)
	}
	cat, ext, now := s.sh.opts.Catalogue, m.Extension, s.sh.now()
	save, _ := s.sh.change(func(a *checklist.Audit) error { a.DecideMatch(cat, ext, d, now); return nil })
	s.reload()
	if len(s.rep.ToConfirm) == 0 {
		said += " That was the last match to confirm."
	}
	return tea.Batch(save, notice(said))
}

func (s *leaversScreen) View(width, height int) string {
	st := s.sh.st
	if width != s.width {
		s.width = width
		s.doc.set(s.reportLines(width))
	}
	switch {
	case s.form != nil:
		return s.form.View()
	case s.op.running:
		return s.op.View(st)
	case !s.hasStaff():
		var b strings.Builder
		b.WriteString(wrap("This audit has no staff list yet, so Ringfence cannot tell who has left.", width) + "\n\n")
		if s.failed != "" {
			b.WriteString(st.errorText.Render(wrap(s.failed, width)) + "\n\n")
		}
		b.WriteString(wrap(staffListHelp, width) + "\n\n")
		b.WriteString("  i      choose a file\n  esc    go back")
		return b.String()
	}
	head := s.header(width)
	used := strings.Count(head, "\n") + 2 // and a blank line under it
	if s.pane == paneConfirm {
		return head + "\n\n" + s.confirmView(width, height-used)
	}
	return head + "\n\n" + s.doc.View(st, width, height-used)
}

// header sums up the comparison and how the leaver checks now stand.
func (s *leaversScreen) header(width int) string {
	st := s.sh.st
	a := s.audit()
	n := len(a.Inventory.Staff)
	lines := []string{truncate(fmt.Sprintf("%d %s on the staff list · %d personal %s compared",
		n, plural(n, "person", "people"), s.rep.Personal, plural(s.rep.Personal, "extension", "extensions")), width)}
	var checks []string
	for _, r := range a.Results {
		if r.Domain == checklist.DomainLeavers && r.Basis == checklist.FromInventory {
			checks = append(checks, r.CheckID+" "+statusStyle(st, r.Status).Render(strings.TrimSpace(statusWord(r.Status))))
		}
	}
	if len(checks) > 0 {
		lines = append(lines, truncate("Leaver checks: "+strings.Join(checks, " · "), width))
	}
	if c := len(s.rep.ToConfirm); c > 0 {
		if s.pane == paneReport {
			lines = append(lines, st.warnText.Render(truncate(fmt.Sprintf("%d %s to confirm: press tab to look at %s.", c, plural(c, "match needs you", "matches need you"), plural(c, "it", "them")), width)))
		} else {
			lines = append(lines, st.muted.Render(truncate("Press tab to go back to the report.", width)))
		}
	}
	return strings.Join(lines, "\n")
}

// statusStyle is the style a status is drawn in; the word and mark say the
// same without colour.
func statusStyle(st styles, s checklist.Status) lipgloss.Style {
	switch s {
	case checklist.StatusFail:
		return st.fail
	case checklist.StatusUnknown:
		return st.unknown
	case checklist.StatusPass:
		return st.pass
	case checklist.StatusAccepted:
		return st.accepted
	}
	return st.na
}

// reportLines lays out the report: leavers who can still use the phone
// system first, then what else needs a look.
func (s *leaversScreen) reportLines(width int) []string {
	st := s.sh.st
	rep := s.rep
	var out []string
	section := func(title string, n int) bool {
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, st.heading.Render(fmt.Sprintf("%s (%d)", title, n)))
		if n == 0 {
			out = append(out, st.muted.Render("  None."))
		}
		return n > 0
	}
	if section("Leavers who can still use the phone system", len(rep.Leavers)) {
		for _, l := range rep.Leavers {
			who := fmt.Sprintf("✗ %s, extension %s: left %s, %d %s ago", l.Name, l.Extension, l.Left.Format("2 Jan 2006"), l.DaysSinceLeft, plural(l.DaysSinceLeft, "day", "days"))
			if l.CallsAfter > 0 {
				who += fmt.Sprintf(", %d %s since", l.CallsAfter, plural(l.CallsAfter, "call", "calls"))
			}
			for i, line := range wrapIndent(who, width, "  ", "    ") {
				if i == 0 {
					line = st.fail.Render(line)
				}
				out = append(out, line)
			}
			for _, live := range l.Live {
				out = append(out, wrapIndent(live, width, "    · ", "      ")...)
			}
		}
	}
	findings := func(title string, fs []reconcile.Finding) {
		if section(title, len(fs)) {
			for _, f := range fs {
				text := f.Extension
				if f.Name != "" {
					text += " " + f.Name
				}
				out = append(out, wrapIndent(text+": "+f.Reason, width, "  ", "    ")...)
			}
		}
	}
	findings("Extensions nobody on the staff list owns", rep.Unowned)
	findings("Shared or generic extensions", rep.Shared)
	if section("Calls forwarded outside the business", len(rep.Forwards)) {
		for _, f := range rep.Forwards {
			text := fmt.Sprintf("%s %s: to %s (%s)", f.Extension, f.Name, f.Destination, f.Owner)
			out = append(out, wrapIndent(text, width, "  ", "    ")...)
		}
	}
	findings("Mailboxes and phones for extensions that no longer exist", rep.Orphans)
	if n := len(s.skipped); n > 0 {
		out = append(out, "", st.heading.Render(fmt.Sprintf("Rows left out of %s (%d)", filepath.Base(s.read), n)))
		for _, r := range s.skipped {
			out = append(out, wrapIndent(fmt.Sprintf("line %d: %s", r.Line, r.Reason), width, "  ", "    ")...)
		}
		out = append(out, wrapIndent("Fix these rows in the file and import it again to include them.", width, "  ", "  ")...)
	}
	return out
}

func (s *leaversScreen) confirmView(width, height int) string {
	st := s.sh.st
	var b strings.Builder
	b.WriteString(st.heading.Render(fmt.Sprintf("Matches to confirm (%d)", len(s.rep.ToConfirm))) + "\n")
	b.WriteString(wrap("Ringfence is not sure of these matches. Pick one with ↑↓ and press:", width) + "\n")
	b.WriteString("  y  yes, it is them\n  n  no, it is someone else or nobody\n  s  shared by several people\n\n")
	detail := s.matchDetail(width)
	used := strings.Count(b.String(), "\n") + strings.Count(detail, "\n") + 2
	b.WriteString(s.confirm.View(st, width, max(height-used, 1)))
	b.WriteString("\n\n" + detail)
	return b.String()
}

func (s *leaversScreen) matchDetail(width int) string {
	if len(s.rep.ToConfirm) == 0 {
		return ""
	}
	m := s.rep.ToConfirm[s.confirm.cursor]
	text := fmt.Sprintf("Extension %s (%s) might be %s", m.Extension, m.ExtensionName, m.Name)
	if m.Email != "" {
		text += " <" + m.Email + ">"
	}
	text += ": " + m.Reason + "."
	if !m.Left.IsZero() {
		text += " They left on " + m.Left.Format("2 Jan 2006") + "."
	}
	if len(m.Others) > 0 {
		text += " It could also be " + strings.Join(m.Others, ", ") + "."
	}
	return wrap(text, width)
}

// unwrapPathError drops the operation and path from an *os.PathError, which
// the message already names.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
