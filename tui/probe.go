package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/sipprobe"
)

// probeScreen checks what the network sees of a saved site's phone system:
// it asks for the address and where this computer is, says exactly what will
// be sent and asks again, then probes in the background and records the
// result against the site's latest audit.
type probeScreen struct {
	sh     *shared
	site   string
	form   *formHost
	host   *string
	from   *string
	send   *bool
	target sipprobe.Target
	asking bool // the form on screen is the confirmation
	op     operation
	result *probeDoneMsg
	failed string
	doc    scrollDoc
	width  int
}

type probeDoneMsg struct {
	op     int
	res    sipprobe.Result
	audit  *checklist.Audit
	err    error // the probe could not run
	record error // the probe ran but could not be saved
}

const (
	fromInside  = "inside"
	fromOutside = "outside"
	fromUnsure  = "unsure"
)

func newProbeScreen(sh *shared, site string) (*probeScreen, tea.Cmd) {
	s := &probeScreen{sh: sh, site: site, host: new(string), from: new(string), send: new(bool), op: newOperation(), width: minWidth - 2}
	*s.from = fromUnsure
	return s, s.askHost()
}

func (s *probeScreen) askHost() tea.Cmd {
	s.asking = false
	fields := described(s.sh, huh.NewInput().Title("Phone system's address").Value(s.host).Validate(func(v string) error {
		_, err := sipprobe.ParseTarget(v, 0)
		return err
	}), "Phone system's address", "The name or address of your phone system as the internet knows it, such as pbx.example.co.uk or 203.0.113.10. Add :PORT if it uses another SIP port than 5060. One system only: never a range or a list.")
	const where = "From inside the office you see what the office sees. To see what the internet sees, run this from outside, for example on a mobile hotspot."
	fields = append(fields, readFirst(s.sh, "Where is this computer now?", where, huh.NewSelect[string]().Title("Where is this computer now?").
		Description(where).
		Options(
			huh.NewOption("Inside the office network", fromInside),
			huh.NewOption("Outside it (a mobile hotspot, home, another site)", fromOutside),
			huh.NewOption("Not sure", fromUnsure),
		).Value(s.from))...)
	var cmd tea.Cmd
	s.form, cmd = newFormHost(s.sh, 70, huh.NewGroup(fields...))
	return cmd
}

func (s *probeScreen) askToGo() tea.Cmd {
	s.asking = true
	*s.send = false
	sends := sipprobe.Sends(s.target, s.config())
	confirm := huh.NewConfirm().Title("Send these requests now?").
		Description(sends).
		Affirmative("Send").Negative("Cancel").Value(s.send)
	var cmd tea.Cmd
	s.form, cmd = newFormHost(s.sh, 70, huh.NewGroup(readFirst(s.sh, "What the probe sends", sends, confirm)...))
	return cmd
}

func (s *probeScreen) config() sipprobe.Config {
	cfg := s.sh.opts.Probe
	cfg.Now = s.sh.opts.Now
	switch *s.from {
	case fromInside:
		cfg.From = inventory.VantageInside
	case fromOutside:
		cfg.From = inventory.VantageOutside
	default:
		cfg.From = inventory.VantageUnsaid
	}
	return cfg
}

// probe runs in the background and saves the result with the site's latest
// audit there too, so Update never touches the network or the disk.
func (s *probeScreen) probe() tea.Cmd {
	ctx, tick := s.op.start(s.sh.ctx, "Probing "+s.target.Host+"…")
	id, target, cfg, report := s.op.id, s.target, s.config(), s.op.reporter()
	cfg.Progress = func(step string) { report(connectors.Progress{Step: step}) }
	store, cat, site, now := s.sh.opts.Store, s.sh.opts.Catalogue, s.site, s.sh.now()
	s.failed, s.result = "", nil
	work := func() tea.Msg {
		res, err := sipprobe.Run(ctx, target, cfg)
		if err != nil {
			return probeDoneMsg{op: id, err: err}
		}
		if ctx.Err() != nil {
			// Stopped by the person: what it found so far is not kept.
			return probeDoneMsg{op: id, err: ctx.Err()}
		}
		a, rerr := core.RecordProbe(store, cat, site, res.Exposure, now)
		return probeDoneMsg{op: id, res: res, audit: a, record: rerr}
	}
	return tea.Batch(tick, work)
}

func (s *probeScreen) Title() string { return "What the internet sees" }
func (s *probeScreen) Typing() bool  { return s.form != nil }

func (s *probeScreen) Keys() []key.Binding {
	k := s.sh.keys
	switch {
	case s.op.running:
		return []key.Binding{k.Cancel}
	case s.form != nil:
		return append(s.form.Keys(), k.Back)
	}
	again := k.Retry
	again.SetHelp("t", "probe again")
	if s.result == nil {
		return []key.Binding{again, k.Back}
	}
	return []key.Binding{k.Up, k.Down, again, k.PageDown, k.Back}
}

func (s *probeScreen) MoreKeys() []key.Binding {
	if s.op.running || s.form != nil || s.result == nil {
		return nil
	}
	k := s.sh.keys
	return []key.Binding{k.PageUp, k.Top, k.Bottom}
}

func (s *probeScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.sh.keys
	switch msg := msg.(type) {
	case mouseMsg:
		if s.form == nil && s.result != nil {
			s.doc.Mouse(msg)
		}
		return s, nil
	case probeDoneMsg:
		if !s.op.owns(msg.op) {
			return s, nil
		}
		s.op.stop()
		return s, s.done(msg)
	case tea.KeyPressMsg:
		if s.op.running {
			if key.Matches(msg, k.Cancel) {
				s.op.stop()
				s.failed = "You stopped the probe. Nothing was recorded."
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
		case key.Matches(msg, k.Retry):
			return s, s.askHost()
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
		if !s.asking {
			t, err := sipprobe.ParseTarget(*s.host, 0)
			if err != nil { // the form has checked it; kept for safety
				s.failed = plainError(err)
				return s, nil
			}
			s.target = t
			return s, s.askToGo()
		}
		if !*s.send {
			s.failed = "Nothing was sent."
			return s, nil
		}
		return s, s.probe()
	}
	return s, cmd
}

func (s *probeScreen) closeForm() tea.Cmd {
	s.form = nil
	if s.result == nil && s.failed == "" {
		return pop
	}
	return nil
}

func (s *probeScreen) done(msg probeDoneMsg) tea.Cmd {
	if msg.err != nil {
		s.failed = plainError(msg.err)
		return nil
	}
	s.result = &msg
	s.doc.set(s.resultLines(s.width))
	s.doc.top()
	if msg.record != nil {
		s.failed = "The probe ran, but could not be saved with the audit. " + plainError(msg.record)
		return nil
	}
	return notice("Saved with the latest audit of " + safetext.Line(s.site) + ".")
}

func (s *probeScreen) View(width, height int) string {
	if s.sh.opts.Accessible {
		return s.accessibleView(width, height)
	}
	return s.drawnView(width, height)
}

func (s *probeScreen) drawnView(width, height int) string {
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
		return s.op.View(st) + "\n\n" + wrap(fmt.Sprintf("This takes at most %d seconds.", int(sipprobe.WorstCase(s.config()).Seconds()+0.5)), width)
	case s.result == nil:
		var b strings.Builder
		if s.failed != "" {
			b.WriteString(st.errorText.Render(wrap(safetext.Text(s.failed), width)) + "\n\n")
		}
		b.WriteString("  t      probe again\n  esc    go back")
		return b.String()
	}
	out := s.doc.View(st, width, height)
	if s.failed != "" {
		out = st.errorText.Render(wrap(safetext.Text(s.failed), width)) + "\n" + out
	}
	return out
}

// resultLines lays out what the probe found, with whose view it is first,
// then what it means for the audit's network checks.
func (s *probeScreen) resultLines(width int) []string {
	st := s.sh.st
	r := s.result
	var out []string
	for i, line := range r.res.Report() {
		text := safetext.Line(line)
		indent := text[:len(text)-len(strings.TrimLeft(text, " "))]
		rest := indent
		if indent != "" {
			rest += "  "
		}
		lines := wrapIndent(strings.TrimLeft(text, " "), width, indent, rest)
		switch {
		case i == 1: // whose view this is: the line that must not be missed
			for j := range lines {
				lines[j] = st.warnText.Render(lines[j])
			}
		case strings.HasSuffix(text, ":") && indent == "":
			lines = []string{st.heading.Render(text)}
		case strings.Contains(text, "OPEN:") || strings.Contains(text, "not valid") || strings.Contains(text, "known security flaw"):
			lines[0] = st.fail.Render(lines[0])
		}
		out = append(out, lines...)
	}
	if r.audit == nil {
		return out
	}
	out = append(out, "", st.heading.Render("In the audit:"))
	for _, res := range r.audit.Results {
		if res.CheckID != "NW-01" && res.CheckID != "NW-06" {
			continue
		}
		head := fmt.Sprintf("%s %s %s", statusWord(res.Status), res.CheckID, safetext.Line(res.Title))
		out = append(out, wrapIndent(head, width, "  ", "    ")...)
		out = append(out, wrapIndent(safetext.Line(res.Evidence), width, "    ", "    ")...)
	}
	return out
}

func (s *probeScreen) accessibleView(width, height int) string {
	switch {
	case s.form != nil:
		return s.form.View()
	case s.op.running:
		return opSaid(s.op) + " Press Escape to cancel."
	case s.result == nil:
		out := ""
		if s.failed != "" {
			out = "Problem: " + safetext.Text(s.failed) + "\n"
		}
		return out + "Press t to probe again, or Escape to go back."
	}
	return plainMarks(s.drawnView(width, height))
}
