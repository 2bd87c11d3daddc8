package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/ringfence/ringfence/checklist/core"
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

// save keeps the demo audit as a new site's first audit through the core,
// which refuses a name already taken, then claims the site and reopens the
// audit as that site's.
func (d *saveDemo) save() tea.Cmd {
	store, now := d.sh.opts.Store, d.sh.now()
	a := snapshot(d.sh.sess.audit)
	name := *d.name
	return func() tea.Msg {
		site, a, err := core.SaveDemoAs(store, name, a, now)
		if err != nil {
			return noticeMsg{text: plainError(err), bad: true}
		}
		claim, err := store.Claim(site.Name)
		if err != nil {
			return noticeMsg{text: plainError(err), bad: true}
		}
		return sessionMsg{sess: &session{audit: a, site: &site, claim: claim}}
	}
}

func (d *saveDemo) View(width, height int) string { return d.form.View() }
