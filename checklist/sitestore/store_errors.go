package sitestore

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

var (
	// ErrNoSite is wrapped by the error for a site that has not been created.
	ErrNoSite = errors.New("no such site")
	// ErrSiteExists is wrapped when a new site's name is taken.
	ErrSiteExists = errors.New("site already exists")
	// ErrSiteLocked is wrapped when another Ringfence holds a site's lock.
	ErrSiteLocked = errors.New("site is locked")
)

// CorruptFileError is a saved file that cannot be read. Ringfence never writes
// over such a file: it may be the only copy of someone's work.
type CorruptFileError struct {
	Path string
	Err  error
}

func (e *CorruptFileError) Error() string {
	return fmt.Sprintf("%s is damaged, so Ringfence left it as it is: %v. Move it aside or restore it from a backup.", e.Path, e.Err)
}

func (e *CorruptFileError) Unwrap() error { return e.Err }

// NewerVersionError is a saved file from a later Ringfence whose layout this
// build may misread, so it neither reads nor overwrites it.
type NewerVersionError struct {
	Path    string
	Version int
}

func (e *NewerVersionError) Error() string {
	return fmt.Sprintf("%s was saved by a newer version of Ringfence (file version %d). Update Ringfence to open it; the file was not changed.", e.Path, e.Version)
}

type noSiteError struct{ name string }

func (e *noSiteError) Error() string {
	return fmt.Sprintf("There is no saved site called %q. Check the name, or add the site first.", e.name)
}

func (e *noSiteError) Unwrap() error { return ErrNoSite }

type siteExistsError struct{ name, existing string }

func (e *siteExistsError) Error() string {
	if strings.EqualFold(e.existing, e.name) {
		return fmt.Sprintf("A site called %q already exists. Choose another name, or open that site.", e.name)
	}
	return fmt.Sprintf("The name %q is too close to the existing site %q to tell their folders apart. Choose another name.", e.name, e.existing)
}

func (e *siteExistsError) Unwrap() error { return ErrSiteExists }

type siteLockedError struct{ name string }

func (e *siteLockedError) Error() string {
	return fmt.Sprintf("Another Ringfence window is already working on %s. Close it, or wait for it to finish.", e.name)
}

func (e *siteLockedError) Unwrap() error { return ErrSiteLocked }

// detail is the plain-words reason inside a CorruptFileError, keeping the
// underlying error for errors.Is and errors.As.
type detail struct {
	text string
	err  error
}

func (d *detail) Error() string { return d.text }
func (d *detail) Unwrap() error { return d.err }

type siteBusyError struct {
	name   string
	waited time.Duration
}

func (e *siteBusyError) Error() string {
	return fmt.Sprintf("Another Ringfence has been saving %s for over %d seconds, so this change was not saved. If another Ringfence is stuck, close it; then try again.", e.name, int(e.waited.Seconds()))
}

func (e *siteBusyError) Unwrap() error { return ErrSiteLocked }
