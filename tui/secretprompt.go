package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/ringfence/ringfence/connectors"
)

// secretPrompt asks for a connector secret the keyring could not supply. The
// secret is kept in memory for this run only.
type secretPrompt struct {
	sh     *shared
	reason string
	value  *string
	form   *formHost
	done   func(secret string) tea.Cmd
}

func newSecretPrompt(sh *shared, need needSecretMsg, done func(string) tea.Cmd) (*secretPrompt, tea.Cmd) {
	p := &secretPrompt{sh: sh, reason: need.reason, value: new(string), done: done}
	label := "Secret"
	if f, ok := need.kind.Setting(connectors.KeySecret); ok {
		label = f.Label
	}
	var cmd tea.Cmd
	p.form, cmd = newFormHost(sh, 70, huh.NewGroup(described(sh,
		huh.NewInput().Title(label).EchoMode(huh.EchoModePassword).Value(p.value).Validate(required("the secret")),
		label, need.reason)...))
	return p, cmd
}

func (p *secretPrompt) Title() string { return "Secret needed" }
func (p *secretPrompt) Typing() bool  { return true }
func (p *secretPrompt) Keys() []key.Binding {
	return append(p.form.Keys(), p.sh.keys.Back)
}

func (p *secretPrompt) Update(msg tea.Msg) (screen, tea.Cmd) {
	if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, p.sh.keys.Back) {
		return p, pop
	}
	state, cmd := p.form.Update(msg)
	switch state {
	case formAborted:
		return p, pop
	case formSubmitted:
		return p, p.done(*p.value)
	}
	return p, cmd
}

func (p *secretPrompt) View(width, height int) string { return p.form.View() }
