package tui

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/reconcile"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/connectors/hrlist"
)

// staffListHelp says what the staff list file should hold, in one breath.
const staffListHelp = "A CSV file from HR or payroll, one person a line, with headings such as Name (or First name and Surname), Email, Status and Leave date. Leavers need a leave date."

type leaversPane int

const (
	paneReport leaversPane = iota
	paneConfirm
	paneLines
)

// leaversScreen compares the business's staff list with the phone system:
// leavers who can still use it, extensions nobody owns, role and shared
// lines, outside forwards and orphans; the uncertain matches a person has to
// settle; and the lines nobody owns, which a person can mark as role lines or
// as people's.
type leaversScreen struct {
	sh      *shared
	form    *formHost
	path    *string
	op      operation
	rep     reconcile.Report
	pane    leaversPane
	doc     scrollDoc
	listTop int // line the confirm or lines list starts on, for clicks
	confirm menu
	lines   menu
	owned   []lineRow // behind lines.rows
	skipped []hrlist.RowError
	read    string // the file imported on this visit
	failed  string
	width   int
}

// lineRow is a line nobody on the staff list owns, as the lines pane shows it.
type lineRow struct {
	reconcile.Finding
	what string // "may be a role line", "looks like a person's", "role or shared line"
}

// staffReadMsg carries a staff list read from a file.
type staffReadMsg struct {
	op      int
	path    string
	staff   []inventory.StaffMember
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
	return inv.Has(inventory.FacetStaff) && len(inv.Staff) > 0
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
		staff, rep, err := hrlist.ReadFile(path)
		if err == nil {
			err = ctx.Err()
		}
		return staffReadMsg{op: id, path: path, staff: staff, skipped: rep.Skips, err: err}
	})
}

// reload rebuilds the report from the audit.
func (s *leaversScreen) reload() {
	now := s.sh.now()
	s.rep = core.Leavers(s.audit(), nil, now)
	s.confirm.rows = s.confirm.rows[:0]
	for _, m := range s.rep.ToConfirm {
		s.confirm.rows = append(s.confirm.rows, fmt.Sprintf("%-5s %-22s → %-22s %s", safetext.Line(m.Extension), truncate(safetext.Line(m.ExtensionName), 22), truncate(safetext.Line(m.Name), 22), m.Confidence))
	}
	s.confirm.cursor = min(s.confirm.cursor, max(len(s.confirm.rows)-1, 0))
	if len(s.rep.ToConfirm) == 0 && s.pane == paneConfirm {
		s.pane = paneReport
	}
	s.reloadLines()
	s.doc.set(s.reportLines(s.width))
}

// reloadLines lists the lines nobody owns, those that need a ruling first,
// and keeps the cursor on the line it was on.
func (s *leaversScreen) reloadLines() {
	was := ""
	if s.lines.cursor < len(s.owned) {
		was = s.owned[s.lines.cursor].Extension
	}
	s.owned, s.lines.rows = s.owned[:0], s.lines.rows[:0]
	for _, group := range []struct {
		what string
		fs   []reconcile.Finding
	}{{"may be a role line", s.rep.MaybeRole}, {"looks like a person's", s.rep.Unowned}, {"role or shared line", s.rep.Shared}} {
		for _, f := range group.fs {
			what := group.what
			switch s.audit().LeaverDecisions[f.Extension].Verdict {
			case reconcile.Shared:
				what = "role or shared line (you said)"
			case reconcile.Person:
				what = "a person's (you said)"
			}
			s.owned = append(s.owned, lineRow{f, what})
			s.lines.rows = append(s.lines.rows, fmt.Sprintf("%-5s %-26s %s", safetext.Line(f.Extension), truncate(safetext.Line(f.Name), 26), what))
		}
	}
	s.lines.cursor = min(s.lines.cursor, max(len(s.owned)-1, 0))
	for i, r := range s.owned {
		if r.Extension == was {
			s.lines.cursor = i
		}
	}
	if len(s.owned) == 0 && s.pane == paneLines {
		s.pane = paneReport
	}
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
		return []key.Binding{k.Up, k.Down, k.Yes, k.No, k.SharedLine, switchKey(k, s.nextPaneName()), k.Back}
	case s.pane == paneLines:
		return []key.Binding{k.Up, k.Down, k.SharedLine, k.PersonLine, switchKey(k, s.nextPaneName()), k.Back}
	}
	keys := []key.Binding{k.Up, k.Down}
	if s.nextPane() != paneReport {
		keys = append(keys, switchKey(k, s.nextPaneName()))
	}
	return append(keys, importKey(k), k.Back)
}

// nextPane is where tab goes: the report, then the matches to confirm, then
// the lines nobody owns, skipping any with nothing in it.
func (s *leaversScreen) nextPane() leaversPane {
	if s.pane == paneReport && len(s.rep.ToConfirm) > 0 {
		return paneConfirm
	}
	if s.pane != paneLines && len(s.owned) > 0 {
		return paneLines
	}
	return paneReport
}

// nextPaneName names where tab goes, short enough for the help line.
func (s *leaversScreen) nextPaneName() string {
	switch s.nextPane() {
	case paneConfirm:
		return "matches to confirm"
	case paneLines:
		return "mark lines"
	}
	return "report"
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

func (s *leaversScreen) MoreKeys() []key.Binding {
	if s.op.running || s.form != nil || !s.hasStaff() {
		return nil
	}
	return navKeys(s.sh.keys)
}

// mouse scrolls the report or moves through a list with the wheel, and a
// click picks a row of a list.
func (s *leaversScreen) mouse(m mouseMsg) {
	if s.op.running || s.form != nil || !s.hasStaff() {
		return
	}
	switch s.pane {
	case paneReport:
		s.doc.Mouse(m)
	case paneConfirm:
		s.confirm.Mouse(m, m.y-s.listTop)
	case paneLines:
		s.lines.Mouse(m, m.y-s.listTop)
	}
}

func (s *leaversScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.sh.keys
	switch msg := msg.(type) {
	case mouseMsg:
		s.mouse(msg)
		return s, nil
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
	save, _ := s.sh.change(core.Staff(cat, staff, now))
	s.doc.top()
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
		s.pane = s.nextPane()
		return nil
	}
	switch s.pane {
	case paneReport:
		s.doc.Update(msg, k)
		return nil
	case paneLines:
		switch {
		case len(s.owned) == 0:
		case key.Matches(msg, k.SharedLine):
			return s.mark(reconcile.Shared)
		case key.Matches(msg, k.PersonLine):
			return s.mark(reconcile.Person)
		default:
			s.lines.Update(msg, k, 5)
		}
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
		said = fmt.Sprintf("Extension %s is %s's.", safetext.Line(m.Extension), safetext.Line(m.Name))
	case reconcile.Reject:
		said = fmt.Sprintf("Extension %s is not %s's: it now counts as owned by nobody on the list.", safetext.Line(m.Extension), safetext.Line(m.Name))
	case reconcile.Shared:
		said = fmt.Sprintf("Extension %s is a role or shared line.", safetext.Line(m.Extension))
	}
	cat, ext, now := s.sh.opts.Catalogue, m.Extension, s.sh.now()
	save, _ := s.sh.change(core.Decide(cat, ext, d, now))
	s.reload()
	if len(s.rep.ToConfirm) == 0 {
		said += " That was the last match to confirm."
	}
	return tea.Batch(save, notice(said))
}

// mark records that the chosen line is a role or shared line, or one
// person's, saves it and shows where the line now stands.
func (s *leaversScreen) mark(v reconcile.Verdict) tea.Cmd {
	r := s.owned[s.lines.cursor]
	cat, ext, now := s.sh.opts.Catalogue, r.Extension, s.sh.now()
	save, _ := s.sh.change(core.Decide(cat, ext, reconcile.Decision{Verdict: v}, now))
	s.reload()
	said := fmt.Sprintf("Extension %s (%s) is now a role or shared line.", safetext.Line(r.Extension), safetext.Line(r.Name))
	if v == reconcile.Person {
		said = fmt.Sprintf("Extension %s (%s) is now a person's line", safetext.Line(r.Extension), safetext.Line(r.Name))
		if slices.ContainsFunc(s.rep.Unowned, func(f reconcile.Finding) bool { return f.Extension == r.Extension }) {
			said += ": nobody on the staff list owns it, so it counts against LV-01"
		}
		said += "."
	}
	return tea.Batch(save, notice(said))
}

func (s *leaversScreen) View(width, height int) string {
	if s.sh.opts.Accessible {
		return s.accessibleView(width, height)
	}
	return s.drawnView(width, height)
}

func (s *leaversScreen) drawnView(width, height int) string {
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
			b.WriteString(st.errorText.Render(wrap(safetext.Text(s.failed), width)) + "\n\n")
		}
		b.WriteString(wrap(staffListHelp, width) + "\n\n")
		b.WriteString("  i      choose a file\n  esc    go back")
		return b.String()
	}
	head := s.header(width)
	used := strings.Count(head, "\n") + 2 // and a blank line under it
	switch s.pane {
	case paneConfirm:
		s.listTop = used
		return head + "\n\n" + s.confirmView(width, height-used)
	case paneLines:
		s.listTop = used
		return head + "\n\n" + s.linesView(width, height-used)
	}
	return head + "\n\n" + s.doc.View(st, width, height-used)
}

// header sums up the comparison and how the leaver checks now stand.
func (s *leaversScreen) header(width int) string {
	st := s.sh.st
	a := s.audit()
	n := len(a.Inventory.Staff)
	r := len(s.rep.Shared)
	lines := []string{truncate(fmt.Sprintf("%d %s on the staff list · %d personal %s · %d role and shared %s",
		n, plural(n, "person", "people"), s.rep.Personal, plural(s.rep.Personal, "extension", "extensions"), r, plural(r, "line", "lines")), width)}
	var checks []string
	for _, r := range a.Results {
		if r.Domain == checklist.DomainLeavers && r.Basis == checklist.FromInventory {
			checks = append(checks, r.CheckID+" "+statusStyle(st, r.Status).Render(strings.TrimSpace(statusWord(r.Status))))
		}
	}
	if len(checks) > 0 {
		lines = append(lines, truncate("Leaver checks: "+strings.Join(checks, " · "), width))
	}
	c, m := len(s.rep.ToConfirm), len(s.rep.MaybeRole)
	switch {
	case s.pane != paneReport:
		next := map[leaversPane]string{paneReport: "go back to the report", paneConfirm: "see the matches to confirm", paneLines: "mark lines as role lines or people's"}[s.nextPane()]
		lines = append(lines, st.muted.Render(truncate("Press tab to "+next+".", width)))
	case c > 0 && m > 0:
		lines = append(lines, st.warnText.Render(truncate(fmt.Sprintf("%s to confirm and %s may be %s: press tab.", plural(c, "match", "matches"), plural(m, "line", "lines"), plural(m, "a role line", "role lines")), width)))
	case c > 0:
		lines = append(lines, st.warnText.Render(truncate(fmt.Sprintf("%d %s to confirm: press tab to look at %s.", c, plural(c, "match needs you", "matches need you"), plural(c, "it", "them")), width)))
	case m > 0:
		lines = append(lines, st.warnText.Render(truncate(fmt.Sprintf("%d %s: press tab to settle %s.", m, plural(m, "line may be a role line", "lines may be role lines"), plural(m, "it", "them")), width)))
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
			for i, line := range wrapIndent(safetext.Line(who), width, "  ", "    ") {
				if i == 0 {
					line = st.fail.Render(line)
				}
				out = append(out, line)
			}
			for _, live := range l.Live {
				out = append(out, wrapIndent(safetext.Line(live), width, "    · ", "      ")...)
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
				out = append(out, wrapIndent(safetext.Line(text+": "+f.Reason), width, "  ", "    ")...)
			}
		}
	}
	findings("Extensions nobody on the staff list owns", rep.Unowned)
	if len(rep.MaybeRole) > 0 {
		findings("Lines that may be role lines", rep.MaybeRole)
	}
	// Role lines need nothing doing, so they are named, not explained.
	if section("Role and shared lines", len(rep.Shared)) {
		var names []string
		for _, f := range rep.Shared {
			names = append(names, cmp.Or(f.Name, f.Extension))
		}
		out = append(out, wrapIndent(safetext.Line(strings.Join(names, ", ")), width, "  ", "  ")...)
	}
	if section("Calls forwarded outside the business", len(rep.Forwards)) {
		for _, f := range rep.Forwards {
			text := fmt.Sprintf("%s %s: to %s (%s)", f.Extension, f.Name, f.Destination, f.Owner)
			out = append(out, wrapIndent(safetext.Line(text), width, "  ", "    ")...)
		}
	}
	findings("Mailboxes and phones for extensions that no longer exist", rep.Orphans)
	if n := len(s.skipped); n > 0 {
		out = append(out, "", st.heading.Render(fmt.Sprintf("Rows left out of %s (%d)", safetext.Line(filepath.Base(s.read)), n)))
		for _, r := range s.skipped {
			out = append(out, wrapIndent(fmt.Sprintf("line %d: %s", r.Line, safetext.Line(r.Reason)), width, "  ", "    ")...)
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
	b.WriteString("  y  yes, it is them\n  n  no, it is someone else or nobody\n  s  a role or shared line, nobody's in particular\n\n")
	detail := s.matchDetail(width)
	s.listTop += strings.Count(b.String(), "\n")
	used := strings.Count(b.String(), "\n") + strings.Count(detail, "\n") + 2
	b.WriteString(s.confirm.View(st, width, max(height-used, 1)))
	b.WriteString("\n\n" + detail)
	return b.String()
}

// linesView lists the lines nobody on the staff list owns, for the user to
// say which are role lines and which are people's.
func (s *leaversScreen) linesView(width, height int) string {
	st := s.sh.st
	var b strings.Builder
	b.WriteString(st.heading.Render(fmt.Sprintf("Lines nobody on the staff list owns (%d)", len(s.owned))) + "\n")
	b.WriteString(wrap("Say what each line is. Pick one with ↑↓ and press:", width) + "\n")
	b.WriteString("  s  a role or shared line, such as Reception or Pharmacy\n  p  one person's line: it counts until someone owns it\n\n")
	detail := ""
	if len(s.owned) > 0 {
		r := s.owned[s.lines.cursor]
		detail = wrap(safetext.Line(fmt.Sprintf("Extension %s (%s): %s.", r.Extension, cmp.Or(r.Name, "no name"), r.Reason)), width)
	}
	s.listTop += strings.Count(b.String(), "\n")
	used := strings.Count(b.String(), "\n") + strings.Count(detail, "\n") + 2
	b.WriteString(s.lines.View(st, width, max(height-used, 1)))
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
	return wrap(safetext.Line(text), width)
}
