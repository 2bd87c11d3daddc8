package checklist

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/gofrs/flock"
)

// SiteLock stops two Ringfence windows from editing one site at once. The
// operating system drops it if the process dies, so a crash never leaves a site
// locked.
type SiteLock struct {
	fl *flock.Flock
}

// Lock takes the site's lock without waiting. If another process holds it, the
// error wraps ErrSiteLocked.
func (s *Store) Lock(site string) (*SiteLock, error) {
	if err := s.requireSite(site); err != nil {
		return nil, err
	}
	name := strings.TrimSpace(site)
	dir := s.siteDir(name)
	fl := flock.New(filepath.Join(dir, "lock"), flock.SetPermissions(0o600))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("Ringfence could not lock the site %s (%w). Check that you can write to %s.", name, err, dir)
	}
	if !ok {
		return nil, &siteLockedError{name: name}
	}
	// Holding the lock means no other save of this site can be under way, so
	// any temporary file here was left by a crash.
	removeTemps(dir)
	removeTemps(s.auditsDir(name))
	return &SiteLock{fl: fl}, nil
}

// Unlock releases the lock. Calling it again does nothing.
func (l *SiteLock) Unlock() error {
	if l == nil || l.fl == nil {
		return nil
	}
	return l.fl.Unlock()
}
