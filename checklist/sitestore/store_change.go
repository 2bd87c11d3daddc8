package sitestore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

// Every change to a saved site or audit goes through the three methods below,
// whichever front end makes it. Each one takes the site's save lock, reads the
// file as it is on disk at that moment, applies the change and replaces the
// file, so a change made elsewhere in the meantime is kept, not overwritten.
// Slow work (reading a phone system, scanning call records) is done before,
// outside the lock; only the change itself is applied inside.

// UpdateSite changes a saved site's settings and returns them as saved. The
// name and creation time stay as they are.
func (s *Store) UpdateSite(name string, change func(*checklist.Site) error) (checklist.Site, error) {
	if err := s.requireSite(name); err != nil {
		return checklist.Site{}, err
	}
	var saved checklist.Site
	err := s.withSaveLock(name, func() error {
		site, err := s.Site(name)
		if err != nil {
			return err
		}
		keep, created := site.Name, site.Created
		if err := change(&site); err != nil {
			return err
		}
		site.Name, site.Created = keep, created
		if err := checkSite(&site); err != nil {
			return err
		}
		if err := s.writeSite(site); err != nil {
			return err
		}
		saved = site
		return nil
	})
	return saved, err
}

// StartAudit saves a new audit of a site. start builds it from the site's
// settings and latest audit (nil if none) as they are when the lock is held,
// so the new audit carries over every answer and decision saved until then.
func (s *Store) StartAudit(name string, start func(site checklist.Site, latest *checklist.Audit) (*checklist.Audit, error)) (*checklist.Audit, error) {
	if err := s.requireSite(name); err != nil {
		return nil, err
	}
	var saved *checklist.Audit
	err := s.withSaveLock(name, func() error {
		site, err := s.Site(name)
		if err != nil {
			return err
		}
		latest, err := s.LatestAudit(site.Name)
		if err != nil {
			return err
		}
		a, err := start(site, latest)
		if err != nil {
			return err
		}
		if a == nil || !strings.EqualFold(strings.TrimSpace(a.Site), site.Name) {
			return fmt.Errorf("the new audit does not belong to site %q", site.Name)
		}
		if err := s.freeStart(a); err != nil {
			return err
		}
		if err := s.saveAudit(a); err != nil {
			return err
		}
		saved = a
		return nil
	})
	return saved, err
}

// freeStart moves a new audit's start on to the next second whose file name
// is free, so an audit started in the same second as another (two runs in a
// row, or the app and a script) is saved beside it instead of being refused
// or replacing it.
func (s *Store) freeStart(a *checklist.Audit) error {
	for range 60 {
		_, err := os.Lstat(filepath.Join(s.auditsDir(a.Site), auditFileName(a.Started)))
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		if err != nil {
			return saveError(s.auditsDir(a.Site), err)
		}
		a.Started = a.Started.Truncate(time.Second).Add(time.Second)
	}
	return fmt.Errorf("Ringfence could not find a free name for a new audit of %s in %s. Try again in a minute.", a.Site, s.auditsDir(a.Site))
}

// UpdateAudit changes a site's latest audit, as it is on disk when the lock is
// held, and returns it as saved. It does not read site.json, so a damaged
// settings file never stops work on an audit from being saved.
func (s *Store) UpdateAudit(name string, change func(*checklist.Audit) error) (*checklist.Audit, error) {
	if err := s.requireSite(name); err != nil {
		return nil, err
	}
	var saved *checklist.Audit
	err := s.withSaveLock(name, func() error {
		a, err := s.LatestAudit(name)
		if err != nil {
			return err
		}
		if a == nil {
			return fmt.Errorf("Site %q has no audit yet, so there is nothing to record this against. Run 'ringfence audit --site %q' first.", strings.TrimSpace(name), strings.TrimSpace(name))
		}
		site, started := a.Site, a.Started
		if err := change(a); err != nil {
			return err
		}
		if a.Site != site || !a.Started.Equal(started) {
			return errors.New("a change may not move an audit to another site or start time")
		}
		if err := s.saveAudit(a); err != nil {
			return err
		}
		saved = a
		return nil
	})
	return saved, err
}
