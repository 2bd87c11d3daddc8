package tui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/connectors/httpx"
)

// certQuestion is a certificate the user has to rule on: one nobody vouches
// for (pinned is empty), or one that differs from the one they trusted.
type certQuestion struct {
	host, presented, pinned string
}

// certProblem reports whether a connection failed on a certificate only the
// user can vouch for.
func certProblem(err error) (certQuestion, bool) {
	var untrusted *httpx.UntrustedCertError
	var changed *httpx.ChangedCertError
	switch {
	case errors.As(err, &untrusted):
		return certQuestion{host: untrusted.Host, presented: untrusted.SHA256}, true
	case errors.As(err, &changed):
		return certQuestion{host: changed.Host, presented: changed.Presented, pinned: changed.Pinned}, true
	}
	return certQuestion{}, false
}

// certDecidedMsg carries the user's ruling back to the screen that asked:
// pin is nil when they chose not to trust the certificate.
type certDecidedMsg struct{ pin *checklist.PinnedCert }

// certTrust shows a certificate's fingerprint and asks whether to trust it.
// TLS stays verified: trusting pins this one certificate for this host.
type certTrust struct {
	sh     *shared
	q      certQuestion
	choice *string
	form   *formHost
}

const (
	trustIt  = "trust"
	refuseIt = "cancel"
)

func newCertTrust(sh *shared, q certQuestion) (*certTrust, tea.Cmd) {
	c := &certTrust{sh: sh, q: q, choice: new(string)}
	var title, desc string
	var opts []huh.Option[string]
	if q.pinned == "" {
		title = "Ringfence does not recognise " + safetext.Line(q.host) + "'s certificate"
		desc = "No authority this computer trusts has signed it. Phone systems often make their own, so this can be normal.\n\n" +
			"Its fingerprint:\n" + fingerprintLines(q.presented) + "\n\n" +
			"Compare it with the certificate shown on the phone system's own admin page, or ask whoever set it up. Trust it only if every pair matches."
		opts = []huh.Option[string]{huh.NewOption("Trust this certificate", trustIt), huh.NewOption("Cancel", refuseIt)}
	} else {
		title = "Warning: " + safetext.Line(q.host) + "'s certificate has changed"
		desc = "It is not the one you trusted before. That happens when the certificate is renewed, but it can also mean someone is intercepting the connection to read what passes over it.\n\n" +
			"You trusted:\n" + fingerprintLines(q.pinned) + "\n" +
			"It now shows:\n" + fingerprintLines(q.presented) + "\n\n" +
			"Check the new fingerprint on the phone system's own admin page, or with whoever looks after it, before you trust it."
		opts = []huh.Option[string]{huh.NewOption("Cancel: do not connect", refuseIt), huh.NewOption("Trust the new certificate", trustIt)}
	}
	var cmd tea.Cmd
	c.form, cmd = newFormHost(sh, 70, huh.NewGroup(
		huh.NewNote().Title(title).Description(desc),
		huh.NewSelect[string]().Title("What should Ringfence do?").Options(opts...).Value(c.choice),
	))
	return c, cmd
}

// fingerprintLines writes a fingerprint as two indented rows of pairs, so it
// can be compared by eye in a narrow window.
func fingerprintLines(sum string) string {
	pairs := strings.Split(httpx.Fingerprint(sum), ":")
	half := (len(pairs) + 1) / 2
	return "  " + strings.Join(pairs[:half], ":") + "\n  " + strings.Join(pairs[half:], ":")
}

func (c *certTrust) Title() string { return "Certificate" }
func (c *certTrust) Typing() bool  { return false }
func (c *certTrust) Keys() []key.Binding {
	return append(c.form.Keys(), c.sh.keys.Back)
}

func (c *certTrust) Update(msg tea.Msg) (screen, tea.Cmd) {
	if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, c.sh.keys.Back) {
		return c, c.decide(false)
	}
	state, cmd := c.form.Update(msg)
	switch state {
	case formAborted:
		return c, c.decide(false)
	case formSubmitted:
		return c, c.decide(*c.choice == trustIt)
	}
	return c, cmd
}

// decide closes the question and tells the screen underneath.
func (c *certTrust) decide(trust bool) tea.Cmd {
	var msg certDecidedMsg
	if trust {
		msg.pin = &checklist.PinnedCert{Host: c.q.host, SHA256: strings.ToLower(c.q.presented), ConfirmedAt: c.sh.now()}
	}
	return tea.Sequence(pop, func() tea.Msg { return msg })
}

func (c *certTrust) View(width, height int) string { return c.form.View() }

// withPin returns pins with p in place of any earlier pin for its host.
func withPin(pins []checklist.PinnedCert, p checklist.PinnedCert) []checklist.PinnedCert {
	out := make([]checklist.PinnedCert, 0, len(pins)+1)
	for _, old := range pins {
		if !strings.EqualFold(old.Host, p.Host) {
			out = append(out, old)
		}
	}
	return append(out, p)
}
