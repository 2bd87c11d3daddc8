package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/demo"
)

// Messages that carry the results of background work back to Update.
type (
	sitesMsg struct {
		sites    []checklist.SiteSummary
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
	savedMsg struct{ err error }
	// needSecretMsg asks the user for a connector secret the keyring could
	// not supply.
	needSecretMsg struct {
		op     int
		site   string
		kind   connectors.Kind
		reason string
	}
)

func loadSites(store *checklist.Store) tea.Cmd {
	return func() tea.Msg {
		sites, problems := store.Sites()
		return sitesMsg{sites: sites, problems: problems}
	}
}

// demoSession builds the demo company's audit in memory, starting from the
// demo's own answers so that every area has something to show.
func demoSession(ctx context.Context, cat *checklist.Catalogue, now time.Time) (*session, error) {
	inv, err := demo.New(now).Fetch(ctx, nil)
	if err != nil {
		return nil, err
	}
	a := checklist.NewAudit(cat, demo.SiteName, inv, demo.Answers(now), now)
	a.Demo = true
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

// errNeedSecret is returned by fetchInventory when the keyring holds no
// secret for the site's connector, or cannot be reached.
type errNeedSecret struct {
	kind   connectors.Kind
	reason string
}

func (e *errNeedSecret) Error() string { return e.reason }

func needsSecret(k connectors.Kind) bool {
	for _, f := range k.Fields {
		if f.Secret {
			return true
		}
	}
	return false
}

// fetchInventory reads a site's phone system through its connector, or
// returns an empty inventory for sites audited from answers alone.
func fetchInventory(ctx context.Context, site checklist.Site, secret string, now time.Time, progress func(connectors.Progress)) (checklist.Inventory, error) {
	if site.Connector.Kind == "" {
		return checklist.Inventory{Source: checklist.SourceInfo{Connector: "answers only", FetchedAt: now}}, nil
	}
	kind, ok := connectors.Lookup(site.Connector.Kind)
	if !ok {
		return checklist.Inventory{}, fmt.Errorf("This site reads its phone system through %q, which this version of Ringfence does not have. Update Ringfence, or add the site again with another source.", site.Connector.Kind)
	}
	if secret == "" && needsSecret(kind) {
		s, err := secretGet(site.Name, kind.Name)
		if err != nil {
			return checklist.Inventory{}, &errNeedSecret{kind: kind, reason: secretProblem(err)}
		}
		secret = s
	}
	src, err := kind.New(site, secret)
	if err != nil {
		return checklist.Inventory{}, err
	}
	return src.Fetch(ctx, progress)
}

// openSite locks a saved site and either carries on with its latest audit or,
// when fresh is set or there is none, reads the phone system again and starts
// a new audit that keeps the earlier answers and decisions.
func openSite(ctx context.Context, store *checklist.Store, cat *checklist.Catalogue, name string, fresh bool, secret string, now time.Time, progress func(connectors.Progress)) (_ *session, err error) {
	site, err := store.Site(name)
	if err != nil {
		return nil, err
	}
	lock, err := store.Lock(site.Name)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			_ = lock.Unlock()
		}
	}()
	refs, err := store.Audits(site.Name)
	if err != nil {
		return nil, err
	}
	var latest, before *checklist.Audit
	if n := len(refs); n > 0 {
		if latest, err = store.LoadAudit(site.Name, refs[n-1]); err != nil {
			return nil, err
		}
		if n > 1 && !fresh {
			if before, err = store.LoadAudit(site.Name, refs[n-2]); err != nil {
				return nil, err
			}
		}
	}
	sess := &session{site: &site, lock: lock, secret: secret}
	if latest != nil && !fresh {
		sess.audit, sess.previous = latest, before
		return sess, nil
	}
	inv, err := fetchInventory(ctx, site, secret, now, progress)
	if err != nil {
		return nil, err
	}
	sess.audit, sess.previous = checklist.ContinueAudit(cat, site, inv, latest, now), latest
	if err := store.SaveAudit(sess.audit); err != nil {
		return nil, err
	}
	return sess, nil
}

func openSiteCmd(op int, ctx context.Context, sh *shared, name string, fresh bool, secret string, progress func(connectors.Progress)) tea.Cmd {
	store, cat, now := sh.opts.Store, sh.opts.Catalogue, sh.now()
	return func() tea.Msg {
		s, err := openSite(ctx, store, cat, name, fresh, secret, now, progress)
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

// saveCmd writes the open audit in the background. The audit is copied first
// so that Update can go on changing it.
func (sh *shared) saveCmd() tea.Cmd {
	if !sh.sess.saved() {
		return nil
	}
	store, a, seq, sv := sh.opts.Store, snapshot(sh.sess.audit), sh.saver.next(), sh.saver
	return func() tea.Msg {
		return savedMsg{err: sv.write(seq, func() error { return store.SaveAudit(a) })}
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
