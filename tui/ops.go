package tui

import (
	"context"
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/demo"
)

// Messages that carry the results of background work back to Update.
type (
	sitesMsg struct {
		sites    []sitestore.SiteSummary
		problems []error
	}
	sessionMsg struct {
		sess  *session
		start checklist.Domain // area to open first; "" to work it out
	}
	opFailedMsg struct {
		op  int
		err error
	}
	// savedMsg reports a save: the audit or site as it now is on disk, with
	// any change another Ringfence made meanwhile, or why it failed.
	savedMsg struct {
		err   error
		audit *checklist.Audit
		site  *checklist.Site
	}
	// needSecretMsg asks the user for a connector secret the keyring could
	// not supply.
	needSecretMsg struct {
		op     int
		site   string
		kind   connectors.Kind
		reason string
	}
)

func loadSites(store *sitestore.Store) tea.Cmd {
	return func() tea.Msg {
		sites, problems := store.Sites()
		return sitesMsg{sites: sites, problems: problems}
	}
}

// demoSession builds the demo company's audit in memory, starting from the
// demo's own answers so that every area has something to show.
func demoSession(ctx context.Context, cat *checklist.Catalogue, now time.Time) (*session, error) {
	a, err := demo.Audit(ctx, cat, now, nil)
	if err != nil {
		return nil, err
	}
	return &session{audit: a, demo: true}, nil
}

func startDemo(op int, ctx context.Context, cat *checklist.Catalogue, now time.Time) tea.Cmd {
	return func() tea.Msg {
		s, err := demoSession(ctx, cat, now)
		if err != nil {
			return opFailedMsg{op, err}
		}
		return sessionMsg{sess: s}
	}
}

// errNeedSecret is returned by the opener when the keyring holds no secret
// for the site's connector, or cannot be reached.
type errNeedSecret struct {
	kind   connectors.Kind
	reason string
}

func (e *errNeedSecret) Error() string { return e.reason }

// appOpener opens a site's source for the core. connectors.Open decides where
// the secret comes from, as it does for the command line.
func appOpener(reg connectors.Registry, keys Secrets, secret string, progress func(connectors.Progress)) core.Opener {
	return func(site checklist.Site) (core.Source, error) {
		src, err := connectors.Open(reg, site, connectors.Secrets{ThisRun: secret, Keyring: keys})
		var need *connectors.NeedSecretError
		if errors.As(err, &need) {
			return nil, &errNeedSecret{kind: need.Kind, reason: secretProblem(need.Err)}
		}
		if err != nil {
			return nil, err
		}
		return connectors.ForAudit(src, progress), nil
	}
}

// openSite claims a saved site for this window and either carries on with its
// latest audit or, when fresh is set or there is none, has the core read the
// phone system again and start a new audit that keeps the earlier answers and
// decisions.
func openSite(ctx context.Context, reg connectors.Registry, keys Secrets, store *sitestore.Store, cat *checklist.Catalogue, name string, fresh bool, secret string, now time.Time, progress func(connectors.Progress)) (_ *session, err error) {
	site, err := store.Site(name)
	if err != nil {
		return nil, err
	}
	claim, err := store.Claim(site.Name)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			_ = claim.Release()
		}
	}()
	sess := &session{site: &site, claim: claim, secret: secret}
	if !fresh {
		latest, before, err := core.Latest(store, site.Name)
		if err != nil {
			return nil, err
		}
		if latest != nil {
			sess.audit, sess.previous = latest, before
			if sess.earlier, err = core.Earlier(store, site.Name, latest); err != nil {
				return nil, err
			}
			return sess, nil
		}
	}
	got, err := core.StartAudit(ctx, store, cat, core.AuditRun{Site: site.Name, Open: appOpener(reg, keys, secret, progress)}, now)
	if err != nil {
		return nil, err
	}
	site = got.Site
	sess.audit, sess.previous, sess.imported = got.Audit, got.Previous, got.Account
	if sess.earlier, err = core.Earlier(store, site.Name, got.Audit); err != nil {
		return nil, err
	}
	return sess, nil
}

func openSiteCmd(op int, ctx context.Context, sh *shared, name string, fresh bool, secret string, progress func(connectors.Progress)) tea.Cmd {
	store, cat, now, reg, keys := sh.opts.Store, sh.opts.Catalogue, sh.now(), sh.opts.Connectors, sh.opts.Secrets
	return func() tea.Msg {
		s, err := openSite(ctx, reg, keys, store, cat, name, fresh, secret, now, progress)
		var need *errNeedSecret
		if errors.As(err, &need) {
			return needSecretMsg{op: op, site: name, kind: need.kind, reason: need.reason}
		}
		if err != nil {
			return opFailedMsg{op, err}
		}
		return sessionMsg{sess: s}
	}
}

// saveCmd saves the queued changes in the background.
func (sh *shared) saveCmd() tea.Cmd {
	if !sh.sess.saved() {
		return nil
	}
	store, name, sv := sh.opts.Store, sh.sess.name(), sh.saver
	return func() tea.Msg {
		a, err := sv.flush(store, name)
		return savedMsg{err: err, audit: a}
	}
}

// saveSite changes the open site's settings in the background, on top of
// whatever another Ringfence has saved there meanwhile.
func (sh *shared) saveSite(c func(*checklist.Site)) tea.Cmd {
	if !sh.sess.saved() {
		return nil
	}
	c(sh.sess.site)
	store, name := sh.opts.Store, sh.sess.site.Name
	return func() tea.Msg {
		site, err := store.UpdateSite(name, func(s *checklist.Site) error { c(s); return nil })
		if err != nil {
			return savedMsg{err: err}
		}
		return savedMsg{site: &site}
	}
}

// adopt takes in what a save found on disk, so the screen shows changes
// another Ringfence made to the same site. An audit is taken only when no
// change of this window's is still waiting to be saved, since it would not
// have that change yet.
func (sh *shared) adopt(msg savedMsg) {
	sess := sh.sess
	if !sess.saved() {
		return
	}
	if msg.site != nil && msg.site.Name == sess.site.Name {
		*sess.site = *msg.site
	}
	if msg.audit != nil && msg.audit.Site == sess.audit.Site && sh.saver.idle() {
		if !msg.audit.Started.Equal(sess.audit.Started) {
			// Another Ringfence started a newer audit, and this window's
			// changes went into it: compare against the one it replaced.
			sess.previous = sess.audit
			sess.earlier = append(sess.earlier, sitestore.AuditRef{Started: sess.audit.Started})
		}
		sess.audit = msg.audit
	}
}

// plainError turns an error into words fit for the screen. The store and
// connectors already write plain sentences; this only tidies the edges and
// names the two errors every operation can meet.
func plainError(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled):
		return "Stopped. Nothing was changed."
	case errors.Is(err, context.DeadlineExceeded):
		return "The phone system took too long to answer. Check it is reachable from here, then try again."
	}
	s := safetext.Text(strings.TrimSpace(err.Error()))
	if s == "" {
		return "Something went wrong."
	}
	// A sentence starts with a capital, unless it starts with a file's name,
	// which must be shown as it is spelt.
	if first, _, _ := strings.Cut(s, " "); !strings.ContainsAny(first, `./\`) {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	if !strings.ContainsAny(s[len(s)-1:], ".!?") {
		s += "."
	}
	return s
}
