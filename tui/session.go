package tui

import (
	"context"
	"maps"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// shared is what every screen may read: options, styles, keys and the audit
// that is open. Screens change the audit only through change, which saves at
// once.
type shared struct {
	ctx    context.Context
	opts   Options
	st     styles
	keys   keyMap
	sess   *session
	saver  *saver
	resume map[string]checklist.Domain // last area visited, by site, for this run
	// incidents saves the entries of the incident open in breach mode, if
	// one has been opened in this run.
	incidents *incidentSaver
}

func (sh *shared) now() time.Time { return sh.opts.Now() }

// session is one open audit: the demo company's (in memory) or a saved site's
// (claimed by this window while it is open, so a second window is told).
type session struct {
	audit    *checklist.Audit
	site     *checklist.Site // nil for the demo company until saved as a site
	claim    *sitestore.SiteClaim
	previous *checklist.Audit // the last visit's audit, or one the user picked, for comparing
	// earlier lists the site's audits before this one, oldest first, so the
	// user can pick any of them to compare with.
	earlier []sitestore.AuditRef
	demo    bool
	// changed says the demo audit was changed since it opened, and warned
	// that the person has been told leaving it loses those changes.
	changed, warned bool
	// secret is a connector secret given for this run only, when the keyring
	// is unavailable. It stays in memory and is never drawn.
	secret string
	// imported is what the fetch left out (each skipped line of a file with
	// the lines read, used and skipped; the parts of a phone system that
	// could not be read), shown once the audit opens.
	imported []string
}

// canCompare reports whether there is anything to compare the audit with.
func (s *session) canCompare() bool { return s.previous != nil || len(s.earlier) > 0 }

func (s *session) name() string {
	if s == nil || s.audit == nil {
		return ""
	}
	return s.audit.Site
}

// saved reports whether changes are written to disk.
func (s *session) saved() bool { return s != nil && !s.demo && s.site != nil }

func (s *session) close() {
	if s != nil && s.claim != nil {
		_ = s.claim.Release()
		s.claim = nil
	}
}

// snapshot copies an audit, so that a background export cannot race with the
// next change in Update. Results, plan and inventory are replaced wholesale on
// every change, never edited in place, so sharing them is safe.
func snapshot(a *checklist.Audit) *checklist.Audit {
	c := *a
	c.Answers = maps.Clone(a.Answers)
	c.Accepted = maps.Clone(a.Accepted)
	c.Tracking = maps.Clone(a.Tracking)
	c.LeaverDecisions = maps.Clone(a.LeaverDecisions)
	c.History = a.History[:len(a.History):len(a.History)]
	return &c
}

// change applies c, one of the core's changes, to the open audit and queues
// it to be saved. It returns the command that saves it, or nil for the demo
// company.
func (sh *shared) change(c core.Change) (tea.Cmd, error) {
	if err := c(sh.sess.audit); err != nil {
		return nil, err
	}
	if !sh.sess.saved() {
		sh.sess.changed, sh.sess.warned = true, false
		return nil, nil
	}
	sh.saver.queue(c)
	return sh.saveCmd(), nil
}

// savedNote is what a screen says once a change is made: the demo is never
// saved, so it says so and how to keep it.
func (sh *shared) savedNote() string {
	if sh.sess.saved() {
		return "Saved."
	}
	return "Kept for now, but not saved: this is the demo. To keep it, press s on its audit screen to save it as a site."
}

// leavingDemoNote is the warning before a changed demo is closed.
const leavingDemoNote = "Leaving the demo now means your changes are lost: it is never saved. To keep them, press s on the demo's audit screen to save it as a site; or go back again to leave without saving."

// warnBeforeLeaving reports whether leaving the open audit should wait for a
// second request: the first time a changed demo would be closed, it says
// what would be lost instead.
func (s *session) warnBeforeLeaving() bool {
	if s == nil || !s.demo || !s.changed || s.warned {
		return false
	}
	s.warned = true
	return true
}

// saver keeps the changes to the open audit not yet saved.
type saver struct{ changeQueue[checklist.Audit] }

func (s *saver) queue(c core.Change) { s.changeQueue.queue(c) }

// flush applies every queued change, in order, to the site's latest audit on
// disk and returns that audit as saved; nil when there was nothing to save.
func (s *saver) flush(store *sitestore.Store, site string) (*checklist.Audit, error) {
	return s.changeQueue.flush(func(changes []func(*checklist.Audit) error) (*checklist.Audit, error) {
		return store.UpdateAudit(site, func(a *checklist.Audit) error {
			for _, c := range changes {
				if err := c(a); err != nil {
					return err
				}
			}
			return nil
		})
	})
}
