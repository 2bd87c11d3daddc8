package sitestore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// A site has two locks, both dropped by the operating system if the process
// dies, so a crash never leaves a site locked:
//
//   - "lock" is held only while one change is saved: re-read the file, apply
//     the change, replace the file. Every save takes it, so changes made at
//     the same time by the app and by commands in other terminals are applied
//     one after another to the latest copy, and none undoes another.
//   - "open" is held by the app for as long as it shows the site, so that a
//     second app window is told the site is already open.

// saveWait is how long a change waits for another process's save of the same
// site. A save takes milliseconds; waiting this long means something is stuck.
const saveWait = 20 * time.Second

// withSaveLock runs fn while holding the site's save lock.
func (s *Store) withSaveLock(site string, fn func() error) error {
	name := strings.TrimSpace(site)
	dir := s.siteDir(name)
	fl := flock.New(filepath.Join(dir, "lock"), flock.SetPermissions(0o600))
	ctx, cancel := context.WithTimeout(context.Background(), saveWait)
	defer cancel()
	ok, err := fl.TryLockContext(ctx, 10*time.Millisecond)
	if errors.Is(err, os.ErrNotExist) {
		// The folder went while we waited: another process renamed or
		// deleted the site. Say so, rather than blame the file system.
		if missing := s.requireSite(name); missing != nil {
			return missing
		}
	}
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("Ringfence could not lock the site %s to save it (%w). Check that you can write to %s.", name, err, dir)
	}
	if !ok {
		return &siteBusyError{name: name, waited: saveWait}
	}
	defer fl.Unlock()
	// Holding the lock means no other save of this site is under way, so any
	// temporary file here was left by a crash.
	removeTemps(dir)
	removeTemps(s.auditsDir(name))
	removeTemps(s.incidentsDir(name))
	return fn()
}

// SiteClaim is the app's claim on a site it has open.
type SiteClaim struct {
	fl *flock.Flock
}

// Claim marks the site as open in this process without waiting. If another
// process has it open, the error wraps ErrSiteLocked. A claim does not stop
// commands in other terminals from changing the site: their changes and the
// app's are each saved under the save lock.
func (s *Store) Claim(site string) (*SiteClaim, error) {
	if err := s.requireSite(site); err != nil {
		return nil, err
	}
	name := strings.TrimSpace(site)
	dir := s.siteDir(name)
	fl := flock.New(filepath.Join(dir, "open"), flock.SetPermissions(0o600))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("Ringfence could not open the site %s (%w). Check that you can write to %s.", name, err, dir)
	}
	if !ok {
		return nil, &siteLockedError{name: name}
	}
	return &SiteClaim{fl: fl}, nil
}

// Release gives up the claim. Calling it again does nothing.
func (c *SiteClaim) Release() error {
	if c == nil || c.fl == nil {
		return nil
	}
	return c.fl.Unlock()
}
