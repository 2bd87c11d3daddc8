package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// breachScreen walks a site through a suspected hack of its phone system:
// the first thing to do now, then each step's actions in order, the call
// records, the reporting decisions and the root cause, and last a hand-over
// to a full audit. Every entry is saved the moment it is made.
type breachScreen struct {
	sh    *shared
	site  checklist.Site
	inc   *breach.Incident
	steps []breach.Step
	// known names the accounts to deal with first, as far as the phone
	// system, the last audit and the call records tell; from says where
	// that came from.
	known    breach.Known
	from     string
	readOnly bool
	resumed  bool
	others   int // the site's other incidents
	saver    *incidentSaver
	// page is the step shown; len(steps) is the page of what comes next.
	page   int
	cursor int
	offset int
	// follow keeps the selected row in sight; off while the user reads on
	// below the last row.
	follow bool
	form   *formHost
	// submit is what the open form does once filled in.
	submit func() tea.Cmd
	fields *breachFields
	op     operation
	failed string
	// rowStart is the first line of each row at the last draw, for clicks.
	rowStart, rowEnd []int
	topLines         int // problem lines drawn above the page
	// saidOnSave is what to say once the entry being saved is on disk.
	saidOnSave string
}

// breachFields are what the breach forms write into; they live on the heap
// because huh writes through pointers.
type breachFields struct {
	outcome, note, by, text, folder string
	report                          bool
	formats                         []string
}

type breachRowKind int

const (
	rowAction breachRowKind = iota
	rowCalls
	rowBody
	rowQuestion
	rowHandOver
	rowExport
	rowClose
	rowIncidents
)

// breachRow is one thing on a page the cursor can rest on.
type breachRow struct {
	kind     breachRowKind
	action   breach.Action
	body     breach.BodyInfo
	question breach.Question
}

func newBreachScreen(sh *shared, msg breachOpenedMsg) *breachScreen {
	s := &breachScreen{sh: sh, site: msg.site, inc: msg.inc, readOnly: msg.readOnly, resumed: msg.resumed,
		others: msg.others, steps: breach.StepsFor(msg.site), op: newOperation(), fields: &breachFields{}}
	s.saver = &incidentSaver{store: sh.opts.Store, site: msg.site.Name, id: msg.inc.ID}
	if msg.inc.Calls != nil {
		s.known.Suspect = slices.Clone(msg.inc.Calls.Extensions)
		s.steps = breach.StepsKnowing(msg.site, s.known)
	}
	s.page = min(s.inc.Current(s.steps), len(s.steps))
	if s.readOnly {
		s.page = 0
	}
	s.cursor, s.follow = s.firstOpenRow(), true
	return s
}

func (s *breachScreen) Title() string {
	if s.readOnly {
		return "Closed incident at " + s.site.Name
	}
	return "Something has gone wrong at " + s.site.Name
}

func (s *breachScreen) Typing() bool { return s.form != nil }

func (s *breachScreen) step() (breach.Step, bool) {
	if s.page < len(s.steps) {
		return s.steps[s.page], true
	}
	return breach.Step{}, false
}

// rows lists what the cursor can rest on, on the page shown.
func (s *breachScreen) rows() []breachRow {
	st, ok := s.step()
	if !ok {
		rows := []breachRow{{kind: rowHandOver}, {kind: rowExport}}
		if !s.readOnly && s.inc.Open() {
			rows = append(rows, breachRow{kind: rowClose})
		}
		return append(rows, breachRow{kind: rowIncidents})
	}
	var rows []breachRow
	for _, a := range st.Actions {
		rows = append(rows, breachRow{kind: rowAction, action: a})
	}
	switch st.ID {
	case "calls":
		rows = append(rows, breachRow{kind: rowCalls})
	case "report":
		for _, b := range breach.Bodies() {
			rows = append(rows, breachRow{kind: rowBody, body: b})
		}
	case "root-cause":
		for _, q := range breach.RootCauseQuestions() {
			rows = append(rows, breachRow{kind: rowQuestion, question: q})
		}
	}
	return rows
}

// firstOpenRow is the first action on the page with nothing recorded, so
// reopening lands where the work stopped.
func (s *breachScreen) firstOpenRow() int {
	st, ok := s.step()
	if !ok {
		return 0
	}
	for i, a := range st.Actions {
		if _, done := s.inc.Latest(st.ID, a.ID); !done {
			return i
		}
	}
	return 0
}

func (s *breachScreen) row() (breachRow, bool) {
	rows := s.rows()
	if len(rows) == 0 {
		return breachRow{}, false
	}
	s.cursor = min(max(s.cursor, 0), len(rows)-1)
	return rows[s.cursor], true
}

func (s *breachScreen) Keys() []key.Binding {
	k := s.sh.keys
	switch {
	case s.op.running:
		return []key.Binding{k.Cancel}
	case s.form != nil:
		return append(s.form.Keys(), k.Back)
	}
	var keys []key.Binding
	r, _ := s.row()
	if !s.readOnly {
		switch r.kind {
		case rowAction:
			keys = append(keys, k.Record, k.NextStep, k.Details)
		case rowBody:
			keys = append(keys, k.ReportYes, k.ReportNo, k.NextStep)
		case rowQuestion:
			keys = append(keys, k.Reply, k.NextStep)
		case rowCalls:
			keys = append(keys, k.Calls, k.NextStep)
		}
	}
	if _, ok := s.step(); !ok {
		keys = append(keys, k.Enter)
	} else if s.readOnly {
		keys = append(keys, k.NextStep)
	}
	if s.readOnly {
		keys = append(keys, k.LogNote)
	}
	return append(keys, k.PrevStep, k.Back)
}

func (s *breachScreen) MoreKeys() []key.Binding {
	if s.op.running || s.form != nil {
		return nil
	}
	k := s.sh.keys
	keys := []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Export, k.LogNote}
	if r, _ := s.row(); r.kind == rowAction && !s.readOnly {
		keys = append(keys, k.MarkDone, k.NotNeeded, k.Couldnt)
	}
	if !s.readOnly {
		keys = append(keys, k.Calls)
		keys = append(keys, k.Sign)
		if s.page == 0 {
			keys = append(keys, k.FraudDesk)
		}
	}
	return keys
}

func (s *breachScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.sh.keys
	switch msg := msg.(type) {
	case incidentSavedMsg:
		if msg.saver != s.saver {
			return s, nil
		}
		var refused *changeError
		if errors.As(msg.err, &refused) {
			s.saidOnSave = ""
			if msg.inc != nil && s.saver.idle() {
				s.inc = msg.inc
				s.readOnly = s.readOnly || !s.inc.Open()
			}
			return s, func() tea.Msg {
				return noticeMsg{text: "Your last entry was not saved: " + plainError(refused.err), bad: true}
			}
		}
		if msg.err != nil {
			return s, func() tea.Msg {
				return noticeMsg{text: "Your last entry could not be saved: " + plainError(msg.err) + " It is kept on screen and will be saved with your next one.", bad: true}
			}
		}
		if msg.inc != nil && s.saver.idle() {
			s.inc = msg.inc
		}
		if said := s.saidOnSave; said != "" && msg.inc != nil {
			s.saidOnSave = ""
			return s, notice(said)
		}
		return s, nil
	case incidentKnownMsg:
		if msg.saver != s.saver {
			return s, nil
		}
		s.from = msg.facts.From
		s.known.Admins, s.known.Leavers = msg.facts.Known.Admins, msg.facts.Known.Leavers
		s.steps = breach.StepsKnowing(s.site, s.known)
		return s, nil
	case fraudDeskSavedMsg:
		s.site = msg.site
		s.steps = breach.StepsKnowing(s.site, s.known)
		return s, notice("Saved with the site: " + safetext.Line(s.site.FraudDesk.String()) + ".")
	case incidentCallsMsg:
		if !s.op.owns(msg.op) {
			return s, nil
		}
		s.op.stop()
		if msg.err != nil {
			s.failed = plainError(msg.err)
			if len(msg.skipped) > 0 {
				s.failed += " " + skippedSummary(msg.skipped)
			}
			return s, nil
		}
		s.failed = ""
		s.known.Suspect = slices.Clone(msg.findings.Extensions)
		s.steps = breach.StepsKnowing(s.site, s.known)
		s.offset, s.follow = 0, false // the findings head the page
		for i, r := range s.rows() {
			if r.kind == rowCalls {
				s.cursor = i
			}
		}
		return s, s.apply(core.SetCallFindings(msg.findings, s.sh.now()))
	case incidentExportedMsg:
		if !s.op.owns(msg.op) {
			return s, nil
		}
		s.op.stop()
		if msg.err != nil {
			s.failed = plainError(msg.err)
			return s, nil
		}
		s.failed = ""
		return s, notice(writtenNote(msg.written))
	case mouseMsg:
		if s.form == nil && !s.op.running {
			s.mouse(msg)
		}
		return s, nil
	case tea.KeyPressMsg:
		if s.op.running {
			if key.Matches(msg, k.Cancel) {
				s.op.stop()
				s.failed = "Stopped. Nothing was recorded."
			}
			return s, nil
		}
		if s.form != nil {
			if key.Matches(msg, k.Back) {
				s.form = nil
				return s, nil
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
		s.form = nil
		return s, nil
	case formSubmitted:
		s.form = nil
		return s, s.submit()
	}
	return s, cmd
}

func (s *breachScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.sh.keys
	rows := s.rows()
	r, _ := s.row()
	if key.Matches(msg, k.Back) {
		return pop
	}
	s.follow = true
	switch {
	case key.Matches(msg, k.NextStep):
		s.turn(min(s.page+1, len(s.steps)))
	case key.Matches(msg, k.PrevStep):
		s.turn(max(s.page-1, 0))
	case key.Matches(msg, k.Up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(msg, k.Down):
		if s.cursor == len(rows)-1 {
			s.offset++ // the page may go on below its last row
			s.follow = false
		}
		s.cursor = min(s.cursor+1, len(rows)-1)
	case key.Matches(msg, k.PageUp, k.Top):
		s.cursor, s.offset = 0, 0
	case key.Matches(msg, k.PageDown, k.Bottom):
		s.cursor, s.offset, s.follow = len(rows)-1, 1<<20, false
	case key.Matches(msg, k.Export):
		return s.askExport()
	case key.Matches(msg, k.LogNote):
		return s.askLog()
	case s.readOnly:
		if key.Matches(msg, k.Enter) {
			return s.open(r)
		}
	case key.Matches(msg, k.Calls):
		return s.askCalls()
	case key.Matches(msg, k.FraudDesk) && s.page == 0:
		return s.askFraudDesk()
	case key.Matches(msg, k.Sign):
		return s.askSign()
	case r.kind == rowAction && key.Matches(msg, k.MarkDone):
		return s.record(r.action, breach.Done, "", "")
	case r.kind == rowAction && key.Matches(msg, k.NotNeeded):
		return s.record(r.action, breach.NotNeeded, "", "")
	case r.kind == rowAction && key.Matches(msg, k.Couldnt):
		return s.record(r.action, breach.Couldnt, "", "")
	case r.kind == rowAction && key.Matches(msg, k.Details):
		return s.askDetails(r.action)
	case r.kind == rowBody && key.Matches(msg, k.ReportYes):
		return s.askDecision(r.body, true)
	case r.kind == rowBody && key.Matches(msg, k.ReportNo):
		return s.askDecision(r.body, false)
	case key.Matches(msg, k.Enter):
		return s.open(r)
	}
	return nil
}

// turn shows another page, on its first action still to record.
func (s *breachScreen) turn(page int) {
	if page == s.page {
		return
	}
	s.page, s.offset = page, 0
	s.cursor = s.firstOpenRow()
}

// open does what a row's Enter means.
func (s *breachScreen) open(r breachRow) tea.Cmd {
	switch r.kind {
	case rowCalls:
		if !s.readOnly {
			return s.askCalls()
		}
	case rowQuestion:
		if !s.readOnly {
			return s.askRootCause(r.question)
		}
	case rowHandOver:
		name := s.site.Name
		return tea.Sequence(goHome, func() tea.Msg { return siteChosenMsg{name: name, fresh: true} })
	case rowExport:
		return s.askExport()
	case rowClose:
		return s.askClose()
	case rowIncidents:
		return loadIncidents(s.sh.opts.Store, s.site)
	}
	return nil
}

// apply makes a change to the incident on screen at once and saves it in the
// background; a change the incident refuses is said, not saved.
func (s *breachScreen) apply(c core.IncidentChange) tea.Cmd {
	if s.readOnly {
		return nil
	}
	return s.save(c)
}

// save is apply for a change a closed incident still takes: a note.
func (s *breachScreen) save(c core.IncidentChange) tea.Cmd {
	if err := c(s.inc); err != nil {
		return problem(err)
	}
	s.saver.queue(c)
	return s.saver.saveCmd()
}

func (s *breachScreen) record(a breach.Action, o breach.Outcome, note, by string) tea.Cmd {
	st, _ := s.step()
	now := s.sh.now()
	cmd := s.apply(core.RecordAction(s.steps, st.ID, a.ID, o, note, by, now))
	if _, ok := s.inc.Latest(st.ID, a.ID); ok {
		// Said in words as well as marked, for a screen reader, once it
		// is on disk.
		s.saidOnSave = "Recorded as " + strings.ToLower(outcomeWord(o)) + " and saved, " + clock(now) + "."
	}
	// The cursor moves on to the next action still to record, so a
	// run of d presses works down the list.
	rows := s.rows()
	for i := s.cursor + 1; i < len(rows); i++ {
		if rows[i].kind != rowAction {
			break
		}
		if _, done := s.inc.Latest(st.ID, rows[i].action.ID); !done {
			s.cursor = i
			break
		}
	}
	return cmd
}

// newForm opens a form on the screen; done runs once it is filled in.
func (s *breachScreen) newForm(done func() tea.Cmd, fields ...huh.Field) tea.Cmd {
	var cmd tea.Cmd
	s.form, cmd = newFormHost(s.sh, 70, huh.NewGroup(fields...))
	s.submit = done
	return cmd
}

func (s *breachScreen) askDetails(a breach.Action) tea.Cmd {
	st, _ := s.step()
	f := s.fields
	f.outcome, f.note, f.by = string(breach.Done), "", ""
	if e, ok := s.inc.Latest(st.ID, a.ID); ok {
		f.outcome, f.note, f.by = string(e.Outcome), e.Note, e.By
	}
	fields := []huh.Field{huh.NewSelect[string]().Title(a.Text).Options(
		huh.NewOption("Done", string(breach.Done)),
		huh.NewOption("Not needed", string(breach.NotNeeded)),
		huh.NewOption("Couldn't do it", string(breach.Couldnt)),
	).Value(&f.outcome)}
	fields = append(fields, described(s.sh, huh.NewInput().Title("Note (optional)").Value(&f.note).CharLimit(500),
		"Note (optional)", "What was done, or why not: a reference number, who you spoke to.")...)
	fields = append(fields, described(s.sh, huh.NewInput().Title("Who did it (optional)").Value(&f.by).CharLimit(100),
		"Who did it (optional)", "A name, so the report says who did what.")...)
	return s.newForm(func() tea.Cmd {
		return s.record(a, breach.Outcome(f.outcome), strings.TrimSpace(f.note), strings.TrimSpace(f.by))
	}, fields...)
}

func (s *breachScreen) askDecision(b breach.BodyInfo, report bool) tea.Cmd {
	f := s.fields
	f.text, f.report = "", report
	name := b.Name
	if rest, ok := strings.CutPrefix(name, "Your "); ok {
		name = "your " + rest // mid-sentence
	}
	title := "Why you will report to " + name
	if !report {
		title = "Why you will not report to " + name
	}
	fields := described(s.sh, huh.NewInput().Title(title).Value(&f.text).CharLimit(500).Validate(required("a reason")),
		title, "A short reason, kept in the incident report for your insurer and anyone who asks later.")
	return s.newForm(func() tea.Cmd {
		return s.apply(core.DecideReport(b.Body, f.report, strings.TrimSpace(f.text), s.sh.now()))
	}, fields...)
}

func (s *breachScreen) askRootCause(q breach.Question) tea.Cmd {
	f := s.fields
	f.text = s.inc.RootCause[q.ID]
	fields := described(s.sh, huh.NewInput().Title(q.Text).Value(&f.text).CharLimit(500).Validate(required(`what you know, or "not known yet"`)),
		q.Text, "What you know so far; \"not known yet\" is a fine answer, and you can change it later.")
	return s.newForm(func() tea.Cmd {
		return s.apply(core.AnswerRootCause(q.ID, strings.TrimSpace(f.text), s.sh.now()))
	}, fields...)
}

// askLog writes in the log, closed incidents included: a crime reference or
// a refund often comes after the incident was closed.
func (s *breachScreen) askLog() tea.Cmd {
	f := s.fields
	f.text = ""
	fields := described(s.sh, huh.NewInput().Title("Write in the log").Value(&f.text).CharLimit(500).Validate(required("what to write")),
		"Write in the log", "Anything worth keeping, such as a call with your provider. It is saved with the time.")
	return s.newForm(func() tea.Cmd {
		return s.save(core.LogLine(strings.TrimSpace(f.text), s.sh.now()))
	}, fields...)
}

// askSign keeps something that made the owner suspect a hack, such as
// calls on the bill nobody made; the report starts with them.
func (s *breachScreen) askSign() tea.Cmd {
	f := s.fields
	f.text = ""
	fields := described(s.sh, huh.NewInput().Title("What did you notice?").Value(&f.text).CharLimit(500).Validate(required("what you noticed")),
		"What did you notice?", "Such as calls on the bill nobody made, a changed greeting, or the system in another language.")
	return s.newForm(func() tea.Cmd {
		return s.apply(core.AddSign(strings.TrimSpace(f.text)))
	}, fields...)
}

func (s *breachScreen) askCalls() tea.Cmd {
	if s.readOnly {
		return nil
	}
	f := s.fields
	f.text = ""
	connected := s.site.Connector.Kind != "" && s.site.Connector.Kind != "csv"
	desc := "A CSV export of call records from your phone system or your provider's portal: 3CX, FreePBX or Asterisk, or Yeastar.\nType the file's path, or drag the file here."
	in := huh.NewInput().Title("Call records").Value(&f.text)
	if connected {
		desc += "\nLeave it empty to read the phone system's own call history (Ringfence only reads it)."
	} else {
		in = in.Validate(required("the path of the file"))
	}
	return s.newForm(func() tea.Cmd {
		ctx, tick := s.op.start(s.sh.ctx, "Reading the call records…")
		path := strings.TrimSpace(f.text)
		if path != "" {
			path = cleanPath(path)
		}
		return tea.Batch(tick, readIncidentCalls(ctx, s.op.id, s.sh, s.site, path))
	}, described(s.sh, in, "Call records", desc)...)
}

func (s *breachScreen) askExport() tea.Cmd {
	f := s.fields
	f.folder, f.formats = ".", []string{"pdf", "json"}
	fields := []huh.Field{huh.NewMultiSelect[string]().Title("Which files?").Description("Space to tick or untick, enter to go on.").
		Options(huh.NewOption("PDF (for you and your insurer)", "pdf").Selected(true), huh.NewOption("JSON (the record, for other tools)", "json").Selected(true)).
		Height(4).Value(&f.formats).Validate(func(v []string) error {
		if len(v) == 0 {
			return fmt.Errorf("Tick at least one.")
		}
		return nil
	})}
	fields = append(fields, described(s.sh, huh.NewInput().Title("Folder").Value(&f.folder).Validate(required("a folder")),
		"Folder", "Where to write them. A dot means the folder you started Ringfence in.")...)
	return s.newForm(func() tea.Cmd {
		ctx, tick := s.op.start(s.sh.ctx, "Writing the incident report…")
		paper := s.site.Export.Paper
		formats := slices.Clone(f.formats)
		return tea.Batch(tick, exportIncident(ctx, s.op.id, s.site, cloneIncident(s.inc), formats, cleanPath(f.folder), paper, s.sh.now()))
	}, fields...)
}

func (s *breachScreen) askClose() tea.Cmd {
	f := s.fields
	f.report = false
	return s.newForm(func() tea.Cmd {
		if !f.report {
			return nil
		}
		cmd := s.apply(core.CloseIncident(s.sh.now()))
		s.readOnly = true
		return tea.Batch(cmd, notice("The incident is closed. You can still read it, add notes with w, and export its report."))
	}, readFirst(s.sh, "Close this incident?", closeMeaning, huh.NewConfirm().Title("Close this incident?").
		Description(closeMeaning).
		Affirmative("Close it").Negative("Not yet").Value(&f.report))...)
}

const closeMeaning = "Close it once the calls have stopped and the steps are done. You can still read it, add notes and export its report."

// askFraudDesk saves the provider's fraud desk with the site, so the first
// step names it now and next time.
func (s *breachScreen) askFraudDesk() tea.Cmd {
	f := s.fields
	f.text = s.site.FraudDesk.String()
	fields := described(s.sh, huh.NewInput().Title("Your phone provider's fraud desk").Value(&f.text).CharLimit(130).
		Validate(func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("Please enter the name and number, such as Acme Telecom fraud team, 0800 123 4567.")
			}
			_, err := checklist.ParseFraudDesk(v)
			return err
		}),
		"Your phone provider's fraud desk", "Who to call, a comma, then the number, such as Acme Telecom fraud team, 0800 123 4567. It is on your bill or your provider's website.")
	return s.newForm(func() tea.Cmd {
		d, err := checklist.ParseFraudDesk(f.text)
		if err != nil {
			return problem(err)
		}
		return saveFraudDesk(s.sh.opts.Store, s.site.Name, d)
	}, fields...)
}

// mouse moves the cursor with the wheel, or to the row clicked.
func (s *breachScreen) mouse(m mouseMsg) {
	n := len(s.rows())
	switch m.kind {
	case wheelUp:
		s.cursor = max(s.cursor-1, 0)
	case wheelDown:
		s.cursor = min(s.cursor+1, n-1)
	case click:
		y := m.y - s.topLines + s.offset
		for i := range s.rowStart {
			if y >= s.rowStart[i] && y < s.rowEnd[i] {
				s.cursor, s.follow = i, true
				return
			}
		}
	}
}

// writtenNote says where the report went.
func writtenNote(paths []string) string {
	return "Written: " + strings.Join(paths, ", ") + ". It names your phone system's weak spots: share it only with people who need it."
}
