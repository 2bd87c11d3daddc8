package tui

import (
	"context"
	"maps"
	"sync"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

// shared is what every screen may read: options, styles, keys and the audit
// that is open. Screens change the audit only through the session's methods,
// which save at once.
type shared struct {
	ctx    context.Context
	opts   Options
	st     styles
	keys   keyMap
	sess   *session
	saver  *saver
	resume map[string]checklist.Domain // last area visited, by site, for this run
}

func (sh *shared) now() time.Time { return sh.opts.Now() }

// session is one open audit: the demo company's (in memory) or a saved site's
// (locked to this window while it is open).
type session struct {
	audit    *checklist.Audit
	site     *checklist.Site // nil for the demo company until saved as a site
	lock     *checklist.SiteLock
	previous *checklist.Audit // the audit before this one, for comparing
	demo     bool
	// secret is a connector secret given for this run only, when the keyring
	// is unavailable. It stays in memory and is never drawn.
	secret string
}

func (s *session) name() string {
	if s == nil || s.audit == nil {
		return ""
	}
	return s.audit.Site
}

// saved reports whether changes are written to disk.
func (s *session) saved() bool { return s != nil && !s.demo && s.site != nil }

func (s *session) close() {
	if s != nil && s.lock != nil {
		_ = s.lock.Unlock()
		s.lock = nil
	}
}

// snapshot copies what a background save reads, so that the next change in
// Update cannot race with the write. Results, plan and inventory are replaced
// wholesale on every change, never edited in place, so sharing them is safe.
func snapshot(a *checklist.Audit) *checklist.Audit {
	c := *a
	c.Answers = maps.Clone(a.Answers)
	c.Accepted = maps.Clone(a.Accepted)
	c.Tracking = maps.Clone(a.Tracking)
	c.LeaverDecisions = maps.Clone(a.LeaverDecisions)
	c.History = a.History[:len(a.History):len(a.History)]
	return &c
}

// saver writes audits in the order they were changed: a slow write that
// finishes after a newer one must not replace it.
type saver struct {
	mu      sync.Mutex
	queued  uint64
	written uint64
}

func (s *saver) next() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queued++
	return s.queued
}

func (s *saver) write(seq uint64, save func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq <= s.written {
		return nil
	}
	if err := save(); err != nil {
		return err
	}
	s.written = seq
	return nil
}
