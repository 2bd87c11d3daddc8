package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/ringfence/ringfence/checklist"
)

// saveDemo turns the demo company's in-memory audit into a saved site, for a
// trainer who wants to keep what a workshop did.
type saveDemo struct {
	sh   *shared
	name *string
	form *formHost
}

func newSaveDemo(sh *shared) (*saveDemo, tea.Cmd) {
	d := &saveDemo{sh: sh, name: new(string)}
	*d.name = sh.sess.audit.Site + " (practice)"
	var cmd tea.Cmd
	d.form, cmd = newFormHost(sh, 70, huh.NewGroup(described(sh,
		huh.NewInput().Title("Save the demo audit as a new site").Value(d.name).Validate(required("a name")),
		"Save the demo audit as a new site", "Pick a name. The demo company itself stays as it was.")...))
	return d, cmd
}

func (d *saveDemo) Title() string { return "Save the demo" }
func (d *saveDemo) Typing() bool  { return true }
func (d *saveDemo) Keys() []key.Binding {
	return append(d.form.Keys(), d.sh.keys.Back)
}

func (d *saveDemo) Update(msg tea.Msg) (screen, tea.Cmd) {
	if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, d.sh.keys.Back) {
		return d, pop
	}
	state, cmd := d.form.Update(msg)
	switch state {
	case formAborted:
		return d, pop
	case formSubmitted:
		return d, d.save()
	}
	return d, cmd
}

// save creates the site, claims it and writes the audit under its new name,
// then reopens the audit as that site's.
func (d *saveDemo) save() tea.Cmd {
	store, now := d.sh.opts.Store, d.sh.now()
	a := snapshot(d.sh.sess.audit)
	name := strings.TrimSpace(*d.name)
	return func() tea.Msg {
		site := checklist.Site{Schema: checklist.SiteSchema, Name: name, Created: now}
		if err := store.CreateSite(site); err != nil {
			return noticeMsg{text: plainError(err), bad: true}
		}
		claim, err := store.Claim(name)
		if err != nil {
			return noticeMsg{text: plainError(err), bad: true}
		}
		var saved checklist.Site
		a, err := store.StartAudit(name, func(site checklist.Site, _ *checklist.Audit) (*checklist.Audit, error) {
			saved = site
			a.Site, a.Demo = site.Name, false
			return a, nil
		})
		if err != nil {
			_ = claim.Release()
			return noticeMsg{text: plainError(err), bad: true}
		}
		return sessionMsg{sess: &session{audit: a, site: &saved, claim: claim}}
	}
}

func (d *saveDemo) View(width, height int) string { return d.form.View() }
