package tui

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// Each screen's accessible view. They say the same as the drawn views, in
// the order a person listening needs it: where you are, what is selected,
// then the rest.

func (h *home) accessibleView(width, height int) string {
	var out []string
	out = append(out, wrapLines("Ringfence checks how well your business phone system is locked down and writes a plan of what to fix first. It only reads: it never changes your phone system.", width)...)
	out = append(out, "")
	if h.loaded && len(h.sites) == 0 {
		out = append(out, "You have no saved sites yet. Add one, or try the demo company first.")
	} else if len(h.sites) > 0 {
		out = append(out, fmt.Sprintf("Your sites: %d.", len(h.sites)))
	}
	for _, p := range h.problems {
		out = append(out, wrapLines("Problem: "+plainError(p), width)...)
	}
	if h.op.running {
		out = append(out, wrapLines(opSaid(h.op)+" Press Escape to cancel.", width)...)
	}
	var rows []string
	for _, s := range h.sites {
		row := safetext.Line(s.Name) + ", not audited yet."
		if !s.LastAudit.IsZero() {
			row = fmt.Sprintf("%s, last audit %s, score %d out of 100, %d open %s.", safetext.Line(s.Name),
				s.LastAudit.Local().Format("2 Jan 2006"), s.Score, s.OpenActions, plural(s.OpenActions, "action", "actions"))
		}
		rows = append(rows, row)
	}
	rows = append(rows, "New site.", "Try the demo company (nothing real is touched).")
	out = append(out, wrapLines(selectedSaid(h.list.cursor, len(rows), rows[min(h.list.cursor, len(rows)-1)]), width)...)
	out = append(out, numbered(rows, h.list.cursor, width, height-len(out))...)
	return strings.Join(out, "\n")
}

func (m *siteMenu) accessibleView(width, height int) string {
	head := fmt.Sprintf("%s has %d saved %s. The last one scored %d out of 100 with %d open %s.",
		safetext.Line(m.site.Name), m.site.Audits, plural(m.site.Audits, "audit", "audits"), m.site.Score,
		m.site.OpenActions, plural(m.site.OpenActions, "action", "actions"))
	out := wrapLines(head, width)
	out = append(out, wrapLines(selectedSaid(m.list.cursor, len(m.list.rows), m.list.rows[m.list.cursor]+"."), width)...)
	rows := make([]string, len(m.list.rows))
	for i, r := range m.list.rows {
		rows[i] = r + "."
	}
	out = append(out, numbered(rows, m.list.cursor, width, height-len(out))...)
	return strings.Join(out, "\n")
}

func (s *auditScreen) accessibleView(width, height int) string {
	s.width, s.height = width, height
	if s.focus == focusQuestion {
		q := s.q
		out := wrapLines(sentence(fmt.Sprintf("Question %d of %d: %s, %s", q.index+1, q.of, q.check.ID, q.check.Title)), width)
		if q.previous {
			out = append(out, "Answered before: Enter keeps the answer shown.")
		}
		return strings.Join(append(out, wrapLines(q.form.View(), width)...), "\n")
	}
	card := checklist.Score(s.audit().Results)
	d := s.domain()
	var out []string
	add := func(text string) { out = append(out, wrapLines(text, width)...) }
	add(fmt.Sprintf("Audit of %s. Overall score %d out of 100.", safetext.Line(s.sh.sess.name()), card.Overall))
	asked, answered := s.progress(d)
	area := fmt.Sprintf("Area %d of %d: %s", s.area+1, len(checklist.Domains), areaSaid(card.Domains[s.area]))
	switch {
	case asked == 0:
		area += " No questions to answer here."
	case answered == asked:
		area += fmt.Sprintf(" All %d questions answered; press Enter to review them.", asked)
	default:
		area += fmt.Sprintf(" %d of %d questions answered; press Enter to answer the rest.", answered, asked)
	}
	add(area)
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
		add("The phone system gave nothing to check automatically here, so this area rests on your answers.")
	} else {
		add(fmt.Sprintf("From the phone system: %d %s made, %d failed, %d could not be read.",
			len(found), plural(len(found), "check", "checks"), fails, unknowns))
	}
	switch d {
	case checklist.DomainLeavers:
		add("Press l to compare your staff list with the phone system.")
	case checklist.DomainMonitoring:
		add("Press f to check a call-record export for fraud.")
	}
	t := &s.table
	if s.focus == focusItems {
		add(fmt.Sprintf("Items found in this area: %d.", len(t.rows)))
		if t.filtering || t.filter.Value() != "" {
			add(fmt.Sprintf("Filter: %q, %d %s.", t.filter.Value(), len(t.shown), plural(len(t.shown), "item matches", "items match")))
		}
		rows := make([]string, len(t.shown))
		short := make([]string, len(t.shown)) // the selection is named; its row says the rest
		for i, at := range t.shown {
			r := &t.rows[at]
			text := fmt.Sprintf("%s, %s %s, %s", r.check, r.kind, r.id, r.label)
			if r.detail != "" {
				text += ": " + r.detail
			}
			rows[i] = sentence(text)
			short[i] = sentence(fmt.Sprintf("%s, %s %s, %s", r.check, r.kind, r.id, r.label))
		}
		if len(rows) == 0 {
			add("Nothing matches the filter.")
			return strings.Join(out, "\n")
		}
		add(selectedSaid(t.cursor, len(rows), short[t.cursor]))
		out = append(out, numbered(rows, t.cursor, width, height-len(out))...)
		return strings.Join(out, "\n")
	}
	if n := len(t.rows); n > 0 {
		add(fmt.Sprintf("Items found in this area: %d. Press Tab to go through them.", n))
	}
	add("Areas:")
	rows := make([]string, len(checklist.Domains))
	for i, dom := range checklist.Domains {
		rows[i] = areaSaid(card.Domains[i])
		if a, n := s.progress(dom); a > 0 {
			rows[i] += fmt.Sprintf(" %d of %d questions answered.", n, a)
		}
	}
	out = append(out, numbered(rows, s.area, width, height-len(out))...)
	return strings.Join(out, "\n")
}

func (r *results) accessibleView(width, height int) string {
	a := r.sh.sess.audit
	card := checklist.Score(a.Results)
	c := card.Counts
	var out []string
	add := func(text string) { out = append(out, wrapLines(text, width)...) }
	add(fmt.Sprintf("Results for %s.", safetext.Line(a.Site)))
	add(fmt.Sprintf("Overall score %d out of 100; %d%% of it rests on evidence.", card.Overall, card.Confidence))
	add(fmt.Sprintf("%d passed, %d failed, %d unknown, %d accepted, %d not applicable.", c.Pass, c.Fail, c.Unknown, c.Accepted, c.NA))
	var first []string
	for _, p := range a.Plan {
		if !p.Done && len(first) < 5 {
			first = append(first, sentence(safetext.Line(p.Action)))
		}
	}
	switch {
	case len(first) == 0 && card.NothingKnown():
		add(nothingKnownYet)
	case len(first) == 0:
		add(nothingFailed(card, "Nothing failed. Keep it that way."))
	default:
		add("Do these first:")
		// The first action is said whole; the rest as room allows.
		out = append(out, wrapIndentPlain("1. "+first[0], width)...)
	}
	rows := make([]string, len(r.findings))
	for i, f := range r.findings {
		rows[i] = sentence(fmt.Sprintf("%s, %s, %s: %s", f.CheckID, statusSaid(f.Status), f.Severity, safetext.Line(f.Title)))
	}
	if len(rows) > 0 {
		add(fmt.Sprintf("Findings: %d. Press Enter on one for why and how to fix it.", len(rows)))
		add(selectedSaid(r.list.cursor, len(rows), rows[r.list.cursor]))
		out = append(out, numbered(rows, r.list.cursor, width, min(height-len(out), 6))...)
	}
	if len(first) > 1 {
		add("More to do first:")
		for i, f := range first[1:] {
			out = append(out, wrapIndentPlain(fmt.Sprintf("%d. %s", i+2, f), width)...)
		}
	}
	add("Scores by area:")
	for i, d := range card.Domains {
		out = append(out, wrapIndentPlain(fmt.Sprintf("%d. %s", i+1, areaSaid(d)), width)...)
	}
	return strings.Join(out, "\n")
}

func (f *finding) accessibleLines(width int) []string {
	r, _ := f.result()
	ch, _ := f.sh.opts.Catalogue.Check(f.id)
	var out []string
	add := func(s string) { out = append(out, wrapLines(s, width)...) }
	add(sentence(fmt.Sprintf("%s: %s", f.id, ch.Title)))
	add(fmt.Sprintf("Status: %s. Severity: %s. The fix takes %s. Area: %s.", statusSaid(r.Status), r.Severity, r.Effort, r.Domain.Title()))
	if r.Evidence != "" {
		add("What Ringfence saw: " + safetext.Line(r.Evidence))
	}
	if r.NAReason != "" {
		add("Not applicable because: " + safetext.Line(r.NAReason))
	}
	if a := r.Acceptance; a != nil {
		add(fmt.Sprintf("Risk accepted by %s until %s: %s", safetext.Line(a.Owner), a.Expires.Format("2 Jan 2006"), safetext.Line(a.Reason)))
	}
	if t := f.tracking(); !t.Done.IsZero() {
		add("Marked as done on " + t.Done.Format("2 Jan 2006") + ".")
	}
	add("Why it matters:")
	add(ch.Why)
	add(fmt.Sprintf("How to fix it, in %d %s:", len(ch.Fix), plural(len(ch.Fix), "step", "steps")))
	for i, step := range ch.Fix {
		out = append(out, wrapIndentPlain(fmt.Sprintf("%d. %s", i+1, step), width)...)
	}
	add("References:")
	if ch.Refs.CyberEssentials != "" {
		add("Cyber Essentials: " + ch.Refs.CyberEssentials)
	}
	if ch.Refs.ISO27001 != "" {
		add("ISO/IEC 27001:2022 Annex A: " + ch.Refs.ISO27001)
	}
	src := ch.Refs.Source
	if ch.Refs.SourceTitle != "" {
		src = ch.Refs.SourceTitle + ": " + src
	}
	add("Source: " + src)
	if len(r.Affected) > 0 {
		add(fmt.Sprintf("Affected items: %d.", len(r.Affected)))
		for i, it := range r.Affected {
			line := fmt.Sprintf("%d. %s %s, %s", i+1, safetext.Line(it.Kind), safetext.Line(it.ID), safetext.Line(it.Label))
			if it.Detail != "" {
				line += ": " + safetext.Line(it.Detail)
			}
			out = append(out, wrapIndentPlain(sentence(line), width)...)
		}
	}
	return out
}

func (f *finding) accessibleView(width, height int) string {
	if f.form != nil {
		return f.form.View()
	}
	if f.lines == nil || f.width != width {
		f.lines, f.width = f.accessibleLines(width), width
		f.doc.SetContentLines(f.lines)
	}
	if len(f.lines) <= height {
		f.doc.GotoTop()
		return strings.Join(f.lines, "\n")
	}
	// The page scrolls in the same viewport as the drawn one, so the same
	// keys move it; the first line says where the reader is.
	shown := max(height-1, 1)
	f.doc.SetWidth(width)
	f.doc.SetHeight(shown)
	f.doc.SetYOffset(f.doc.YOffset())
	first := f.doc.YOffset()
	end := min(first+shown, len(f.lines))
	where := fmt.Sprintf("Lines %d to %d of %d. Down arrow or Page Down reads on.", first+1, end, len(f.lines))
	return strings.Join(append([]string{truncate(where, width)}, f.lines[first:end]...), "\n")
}

func (p *planScreen) accessibleView(width, height int) string {
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
	rows := make([]string, len(plan))
	short := make([]string, len(plan))
	for i, a := range plan {
		state := "to do"
		if a.Done {
			state = "done"
		} else {
			open++
		}
		owner := safetext.Line(a.Owner)
		if owner == "" {
			owner = "no owner yet"
		} else {
			owner = "owner " + owner
		}
		rows[i] = sentence(fmt.Sprintf("%s, %s, due %s, %s, %s: %s", a.CheckID, a.Severity, a.Due.Format("2 Jan 2006"), owner, state, safetext.Line(a.Action)))
		short[i] = fmt.Sprintf("%s, %s, due %s, %s, %s.", a.CheckID, a.Severity, a.Due.Format("2 Jan 2006"), owner, state)
	}
	out := wrapLines(fmt.Sprintf("Action plan: %d %s, %d still to do. Most dangerous first; quick fixes before long ones.",
		len(plan), plural(len(plan), "action", "actions"), open), width)
	out = append(out, wrapLines(selectedSaid(p.list.cursor, len(rows), short[p.list.cursor]), width)...)
	out = append(out, numbered(rows, p.list.cursor, width, height-len(out))...)
	return strings.Join(out, "\n")
}

func (c *compareScreen) accessibleView(width, height int) string {
	sess := c.sh.sess
	cmp := core.Changes(sess.audit, sess.previous)
	var lines []string
	add := func(s string) { lines = append(lines, wrapLines(s, width)...) }
	add(fmt.Sprintf("Compared with the audit of %s.", sess.previous.Started.Local().Format("2 Jan 2006")))
	add(fmt.Sprintf("Score then %d out of 100, now %d out of 100.", cmp.ScoreBefore, cmp.ScoreAfter))
	if cmp.JudgedDifferently != "" {
		add("Note: " + safetext.Line(cmp.JudgedDifferently))
	}
	section := func(title string, changes []checklist.Change) {
		if len(changes) == 0 {
			add(title + ": none.")
			return
		}
		add(fmt.Sprintf("%s: %d.", title, len(changes)))
		for i, ch := range changes {
			lines = append(lines, wrapIndentPlain(sentence(fmt.Sprintf("%d. %s, %s: %s", i+1, ch.CheckID, ch.Severity, safetext.Line(ch.Title))), width)...)
		}
	}
	section("Fixed", cmp.Fixed)
	section("Got worse", cmp.Regressed)
	section("New problems", cmp.New)
	section("Still open", cmp.StillOpen)
	c.offset = min(c.offset, max(len(lines)-height, 0))
	return strings.Join(lines[c.offset:min(c.offset+height, len(lines))], "\n")
}

func (e *exportScreen) accessibleView(width, height int) string {
	var out []string
	add := func(s string) { out = append(out, wrapLines(s, width)...) }
	if e.failed != "" {
		add("Problem: " + e.failed)
	}
	switch {
	case e.form != nil:
		add(e.form.View())
		return strings.Join(out, "\n")
	case e.op.running:
		add(opSaid(e.op) + " Press Escape to cancel.")
		return strings.Join(out, "\n")
	}
	if len(e.written) > 0 {
		folder, err := filepath.Abs(filepath.Dir(e.written[0]))
		if err != nil {
			folder = filepath.Dir(e.written[0])
		}
		add(fmt.Sprintf("Written: %d %s, in %s.", len(e.written), plural(len(e.written), "file", "files"), folder))
		for i, p := range e.written {
			out = append(out, wrapIndentPlain(fmt.Sprintf("%d. %s", i+1, filepath.Base(p)), width)...)
		}
		add("The files name your phone system's weak spots: share them only with people who need them.")
	}
	add("Press Escape to go back.")
	return strings.Join(out, "\n")
}

// The leavers and call-records screens are long reports already written as
// sentences; their accessible views say the marks in them as words.

func (s *leaversScreen) accessibleView(width, height int) string {
	if s.form != nil {
		return s.form.View()
	}
	if s.op.running {
		return opSaid(s.op) + " Press Escape to cancel."
	}
	return plainMarks(s.drawnView(width, height))
}

func (s *callsScreen) accessibleView(width, height int) string {
	if s.form != nil {
		return s.form.View()
	}
	if s.op.running {
		return fmt.Sprintf("%s %s read so far. Press Escape to cancel.", opSaid(s.op), count(int(s.seen), "call", "calls"))
	}
	if s.result == nil {
		out := ""
		if s.failed != "" {
			out = "Problem: " + safetext.Text(s.failed) + "\n"
		}
		return out + "Press i to choose a file of call records, or Escape to go back."
	}
	return plainMarks(s.drawnView(width, height))
}

// opSaid is what an operation is doing, as a sentence.
func opSaid(o operation) string { return sentence(strings.TrimSuffix(o.label, "…")) }

func (s *newSite) accessibleView(width, height int) string {
	switch s.step {
	case stepTesting, stepCreating:
		return opSaid(s.op) + " Press Escape to cancel."
	case stepFailed:
		return plainMarks(s.drawnView(width, height))
	}
	return s.form.View()
}
