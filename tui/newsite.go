package tui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
)

// connectTimeout bounds a connection test, so that a phone system that never
// answers cannot leave the user waiting.
const connectTimeout = 30 * time.Second

// siteDraft holds what the new-site forms fill in. The forms write through
// pointers, so it lives on the heap.
type siteDraft struct {
	name, contact, kind string
	values              map[string]*string
}

type newSiteStep int

const (
	stepDetails newSiteStep = iota
	stepSettings
	stepTesting
	stepFailed
	stepCreating
)

// newSite adds a site: its name and contact, then where its facts come from.
type newSite struct {
	sh     *shared
	ctx    context.Context
	step   newSiteStep
	draft  *siteDraft
	form   *formHost
	op     operation
	failed string
	kind   connectors.Kind
	pins   []checklist.PinnedCert // certificates the user trusted while adding the site
	// refused is set when the user would not trust the certificate, so the
	// advice is about the certificate rather than the settings.
	refused bool
	// guide holds the connector's set-up steps above its settings, in a
	// document of its own so that a small window can page through it while
	// the form keeps the keys.
	guide     viewport.Model
	guideText string
	// existing is the saved site whose source is being changed; nil when
	// adding a site. Its name, contact and history stay as they are.
	existing *checklist.Site
}

type (
	siteRefusedMsg struct {
		op  int
		err error
	}
	siteCreatedMsg struct {
		op     int
		name   string
		secret string // kept for this run when the keyring could not take it
		note   string
	}
)

func newSiteScreen(sh *shared, ctx context.Context) (*newSite, tea.Cmd) {
	s := &newSite{sh: sh, ctx: ctx, draft: &siteDraft{values: map[string]*string{}}, op: newOperation()}
	return s, s.detailsForm()
}

// newSourceScreen changes where a saved site's facts come from (file,
// connector, address, client ID, secret) without making a new site. The
// current settings are filled in; the secret is asked again, as it is never
// read back out of the keyring into a form.
func newSourceScreen(sh *shared, ctx context.Context, site checklist.Site) (*newSite, tea.Cmd) {
	s := &newSite{sh: sh, ctx: ctx, op: newOperation(), existing: &site, pins: site.Pins,
		draft: &siteDraft{name: site.Name, contact: site.Contact, kind: site.Connector.Kind, values: map[string]*string{}}}
	for k, v := range map[string]string{connectors.KeyURL: site.Connector.URL, connectors.KeyClientID: site.Connector.ClientID, connectors.KeyFile: site.Connector.File} {
		s.draft.values[k] = &v
	}
	for k, v := range site.Connector.Options {
		s.draft.values[k] = &v
	}
	return s, s.detailsForm()
}

func (s *newSite) Title() string {
	if s.existing != nil {
		return "Change source"
	}
	return "New site"
}
func (s *newSite) Typing() bool { return s.step == stepDetails || s.step == stepSettings }
func (s *newSite) Keys() []key.Binding {
	k := s.sh.keys
	switch s.step {
	case stepTesting, stepCreating:
		return []key.Binding{k.Cancel}
	case stepFailed:
		return []key.Binding{k.Retry, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "change settings")), k.Audit, k.Back}
	}
	var form []key.Binding
	if s.form != nil {
		form = s.form.Keys()
	}
	if s.step == stepSettings && s.guideText != "" && s.guide.TotalLineCount() > s.guide.Height() {
		form = append([]key.Binding{key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup/pgdn", "read the set-up steps"))}, form...)
	}
	return append(form, k.Back)
}

func (s *newSite) detailsForm() tea.Cmd {
	d := s.draft
	opts := []huh.Option[string]{huh.NewOption("No API: I'll answer the questions myself", "")}
	for _, k := range s.sh.opts.Connectors.Sorted() {
		opts = append(opts, huh.NewOption(k.Title, k.Name))
	}
	var cmd tea.Cmd
	if s.existing != nil {
		title := "Where should Ringfence get the facts for " + safetext.Line(s.existing.Name) + "?"
		const keeps = "The site keeps its name, audits and answers. The next audit reads the new source."
		s.form, cmd = newFormHost(s.sh, 70, huh.NewGroup(readFirst(s.sh, title, keeps, huh.NewSelect[string]().
			Title(title).Description(keeps).Options(opts...).Value(&d.kind))...))
		s.step = stepDetails
		return cmd
	}
	fields := described(s.sh, huh.NewInput().Title("Site name").Value(&d.name).Validate(required("a site name")),
		"Site name", "The business or office you are auditing.")
	fields = append(fields, described(s.sh, huh.NewInput().Title("Contact (optional)").Value(&d.contact),
		"Contact (optional)", "Who to talk to there: a name, phone or email.")...)
	const source = "An API lets it read extensions, phones and settings for you. Without one you answer every question."
	fields = append(fields, readFirst(s.sh, "Where should Ringfence get its facts?", source, huh.NewSelect[string]().
		Title("Where should Ringfence get its facts?").Description(source).Options(opts...).Value(&d.kind))...)
	s.form, cmd = newFormHost(s.sh, 70, huh.NewGroup(fields...))
	s.step = stepDetails
	return cmd
}

func (s *newSite) settingsForm() tea.Cmd {
	guide := "Give Ringfence read-only access: " + s.kind.LeastPrivilege
	var fields []huh.Field
	if s.sh.opts.Accessible {
		fields = append(fields, huh.NewNote().Title(s.kind.Title).Description(guide))
	} else {
		s.guide, s.guideText = newDocument(s.sh.keys), guide
	}
	for _, f := range s.kind.Settings {
		if f.Advanced {
			continue
		}
		v := s.draft.values[f.Key]
		if v == nil {
			v = new(string)
			s.draft.values[f.Key] = v
		}
		in := huh.NewInput().Title(f.Label).Value(v)
		help := f.Help
		if f.Type == connectors.Secret {
			in = in.EchoMode(huh.EchoModePassword)
			help += " Kept in your system keyring, never in a file."
		}
		// The schema that checks the command line's flags checks the form.
		in = in.Validate(func(v string) error {
			if f.Required {
				if err := required(strings.ToLower(f.Label))(v); err != nil {
					return err
				}
			}
			return f.Check(v)
		})
		fields = append(fields, described(s.sh, in, f.Label, help)...)
	}
	var cmd tea.Cmd
	s.form, cmd = newFormHost(s.sh, 70, huh.NewGroup(fields...))
	s.step = stepSettings
	return cmd
}

func required(what string) func(string) error {
	return func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("Please enter " + what + ".")
		}
		return nil
	}
}

// site builds the site record from the draft. The secret is returned apart
// and never enters the record.
func (s *newSite) site() (checklist.Site, string) {
	d := s.draft
	site := checklist.Site{Schema: checklist.SiteSchema, Name: strings.TrimSpace(d.name), Contact: strings.TrimSpace(d.contact), Created: s.sh.now(), Pins: s.pins}
	if s.existing != nil {
		site = *s.existing
		site.Connector, site.Pins = checklist.ConnectorSettings{}, s.pins
	}
	var secret string
	if d.kind == "" {
		return site, ""
	}
	values := map[string]string{}
	for k, v := range d.values {
		values[k] = *v
	}
	site.Connector, secret = s.kind.FromValues(values)
	return site, secret
}

// testConnection reads the phone system with the draft's settings and, once
// that works, saves the new site through the core, which refuses a name
// already taken (also one another Ringfence saved during the test).
func (s *newSite) testConnection() tea.Cmd {
	kind, reg, keys := s.kind, s.sh.opts.Connectors, s.sh.opts.Secrets
	ctx, tick := s.op.start(s.ctx, "Connecting to "+kind.Title+"…")
	progress := s.op.reporter()
	s.step, s.refused = stepTesting, false
	return tea.Batch(tick, s.save(ctx, func(ctx context.Context, site checklist.Site, secret string) error {
		ctx, cancel := context.WithTimeout(ctx, connectTimeout)
		defer cancel()
		sec := connectors.Secrets{ThisRun: secret, Keyring: keys}
		if secret == "" && kind.SecretOptional() {
			// Left empty on purpose: a password saved earlier must not be
			// tried in its place, as the command line does not.
			sec.Keyring = nil
		}
		return connectors.Try(ctx, reg, site, sec, progress)
	}))
}

// create saves a site with nothing to read yet.
func (s *newSite) create() tea.Cmd {
	site, _ := s.site()
	ctx, tick := s.op.start(s.ctx, "Saving "+site.Name+"…")
	s.step = stepCreating
	return tea.Batch(tick, s.save(ctx, nil))
}

// save creates the site through core.Connect after test (if any) passes,
// then keeps the secret. When the keyring cannot take the secret it is kept
// in memory for this run, and the user is told. A refusal to save (most
// often: the name is taken) comes back as siteRefusedMsg, apart from a
// failed test, since the name is what the user must change.
func (s *newSite) save(ctx context.Context, test func(context.Context, checklist.Site, string) error) tea.Cmd {
	site, secret := s.site()
	store, keys, id, reconnect := s.sh.opts.Store, s.sh.opts.Secrets, s.op.id, s.existing != nil
	optional := s.kind.SecretOptional()
	return func() tea.Msg {
		if f := site.Connector.File; f != "" {
			// Saved in full, so the next audit finds it from any folder.
			abs, err := filepath.Abs(f)
			if err != nil {
				return siteRefusedMsg{op: id, err: fmt.Errorf("Could not work out the full path of %s: %w", f, err)}
			}
			site.Connector.File = abs
		}
		tested := test == nil
		var try func(context.Context) error
		if test != nil {
			try = func(ctx context.Context) error {
				err := test(ctx, site, secret)
				tested = err == nil
				return err
			}
		}
		if err := core.Connect(ctx, store, site, !reconnect, try); err != nil {
			if tested || errors.Is(err, sitestore.ErrSiteExists) {
				return siteRefusedMsg{op: id, err: err}
			}
			return opFailedMsg{op: id, err: err}
		}
		msg := siteCreatedMsg{op: id, name: site.Name}
		if secret == "" && optional {
			// Connected without one: a password saved earlier must not be
			// sent from now on. No keyring means nothing was saved there.
			_ = keys.Delete(site.Name, site.Connector.Kind)
		}
		if secret != "" {
			if err := keys.Set(site.Name, site.Connector.Kind, secret); err != nil {
				msg.secret = secret
				msg.note = "Your system keyring cannot be reached, so the secret is kept for this run only. You will be asked for it next time."
			}
		}
		return msg
	}
}

func (s *newSite) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.sh.keys
	if s.step == stepSettings && s.guideText != "" {
		switch m := msg.(type) {
		case mouseMsg:
			wheelDocument(&s.guide, m)
			return s, nil
		case tea.KeyPressMsg:
			if key.Matches(m, k.PageUp, k.PageDown) {
				scrollDocument(&s.guide, m, k)
				return s, nil
			}
		}
	}
	switch msg := msg.(type) {
	case siteRefusedMsg:
		if !s.op.owns(msg.op) {
			return s, nil
		}
		s.op.stop()
		s.step = stepDetails
		cmd := s.detailsForm()
		return s, tea.Batch(cmd, problem(msg.err))
	case siteCreatedMsg:
		if !s.op.owns(msg.op) {
			return s, nil
		}
		s.op.stop()
		name, secret, note := msg.name, msg.secret, msg.note
		open := func() tea.Msg { return siteOpenMsg{name: name, secret: secret} }
		if note != "" {
			return s, tea.Sequence(pop, open, notice(note))
		}
		return s, tea.Sequence(pop, open)
	case opFailedMsg:
		if !s.op.owns(msg.op) {
			return s, nil
		}
		s.op.stop()
		s.step = stepFailed
		s.failed = plainError(msg.err)
		if q, ok := certProblem(msg.err); ok {
			// Only the user can vouch for the certificate: ask, then test again.
			c, cmd := newCertTrust(s.sh, q)
			return s, tea.Sequence(push(c), cmd)
		}
		return s, nil
	case certDecidedMsg:
		if msg.pin == nil {
			s.failed, s.refused = "You did not trust the phone system's certificate, so Ringfence did not connect to it.", true
			return s, nil
		}
		s.pins = withPin(s.pins, *msg.pin)
		return s, s.testConnection()
	case tea.KeyPressMsg:
		switch s.step {
		case stepTesting, stepCreating:
			if key.Matches(msg, k.Cancel) {
				s.op.stop()
				if s.step == stepCreating {
					return s, pop
				}
				s.step = stepFailed
				s.failed = "You stopped the connection test."
			}
			return s, nil
		case stepFailed:
			switch {
			case key.Matches(msg, k.Retry):
				return s, s.testConnection()
			case key.Matches(msg, k.Enter):
				return s, s.settingsForm()
			case key.Matches(msg, k.Audit):
				s.draft.kind = ""
				return s, s.create()
			case key.Matches(msg, k.Back):
				return s, pop
			}
			return s, nil
		}
		if key.Matches(msg, k.Back) {
			if s.step == stepSettings {
				return s, s.detailsForm()
			}
			return s, pop
		}
	}
	if s.step != stepDetails && s.step != stepSettings {
		return s, s.op.Update(msg)
	}
	state, cmd := s.form.Update(msg)
	switch state {
	case formAborted:
		return s, pop
	case formSubmitted:
		if s.step == stepDetails {
			if s.draft.kind == "" {
				return s, s.create()
			}
			s.kind, _ = s.sh.opts.Connectors.Lookup(s.draft.kind)
			return s, s.settingsForm()
		}
		return s, s.testConnection()
	}
	return s, cmd
}

func (s *newSite) View(width, height int) string {
	if s.sh.opts.Accessible {
		return s.accessibleView(width, height)
	}
	return s.drawnView(width, height)
}

func (s *newSite) drawnView(width, height int) string {
	st := s.sh.st
	switch s.step {
	case stepTesting, stepCreating:
		return s.op.View(st)
	case stepFailed:
		advice := "Check the address and the credentials, and that this computer can reach the phone system (try its web page in a browser). Then:"
		if s.refused {
			advice = "When you have checked the fingerprint on the phone system itself, try again. Or:"
		}
		return st.errorText.Render("Ringfence could not read "+s.kind.Title+".") + "\n\n" +
			wrap(s.failed, width) + "\n\n" +
			wrap(advice, width) + "\n\n" +
			"  t      try again\n  enter  change the settings\n  a      answer the questions yourself instead\n  esc    go back"
	}
	if s.step == stepSettings && s.guideText != "" {
		return s.settingsView(width, height)
	}
	return s.form.View()
}

// settingsView puts the set-up steps above the form in whatever room the
// form leaves, scrolled with page up and down, so none of them is out of
// reach in a small window.
func (s *newSite) settingsView(width, height int) string {
	st := s.sh.st
	lines := strings.Split(wrap(s.guideText, width), "\n")
	s.guide.SetContentLines(lines)
	form := s.form.View()
	room := max(height-lipgloss.Height(form)-2, 4)
	if room < len(lines) {
		// Not everything fits: the steps get a third of the space and the
		// form, which scrolls to its focused field, the rest.
		room = max(height/3, 4)
		s.form.fit(height - room - 2)
		form = s.form.View()
	}
	shown := min(len(lines), room)
	return st.bold.Render(s.kind.Title) + "\n" + viewDocument(&s.guide, st, width, shown, "pgup pgdn or the mouse wheel") + "\n" + form
}

// siteOpenMsg asks home to open a site that was just created.
type siteOpenMsg struct {
	name, secret string
}
