package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// breachPicker asks which site has the problem when breach mode is opened
// from home with no site chosen. An owner who has never audited has no site
// yet, so it offers to make one with just a name.
type breachPicker struct {
	sh      *shared
	sites   []sitestore.SiteSummary
	list    menu
	listTop int
	form    *formHost
	name    *string
}

func newBreachPicker(sh *shared, sites []sitestore.SiteSummary) (*breachPicker, tea.Cmd) {
	p := &breachPicker{sh: sh, sites: sites, name: new(string)}
	p.list.indent = 2
	for _, s := range sites {
		p.list.rows = append(p.list.rows, safetext.Line(s.Name))
	}
	p.list.rows = append(p.list.rows, "+ A site not saved yet")
	if len(sites) == 0 {
		return p, p.askName()
	}
	return p, nil
}

// stopFirst is the first step's actions, said before any question: they
// apply to any phone system, and every minute spent answering costs money.
func stopFirst() (head string, actions []string) {
	st := breach.StepsFor(checklist.Site{})[0]
	for _, a := range st.Actions {
		actions = append(actions, a.Text)
	}
	return st.Title + ", before anything else:", actions
}

func (p *breachPicker) askName() tea.Cmd {
	var cmd tea.Cmd
	fields := described(p.sh,
		huh.NewInput().Title("Your business's name").Value(p.name).CharLimit(100).Validate(required("a name")),
		"Your business's name", "Ringfence keeps what you record under this name. You can connect your phone system to it later.")
	if p.sh.opts.Accessible {
		// The prompt is read outside the app, so it must say what to do
		// first itself, before the question.
		head, actions := stopFirst()
		fields = append([]huh.Field{huh.NewNote().Title(head).Description(strings.Join(numberedPlain(actions), "\n"))}, fields...)
	}
	p.form, cmd = newFormHost(p.sh, 70, huh.NewGroup(fields...))
	return cmd
}

func numberedPlain(items []string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = fmt.Sprintf("%d. %s", i+1, it)
	}
	return out
}

// stopFirstLines draws stopFirst for the drawn screens.
func (p *breachPicker) stopFirstLines(width int) []string {
	head, actions := stopFirst()
	lines := []string{}
	for _, l := range wrapIndent(head, width, "", "") {
		lines = append(lines, p.sh.st.urgent.Render(l))
	}
	for i, a := range actions {
		lines = append(lines, wrapIndent(a, width, fmt.Sprintf("%d. ", i+1), "   ")...)
	}
	return lines
}

func (p *breachPicker) Title() string { return "Something has gone wrong" }
func (p *breachPicker) Typing() bool  { return p.form != nil }
func (p *breachPicker) Keys() []key.Binding {
	k := p.sh.keys
	if p.form != nil {
		return append(p.form.Keys(), k.Back)
	}
	return []key.Binding{k.Up, k.Down, k.Enter, k.Back}
}

func (p *breachPicker) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := p.sh.keys
	store, now := p.sh.opts.Store, p.sh.now()
	if p.form != nil {
		if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, k.Back) {
			return p.closeForm()
		}
		state, cmd := p.form.Update(msg)
		switch state {
		case formAborted:
			return p.closeForm()
		case formSubmitted:
			p.form = nil
			return p, createBreachSite(store, *p.name, now)
		}
		return p, cmd
	}
	switch msg := msg.(type) {
	case mouseMsg:
		p.list.Mouse(msg, msg.y-p.listTop)
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Back):
			return p, pop
		case key.Matches(msg, k.Enter) && p.list.cursor < len(p.sites):
			return p, openBreach(store, p.sites[p.list.cursor].Name, now)
		case key.Matches(msg, k.Enter):
			return p, p.askName()
		default:
			p.list.Update(msg, k, len(p.list.rows))
		}
	}
	return p, nil
}

func (p *breachPicker) closeForm() (screen, tea.Cmd) {
	p.form = nil
	if len(p.sites) == 0 {
		return p, pop
	}
	return p, nil
}

const pickerHead = "Which site has the problem? Pick it to keep a timed record and be walked through the rest."

func (p *breachPicker) View(width, height int) string {
	if p.form != nil {
		head := "Tell Ringfence your business's name to keep a timed record and be walked through the rest."
		if p.sh.opts.Accessible {
			return head + "\n" + p.form.View()
		}
		return strings.Join(p.stopFirstLines(width), "\n") + "\n\n" + wrap(head, width) + "\n\n" + p.form.View()
	}
	if p.sh.opts.Accessible {
		sh, actions := stopFirst()
		out := wrapLines(sh+" "+strings.Join(numberedPlain(actions), " "), width)
		out = append(out, wrapLines(pickerHead, width)...)
		out = append(out, wrapLines(selectedSaid(p.list.cursor, len(p.list.rows), strings.TrimPrefix(p.list.rows[p.list.cursor], "+ ")+"."), width)...)
		rows := make([]string, len(p.list.rows))
		for i, r := range p.list.rows {
			rows[i] = strings.TrimPrefix(r, "+ ") + "."
		}
		return strings.Join(append(out, numbered(rows, p.list.cursor, width, height-len(out))...), "\n")
	}
	head := strings.Join(p.stopFirstLines(width), "\n") + "\n\n" + wrap(pickerHead, width)
	p.listTop = strings.Count(head, "\n") + 2
	return head + "\n\n" + p.list.View(p.sh.st, width, height-p.listTop)
}

// incidentList lists a site's incidents, newest first: an open one to carry
// on with, a closed one to read, or a new one to start.
type incidentList struct {
	sh        *shared
	site      checklist.Site
	incidents []*breach.Incident
	list      menu
	listTop   int
}

func newIncidentList(sh *shared, msg incidentListMsg) *incidentList {
	l := &incidentList{sh: sh, site: msg.site, incidents: msg.incidents}
	l.list.indent = 4
	steps := breach.StepsFor(msg.site)
	for _, inc := range msg.incidents {
		row := fmt.Sprintf("Opened %s, open, at step %d of %d", clock(inc.Opened), min(inc.Current(steps)+1, len(steps)), len(steps))
		if !inc.Open() {
			row = fmt.Sprintf("Opened %s, closed %s (read it or add a note)", clock(inc.Opened), clock(inc.Closed))
		}
		l.list.rows = append(l.list.rows, row)
	}
	l.list.rows = append(l.list.rows, "+ Start a new incident")
	return l
}

func (l *incidentList) Title() string { return "Incidents at " + l.site.Name }
func (l *incidentList) Typing() bool  { return false }
func (l *incidentList) Keys() []key.Binding {
	k := l.sh.keys
	return []key.Binding{k.Up, k.Down, k.Enter, k.Back}
}

func (l *incidentList) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := l.sh.keys
	switch msg := msg.(type) {
	case mouseMsg:
		l.list.Mouse(msg, msg.y-l.listTop)
	case tea.KeyPressMsg:
		others := max(len(l.incidents)-1, 0)
		switch {
		case key.Matches(msg, k.Back):
			return l, pop
		case key.Matches(msg, k.Enter) && l.list.cursor < len(l.incidents):
			return l, openIncident(l.sh.opts.Store, l.site, l.incidents[l.list.cursor].ID, others)
		case key.Matches(msg, k.Enter):
			return l, startIncident(l.sh.opts.Store, l.site, len(l.incidents), l.sh.now())
		default:
			l.list.Update(msg, k, len(l.list.rows))
		}
	}
	return l, nil
}

const incidentsHead = "Each time something went wrong is kept as an incident. Open one to carry on with it or read it."

func (l *incidentList) View(width, height int) string {
	if l.sh.opts.Accessible {
		out := wrapLines(incidentsHead, width)
		out = append(out, wrapLines(selectedSaid(l.list.cursor, len(l.list.rows), strings.TrimPrefix(l.list.rows[l.list.cursor], "+ ")+"."), width)...)
		rows := make([]string, len(l.list.rows))
		for i, r := range l.list.rows {
			rows[i] = strings.TrimPrefix(r, "+ ") + "."
		}
		return strings.Join(append(out, numbered(rows, l.list.cursor, width, height-len(out))...), "\n")
	}
	head := wrap(incidentsHead, width)
	l.listTop = strings.Count(head, "\n") + 2
	return head + "\n\n" + l.list.View(l.sh.st, width, height-l.listTop)
}
