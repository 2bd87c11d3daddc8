package tui

import (
	"cmp"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/callscan"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/connectors/cdr"
)

// callsProgressEvery is how often the count of calls read is redrawn.
const callsProgressEvery = 250 * time.Millisecond

// shownRowErrors is how many skipped rows are listed; the rest are counted.
const shownRowErrors = 5

// callsScreen looks through a call-record export for signs of toll fraud and
// records the review against MON-02.
type callsScreen struct {
	sh     *shared
	form   *formHost
	path   *string
	cols   *string // a column mapping, for files of no known layout
	hours  *string // the site's business hours, asked once
	op     operation
	read   *atomic.Int64 // calls read by the running scan
	seen   int64         // what the last progress tick saw
	result *callsScannedMsg
	failed string
	doc    scrollDoc
	width  int
}

type (
	callsScannedMsg struct {
		op        int
		path      string
		stats     cdr.Stats
		skipped   []cdr.RowError
		incidents []callscan.Incident
		err       error
		// own says the calls came with the audit (the demo company's), not
		// from a file.
		own bool
	}
	callsTickMsg struct{ op int }
)

func newCallsScreen(sh *shared) (*callsScreen, tea.Cmd) {
	s := &callsScreen{sh: sh, path: new(string), cols: new(string), hours: new(string), op: newOperation(), width: minWidth - 2}
	*s.hours = cmp.Or(sh.sess.audit.Hours, checklist.DefaultHours())
	return s, s.askFile()
}

func (s *callsScreen) askFile() tea.Cmd {
	const fileHelp = "A CSV export of call records from your phone system: 3CX, FreePBX or Asterisk (Master.csv), or Yeastar. Any size will do.\nType the file's path, or drag the file here."
	fields := fileQuestion(s.sh, "Call records", fileHelp, s.path)
	if s.sh.sess.demo {
		// A trainer has no file: the demo company's own call records stand in.
		fields = described(s.sh, huh.NewInput().Title("Call records").Value(s.path), "Call records",
			fileHelp+"\nLeave it empty to look through "+demoOwnCalls+", as the audit does.")
	}
	fields = append(fields, described(s.sh, huh.NewInput().Title("Business hours").Value(s.hours).Validate(func(v string) error {
		_, err := checklist.NormaliseHours(v)
		return err
	}), "Business hours", "When you are open, in UK time, such as Mon-Fri 08:00-18:00. Calls outside these hours stand out. The site remembers them.")...)
	fields = append(fields, described(s.sh, huh.NewInput().Title("Columns (optional)").Value(s.cols).Validate(func(v string) error {
		if strings.TrimSpace(v) == "" {
			return nil
		}
		_, err := cdr.ParseMapping(v)
		return err
	}), "Columns (optional)", "Leave this empty unless Ringfence cannot tell your file's layout. Then name its columns, such as start=Date,from=Extension,to=Number,duration=Seconds.")...)
	var cmd tea.Cmd
	s.form, cmd = newFormHost(s.sh, 70, huh.NewGroup(fields...))
	return cmd
}

// rememberHours applies the business hours from the form to the audit and,
// for a saved site, to the site, so they are asked only once. It returns the
// command that saves the site, or nil when nothing changed.
func (s *callsScreen) rememberHours() tea.Cmd {
	sess := s.sh.sess
	h, err := checklist.NormaliseHours(*s.hours)
	if err != nil {
		return nil
	}
	*s.hours = h
	if h == cmp.Or(sess.audit.Hours, checklist.DefaultHours()) {
		return nil
	}
	cat, now := s.sh.opts.Catalogue, s.sh.now()
	save, err := s.sh.change(core.Hours(cat, h, now))
	if err != nil {
		return nil
	}
	return tea.Batch(save, s.sh.saveSite(func(site *checklist.Site) { site.Hours = h }))
}

// scan reads the file in the background. The analysis settings are taken
// from the audit here, in Update, so the scan never reads the audit itself.
func (s *callsScreen) scan() tea.Cmd {
	a := s.sh.sess.audit
	saveHours := s.rememberHours()
	cfg := a.CallScanConfig(s.sh.now())
	ctx, tick := s.op.start(s.sh.ctx, "Reading the call records…")
	id, typed := s.op.id, *s.path
	var layout cdr.Layout
	if spec := strings.TrimSpace(*s.cols); spec != "" {
		if m, err := cdr.ParseMapping(spec); err == nil { // the form has checked it
			layout = cdr.Layout{Format: cdr.Generic, Map: &m}
		}
	}
	read := new(atomic.Int64)
	s.read, s.seen, s.failed, s.result = read, 0, "", nil
	if s.sh.sess.demo && strings.TrimSpace(typed) == "" {
		calls := a.Inventory.Calls // replaced, never edited, on each change
		work := func() tea.Msg {
			incidents, err := core.ReviewCalls(ctx, cfg, core.OwnCalls(calls), func() { read.Add(1) })
			return callsScannedMsg{op: id, path: demoOwnCalls, own: true, stats: ownCallStats(calls), incidents: incidents, err: err}
		}
		return tea.Batch(tick, s.tick(id), work, saveHours)
	}
	work := func() tea.Msg {
		file := &cdr.File{Path: cleanPath(typed), Layout: layout}
		incidents, err := core.ReviewCalls(ctx, cfg, file.Scan, func() { read.Add(1) })
		return callsScannedMsg{op: id, path: file.Path, stats: file.Stats, skipped: file.Skipped, incidents: incidents, err: err}
	}
	return tea.Batch(tick, s.tick(id), work, saveHours)
}

func (s *callsScreen) tick(id int) tea.Cmd {
	return tea.Tick(callsProgressEvery, func(time.Time) tea.Msg { return callsTickMsg{op: id} })
}

func (s *callsScreen) Title() string { return "Call records" }
func (s *callsScreen) Typing() bool  { return s.form != nil }

func (s *callsScreen) Keys() []key.Binding {
	k := s.sh.keys
	switch {
	case s.op.running:
		return []key.Binding{k.Cancel}
	case s.form != nil:
		return append(s.form.Keys(), k.Back)
	}
	another := k.Import
	another.SetHelp("i", "read another file")
	if s.result == nil {
		return []key.Binding{another, k.Back}
	}
	return []key.Binding{k.Up, k.Down, k.PageDown, another, k.Back}
}

func (s *callsScreen) MoreKeys() []key.Binding {
	if s.op.running || s.form != nil || s.result == nil {
		return nil
	}
	k := s.sh.keys
	return []key.Binding{k.PageUp, k.Top, k.Bottom}
}

func (s *callsScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.sh.keys
	switch msg := msg.(type) {
	case mouseMsg:
		if s.form == nil && s.result != nil {
			s.doc.Mouse(msg)
		}
		return s, nil
	case callsTickMsg:
		if !s.op.owns(msg.op) {
			return s, nil
		}
		s.seen = s.read.Load()
		return s, s.tick(msg.op)
	case callsScannedMsg:
		if !s.op.owns(msg.op) {
			return s, nil
		}
		s.op.stop()
		return s, s.scanned(msg)
	case tea.KeyPressMsg:
		if s.op.running {
			if key.Matches(msg, k.Cancel) {
				s.op.stop()
				s.failed = "You stopped reading the call records. Nothing was recorded."
			}
			return s, nil
		}
		if s.form != nil {
			if key.Matches(msg, k.Back) {
				return s, s.closeForm()
			}
			break
		}
		switch {
		case key.Matches(msg, k.Back):
			return s, pop
		case key.Matches(msg, k.Import):
			return s, s.askFile()
		case s.result != nil:
			s.doc.Update(msg, k)
		}
		return s, nil
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
		return s, s.scan()
	}
	return s, cmd
}

func (s *callsScreen) closeForm() tea.Cmd {
	s.form = nil
	if s.result == nil && s.failed == "" {
		return pop
	}
	return nil
}

// scanned shows what the scan found and records the review against MON-02.
func (s *callsScreen) scanned(msg callsScannedMsg) tea.Cmd {
	if msg.err != nil {
		s.failed = plainError(msg.err)
		if len(msg.skipped) > 0 {
			s.failed += " " + skippedSummary(msg.skipped)
		}
		return nil
	}
	s.result = &msg
	if msg.own {
		// These are the very calls MON-02 was judged on: nothing to record.
		s.doc.set(s.resultLines(s.width))
		s.doc.top()
		return notice("These are " + demoOwnCalls + ", the ones the audit's MON-02 check looked through.")
	}
	cat, now, path, found := s.sh.opts.Catalogue, s.sh.now(), msg.path, len(msg.incidents)
	save, err := s.sh.change(core.CallReview(cat, path, found, now))
	if err != nil {
		s.failed = plainError(err)
	}
	s.doc.top()
	s.doc.set(s.resultLines(s.width))
	return tea.Batch(save, notice(s.recordedNote()))
}

// recordedNote says what the review did to MON-02. The phone system's own
// call records, where it gave them, still decide the check.
func (s *callsScreen) recordedNote() string {
	kept := "Saved with the audit"
	if !s.sh.sess.saved() {
		kept = "Kept in this demo audit, which is not saved"
	}
	for _, r := range s.sh.sess.audit.Results {
		if r.CheckID != "MON-02" {
			continue
		}
		if r.Basis == checklist.FromInventory {
			return kept + ". MON-02 is still judged on the call records the phone system gave (" + strings.TrimSpace(statusWord(r.Status)) + "); this file is kept as your answer."
		}
		return kept + ": MON-02 now reflects this file (" + strings.TrimSpace(statusWord(r.Status)) + ")."
	}
	return kept + "."
}

func skippedSummary(rows []cdr.RowError) string {
	var parts []string
	for _, r := range rows[:min(len(rows), 3)] {
		parts = append(parts, fmt.Sprintf("line %d: %s", r.Line, safetext.Line(r.Reason)))
	}
	return "First problems: " + strings.Join(parts, "; ") + "."
}

func (s *callsScreen) View(width, height int) string {
	if s.sh.opts.Accessible {
		return s.accessibleView(width, height)
	}
	return s.drawnView(width, height)
}

func (s *callsScreen) drawnView(width, height int) string {
	st := s.sh.st
	if width != s.width && s.result != nil {
		s.width = width
		s.doc.set(s.resultLines(width))
	}
	s.width = width
	switch {
	case s.form != nil:
		return s.form.View()
	case s.op.running:
		return s.op.View(st) + "\n\n" + fmt.Sprintf("%s read so far.", count(int(s.seen), "call", "calls"))
	case s.result == nil:
		var b strings.Builder
		if s.failed != "" {
			b.WriteString(st.errorText.Render(wrap(safetext.Text(s.failed), width)) + "\n\n")
		}
		b.WriteString("  i      choose a file\n  esc    go back")
		return b.String()
	}
	out := s.doc.View(st, width, height)
	if s.failed != "" {
		out = st.errorText.Render(wrap(safetext.Text(s.failed), width)) + "\n" + out
	}
	return out
}

// resultLines lays out what the scan found: the file, the rows left out,
// then each possible fraud with what to do.
func (s *callsScreen) resultLines(width int) []string {
	st := s.sh.st
	r := s.result
	var out []string
	add := func(lines ...string) { out = append(out, lines...) }
	format := string(r.stats.Format)
	if format == "" {
		format = "detected"
	}
	summary := fmt.Sprintf("%s: %s layout, %s", safetext.Line(filepath.Base(r.path)), layoutName(format), count(r.stats.Calls, "call", "calls"))
	if r.own {
		summary = fmt.Sprintf("Call records: %s, %s", r.path, count(r.stats.Calls, "call", "calls"))
	}
	if !r.stats.First.IsZero() {
		summary += fmt.Sprintf(" from %s to %s", r.stats.First.Format("2 Jan 2006"), r.stats.Last.Format("2 Jan 2006"))
	}
	add(wrapIndent(summary+".", width, "", "")...)
	if n := r.stats.Rejected; n > 0 {
		add(wrapIndent(fmt.Sprintf("%s could not be read and %s left out; the rest were checked.", count(n, "row", "rows"), plural(n, "was", "were")), width, "", "")...)
		for _, e := range r.skipped[:min(len(r.skipped), shownRowErrors)] {
			add(wrapIndent(fmt.Sprintf("line %d: %s", e.Line, safetext.Line(e.Reason)), width, "  ", "    ")...)
		}
		if more := n - min(len(r.skipped), shownRowErrors); more > 0 {
			add(st.muted.Render(fmt.Sprintf("  and %d more", more)))
		}
	}
	add("")
	if len(r.incidents) == 0 {
		add(st.okText.Render("Nothing that looks like fraud was found."))
		add(wrapIndent("Keep checking call records every month: fraud usually starts at night or at a weekend.", width, "", "")...)
		return out
	}
	add(st.heading.Render(fmt.Sprintf("Possible fraud (%d)", len(r.incidents))))
	for i, in := range r.incidents {
		head := fmt.Sprintf("%d. %s · %s · %s · %s min", i+1, strings.ToUpper(string(in.Severity)),
			extensionsLabel(in.Extensions), count(in.Calls, "call", "calls"), thousands(int(math.Round(in.Minutes))))
		if in.Kind == callscan.KindConcurrentCall {
			head = fmt.Sprintf("%d. %s · %s · up to %s at once", i+1, strings.ToUpper(string(in.Severity)), extensionsLabel(in.Extensions), count(in.Calls, "call", "calls"))
		}
		if in.CostKnown {
			head += fmt.Sprintf(" · about £%d.%02d", in.CostPence/100, in.CostPence%100)
		}
		if in.Destination != "" {
			head += " · to " + in.Destination
		}
		add("")
		style := st.unknown
		if in.Severity == callscan.Critical || in.Severity == callscan.High {
			style = st.fail
		}
		for j, l := range wrapIndent(safetext.Line(head), width, "", "   ") {
			if j == 0 {
				l = style.Render(l)
			}
			add(l)
		}
		add(wrapIndent(fmt.Sprintf("%s to %s", in.Start.Format("Mon 2 Jan 2006 15:04"), in.End.Format("Mon 2 Jan 2006 15:04")), width, "   ", "   ")...)
		add(wrapIndent(safetext.Line(in.Explanation), width, "   ", "   ")...)
	}
	return out
}

func extensionsLabel(exts []string) string {
	switch len(exts) {
	case 0:
		return "unknown extension"
	case 1:
		return "extension " + exts[0]
	case 2, 3:
		return "extensions " + strings.Join(exts, ", ")
	}
	return fmt.Sprintf("extensions %s and %d more", strings.Join(exts[:2], ", "), len(exts)-2)
}

func layoutName(f string) string {
	switch cdr.Format(f) {
	case cdr.ThreeCX:
		return "3CX"
	case cdr.FreePBX:
		return "FreePBX"
	case cdr.Asterisk:
		return "Asterisk"
	case cdr.Yeastar:
		return "Yeastar"
	case cdr.Generic:
		return "custom"
	}
	return f
}

// count writes a number with its noun, with thousands separated.
func count(n int, one, many string) string { return thousands(n) + " " + plural(n, one, many) }

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// demoOwnCalls names the call records that come with the demo company.
const demoOwnCalls = "the demo company's own call records"

// ownCallStats describes call records that came with the audit, as a file's
// stats would.
func ownCallStats(calls []inventory.Call) cdr.Stats {
	st := cdr.Stats{Rows: len(calls), Calls: len(calls)}
	for _, c := range calls {
		if st.First.IsZero() || c.Start.Before(st.First) {
			st.First = c.Start
		}
		if c.Start.After(st.Last) {
			st.Last = c.Start
		}
	}
	return st
}
