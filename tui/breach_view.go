package tui

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/safetext"
)

func clock(t time.Time) string { return breach.UKTime(t).Format("Mon 2 Jan 2006 15:04") }

func outcomeWord(o breach.Outcome) string {
	switch o {
	case breach.Done:
		return "Done"
	case breach.NotNeeded:
		return "Not needed"
	case breach.Couldnt:
		return "Couldn't do it"
	}
	return "Not recorded yet"
}

func outcomeMark(o breach.Outcome, ok bool) string {
	if !ok {
		return "[ ]"
	}
	switch o {
	case breach.Done:
		return "[✓]"
	case breach.NotNeeded:
		return "[–]"
	}
	return "[✗]"
}

// entryLine says what was recorded for an action: when, by whom, and the note.
func entryLine(e breach.Entry) string {
	line := outcomeWord(e.Outcome) + ", " + clock(e.At)
	if e.By != "" {
		line += ", by " + safetext.Line(e.By)
	}
	if e.Note != "" {
		line += ": " + safetext.Line(e.Note)
	}
	return line
}

// decision is the latest reporting decision for a body.
func (s *breachScreen) decision(b breach.Body) (breach.Decision, bool) {
	for i := len(s.inc.Decisions) - 1; i >= 0; i-- {
		if s.inc.Decisions[i].Body == b {
			return s.inc.Decisions[i], true
		}
	}
	return breach.Decision{}, false
}

func decisionLine(d breach.Decision) string {
	word := "Not reporting"
	if d.Report {
		word = "Reporting"
	}
	return fmt.Sprintf("%s (%s): %s", word, clock(d.At), safetext.Line(d.Reason))
}

// findingsLines sum up the call records in plain lines.
func findingsLines(f *breach.CallFindings) []string {
	if f == nil {
		return []string{"No call records read yet."}
	}
	from := "the phone system's own call history"
	if f.File != "" {
		from = safetext.Line(filepath.Base(f.File))
	}
	out := []string{"From " + from + "."}
	if !f.Found() {
		out = append(out, "Nothing that looks like fraud was found in them.")
	} else {
		out = append(out, fmt.Sprintf("Started %s; last seen %s.", clock(f.Start), clock(f.End)))
		var exts []string
		for _, e := range f.Extensions {
			exts = append(exts, safetext.Line(e))
		}
		who := extensionsLabel(exts)
		if f.Calls > 0 {
			out = append(out, fmt.Sprintf("%s%s, %s, %s minutes.", strings.ToUpper(who[:1]), who[1:], count(f.Calls, "call", "calls"), thousands(int(math.Round(f.Minutes)))))
		} else {
			// A pattern, such as short test calls, with no single call to count.
			out = append(out, fmt.Sprintf("%s%s: %s worth a look, though no single call stands out on its own.", strings.ToUpper(who[:1]), who[1:], count(f.Findings, "pattern", "patterns")))
		}
		if f.CostKnown {
			out = append(out, fmt.Sprintf("Estimated cost: about £%s.", money(f.Cost)))
		} else {
			out = append(out, "Estimated cost: not known; your provider's bill will say.")
		}
		if f.Ongoing {
			out = append(out, "Still going on: yes, a suspicious call in the last 24 hours of the records.")
		} else {
			out = append(out, "Still going on: no suspicious call in the last 24 hours of the records.")
		}
	}
	return out
}

// findingsDetail is the analysis's own account of each suspicious pattern.
func findingsDetail(f *breach.CallFindings) []string {
	if f == nil {
		return nil
	}
	var out []string
	for _, l := range f.Summary {
		out = append(out, safetext.Line(l))
	}
	return out
}

func signsSaid(signs []string) string {
	said := make([]string, len(signs))
	for i, x := range signs {
		said[i] = safetext.Line(x)
	}
	return strings.Join(said, "; ")
}

func money(pounds float64) string {
	p := int(math.Round(pounds * 100))
	return fmt.Sprintf("%s.%02d", thousands(p/100), p%100)
}

// rowText is a row's first line and the lines under it.
func (s *breachScreen) rowText(r breachRow) (string, []string) {
	st, _ := s.step()
	switch r.kind {
	case rowAction:
		e, ok := s.inc.Latest(st.ID, r.action.ID)
		head := outcomeMark(e.Outcome, ok) + " " + r.action.Text
		if r.action.Who != "" {
			head += " (" + r.action.Who + ")"
		}
		if !ok {
			return head, nil
		}
		return head, []string{entryLine(e)}
	case rowCalls:
		if s.inc.Calls == nil {
			return "Read call records: a file, or the phone system's own history", []string{"Not read yet."}
		}
		return "Read call records again: a file, or the phone system's own history", []string{"The latest read replaces what is shown above."}
	case rowBody:
		head := r.body.Name + ": not decided yet"
		if d, ok := s.decision(r.body.Body); ok {
			head = r.body.Name + ": " + decisionLine(d)
		}
		under := []string{"When: " + r.body.When, "How: " + r.body.How}
		if r.body.Body == breach.ICO {
			under = append(under, s.icoCountdown())
		}
		return head, under
	case rowQuestion:
		a := s.inc.RootCause[r.question.ID]
		if a == "" {
			return r.question.Text, []string{"Not answered yet."}
		}
		return r.question.Text, []string{"Answer: " + safetext.Line(a)}
	case rowHandOver:
		return "Fix the weakness: start a full audit of " + safetext.Line(s.site.Name), []string{"Changing passwords alone leaves the way in open. The audit finds what let this happen."}
	case rowExport:
		return "Export the incident report (PDF for you and your insurer, JSON for the record)", nil
	case rowClose:
		return "Close this incident", []string{"Once the calls have stopped and the steps are done."}
	case rowIncidents:
		return fmt.Sprintf("Other incidents at this site (%d), or start a new one", s.others), nil
	}
	return "", nil
}

// heading says where in the walk the page is.
func (s *breachScreen) heading() (title, why string) {
	st, ok := s.step()
	if !ok {
		return "What next", "Make sure it cannot happen again, keep the report, and close the incident once it is over."
	}
	if st.ID == "now" {
		return "Do this now: " + st.Title, st.Why
	}
	return fmt.Sprintf("Step %d of %d: %s", s.page+1, len(s.steps), st.Title), st.Why
}

// status says which incident this is and how far it has got.
func (s *breachScreen) status() string {
	done, all := s.inc.Progress(s.steps)
	line := fmt.Sprintf("Incident opened %s · %d of %d actions recorded", clock(s.inc.Opened), done, all)
	if !s.inc.Open() {
		line = fmt.Sprintf("Incident opened %s, closed %s", clock(s.inc.Opened), clock(s.inc.Closed))
	}
	return line
}

// pageLines lays out the page, noting the lines each row takes.
func (s *breachScreen) pageLines(width int) (lines []string, starts, ends []int) {
	st := s.sh.st
	add := func(ls ...string) { lines = append(lines, ls...) }
	add(st.muted.Render(truncate(s.status(), width)))
	if !s.readOnly {
		add(st.muted.Render(truncate("Each entry is saved at once with the time; enter adds a note and who did it.", width)))
	} else {
		add(st.muted.Render(truncate("This incident is closed: you can read it, export it, and add a note with w.", width)))
	}
	add("")
	title, why := s.heading()
	style := st.heading
	if sp, ok := s.step(); ok && sp.ID == "now" {
		style = st.urgent
	}
	for _, l := range wrapIndent(title, width, "", "") {
		add(style.Render(l))
	}
	add(wrapIndent(why, width, "", "")...)
	if s.page == 0 && s.site.FraudDesk.Phone != "" {
		add(st.bold.Render(truncate("Your provider's fraud desk: "+safetext.Line(s.site.FraudDesk.String()), width)))
	}
	if s.page == 0 && len(s.inc.Signs) > 0 {
		add(wrapIndent("What you noticed: "+signsSaid(s.inc.Signs), width, "", "  ")...)
	}
	if sp, ok := s.step(); ok && sp.ID == "cost" && s.inc.Calls == nil && !s.readOnly {
		add("", st.muted.Render(truncate("No call records read yet: press f to read them and estimate the cost.", width)))
	}
	if sp, ok := s.step(); ok && (sp.ID == "cost" || sp.ID == "calls") && s.inc.Calls != nil {
		add("", st.bold.Render("What the call records show"))
		lines := findingsLines(s.inc.Calls)
		if sp.ID == "calls" {
			lines = append(lines, findingsDetail(s.inc.Calls)...)
		}
		for _, l := range lines {
			add(wrapIndent(l, width, "", "  ")...)
		}
	}
	add("")
	rows := s.rows()
	s.cursor = min(max(s.cursor, 0), len(rows)-1)
	for i, r := range rows {
		starts = append(starts, len(lines))
		head, under := s.rowText(r)
		mark := "  "
		if i == s.cursor {
			mark = "> "
		}
		for j, l := range wrapIndent(safetext.Line(head), width-2, "", "    ") {
			if j == 0 {
				l = mark + l
			} else {
				l = "  " + l
			}
			if i == s.cursor {
				l = st.selected.Render(padRight(l, width))
			}
			add(l)
		}
		for _, u := range under {
			for _, l := range wrapIndent(u, width-6, "      ", "      ") {
				add(st.muted.Render(l))
			}
		}
		ends = append(ends, len(lines))
	}
	if s.page == 0 && !s.readOnly {
		add("")
		if s.from != "" {
			add(wrapIndent(safetext.Line(s.from), width, "", "")...)
		}
		if s.site.FraudDesk.Phone == "" {
			add(wrapIndent("Press p to save your phone provider's fraud desk with the site, so its number is here next time.", width, "", "")...)
		} else {
			add(wrapIndent("Press p to change the fraud desk saved with the site.", width, "", "")...)
		}
	}
	if sp, ok := s.step(); ok && len(sp.Mistakes) > 0 {
		add("", st.warnText.Render("Common mistakes at this step:"))
		for _, m := range sp.Mistakes {
			add(wrapIndent("• "+m, width, "  ", "    ")...)
		}
	}
	if _, ok := s.step(); !ok && len(s.inc.Log) > 0 {
		add("", st.heading.Render("Log"))
		for _, l := range s.inc.Log {
			add(wrapIndent(clock(l.At)+": "+safetext.Line(l.Text), width, "  ", "    ")...)
		}
	}
	return lines, starts, ends
}

func (s *breachScreen) View(width, height int) string {
	if s.sh.opts.Accessible {
		return s.accessibleView(width, height)
	}
	st := s.sh.st
	var top []string
	if s.failed != "" {
		top = append(top, strings.Split(st.errorText.Render(wrap(safetext.Text(s.failed), width)), "\n")...)
	}
	switch {
	case s.form != nil:
		s.form.fit(height - len(top))
		return strings.Join(append(top, s.form.View()), "\n")
	case s.op.running:
		return strings.Join(append(top, s.op.View(st)), "\n")
	}
	height -= len(top)
	s.topLines = len(top)
	lines, starts, ends := s.pageLines(width)
	s.rowStart, s.rowEnd = starts, ends
	if len(lines) <= height {
		s.offset = 0
		return strings.Join(append(top, lines...), "\n")
	}
	h := max(height-1, 1)
	if s.follow && len(starts) > 0 {
		r0, r1 := starts[s.cursor], ends[s.cursor]
		if r0 < s.offset {
			s.offset = r0
		}
		if r1 > s.offset+h {
			s.offset = min(r1-h, r0)
		}
	}
	s.offset = min(max(s.offset, 0), len(lines)-h)
	end := min(s.offset+h, len(lines))
	where := fmt.Sprintf("lines %d–%d of %d · ↑↓ move · pgdn end · pgup top", s.offset+1, end, len(lines))
	return strings.Join(append(append(top, lines[s.offset:end]...), st.muted.Render(truncate(where, width))), "\n")
}

// accessibleView says the page as plain sentences: where you are, what is
// selected, then the rest in order.
func (s *breachScreen) accessibleView(width, height int) string {
	var out []string
	add := func(t string) { out = append(out, wrapLines(t, width)...) }
	if s.failed != "" {
		add("Problem: " + safetext.Text(s.failed))
	}
	switch {
	case s.form != nil:
		add(s.form.View())
		return strings.Join(out, "\n")
	case s.op.running:
		add(opSaid(s.op) + " Press Escape to cancel.")
		return strings.Join(out, "\n")
	}
	add(sentence(strings.ReplaceAll(s.status(), " · ", ", ")))
	if s.readOnly {
		add("This incident is closed: you can read it, export it, and add a note with w.")
	}
	title, why := s.heading()
	add(sentence(title) + " " + why)
	if s.page == 0 && s.site.FraudDesk.Phone != "" {
		add("Your provider's fraud desk: " + safetext.Line(s.site.FraudDesk.String()) + ".")
	}
	if s.page == 0 && len(s.inc.Signs) > 0 {
		add("What you noticed: " + signsSaid(s.inc.Signs) + ".")
	}
	if s.page == 0 && !s.readOnly && s.from != "" {
		add(safetext.Line(s.from))
	}
	if s.page == 0 && !s.readOnly && s.site.FraudDesk.Phone == "" {
		add("Press p to save your phone provider's fraud desk with the site.")
	}
	sp, onStep := s.step()
	if onStep && sp.ID == "cost" && s.inc.Calls != nil {
		// The call records' account is said in full on the calls step; here
		// only its sum.
		add("What the call records show: " + strings.Join(findingsLines(s.inc.Calls), " "))
	}
	rows := s.rows()
	said := make([]string, len(rows))
	state := make([]string, len(rows))
	for i, r := range rows {
		head, under := s.rowText(r)
		switch r.kind {
		case rowAction:
			head = sentence(r.action.Text)
			if r.action.Who != "" {
				head += " Usually done by " + r.action.Who + "."
			}
			if len(under) == 0 {
				under = []string{"Not recorded yet"}
			}
			state[i] = "action " + strings.ToLower(under[0][:1]) + under[0][1:]
		case rowCalls:
			if s.inc.Calls != nil {
				// The sum only: the analysis's full account is too long to
				// be said as one item, and the sum answers the questions.
				under = findingsLines(s.inc.Calls)
			}
			state[i] = "call records"
		case rowBody:
			state[i] = "reporting to " + r.body.Name
		case rowQuestion:
			state[i] = "root-cause question, " + strings.ToLower(under[0][:1]) + strings.TrimSuffix(under[0][1:], ".")
		default:
			state[i] = safetext.Line(head)
		}
		said[i] = sentence(safetext.Line(head))
		for _, u := range under {
			said[i] += " " + sentence(u)
		}
	}
	// The selection is announced in a few words; the numbered list says it
	// in full.
	add(selectedSaid(s.cursor, len(rows), sentence(state[s.cursor])))
	var after []string
	if onStep && len(sp.Mistakes) > 0 {
		after = append(after, "Common mistakes at this step:")
		for i, m := range sp.Mistakes {
			after = append(after, wrapIndentPlain(fmt.Sprintf("%d. %s", i+1, sentence(m)), width)...)
		}
	}
	// The list gives way around the selection so the mistakes are always said.
	out = append(out, numbered(said, s.cursor, width, max(height-len(out)-len(after), 1))...)
	return strings.Join(append(out, after...), "\n")
}

// icoCountdown says how long is left to tell the ICO, or that the time ran
// out: an old incident must not read as if there were still time.
func (s *breachScreen) icoCountdown() string {
	due := s.inc.ICODeadline()
	left := due.Sub(s.sh.now())
	_, decided := s.decision(breach.ICO)
	switch {
	case left >= time.Hour:
		h := int(left.Hours())
		unit := "hours"
		if h == 1 {
			unit = "hour"
		}
		return fmt.Sprintf("The 72 hours run out %s (%d %s left), counted from when the incident was opened.", clock(due), h, unit)
	case left > 0:
		return "The 72 hours run out " + clock(due) + " (under an hour left), counted from when the incident was opened."
	case decided:
		return "The 72 hours ran out " + clock(due) + "."
	}
	return "The 72 hours ran out " + clock(due) + ": if you must report, do it now and say why it is late."
}
