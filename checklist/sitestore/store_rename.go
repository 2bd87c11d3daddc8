package sitestore

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
)

// RenameSite gives a saved site a new name, keeping its settings and every
// audit. It refuses while an app window has the site open, and refuses a name
// whose folder is already taken (names that differ only in case, accents or
// punctuation share a folder). The site is copied under its new name and the
// old folder removed only once the copy is complete, so a crash part-way
// leaves the old site whole (and at worst a duplicate), never half a site.
func (s *Store) RenameSite(oldName, newName string) (checklist.Site, error) {
	if err := s.requireSite(oldName); err != nil {
		return checklist.Site{}, err
	}
	renamed := checklist.Site{Name: strings.TrimSpace(newName)}
	if err := checkSite(&renamed); err != nil {
		return checklist.Site{}, err
	}
	claim, err := s.claimForRemoval(oldName)
	if err != nil {
		return checklist.Site{}, err
	}
	defer claim.Release()
	err = s.withSaveLock(oldName, func() error {
		site, err := s.Site(oldName)
		if err != nil {
			return err
		}
		refs, err := auditRefs(s.auditsDir(site.Name))
		if err != nil {
			return err
		}
		var audits []*checklist.Audit
		for _, ref := range refs {
			a, err := loadAuditFile(ref.Path)
			if err != nil {
				return err
			}
			audits = append(audits, a)
		}
		incidents, err := s.Incidents(site.Name)
		if err != nil {
			return err
		}
		oldDir := s.siteDir(site.Name)
		site.Name = renamed.Name
		if s.siteDir(site.Name) == oldDir {
			// Only the spelling changes (case, say): same folder, so rewrite
			// in place, audits first and the settings last.
			return s.rewriteSite(site, audits, incidents)
		}
		newDir := s.siteDir(site.Name)
		if err := os.Mkdir(newDir, 0o700); err != nil {
			if errors.Is(err, os.ErrExist) {
				existing, _ := s.Site(site.Name)
				return &siteExistsError{name: site.Name, existing: cmp.Or(existing.Name, site.Name)}
			}
			return saveError(newDir, err)
		}
		if err := s.withSaveLock(site.Name, func() error { return s.rewriteSite(site, audits, incidents) }); err != nil {
			os.RemoveAll(newDir)
			return err
		}
		if err := s.removeSiteDir(oldDir); err != nil {
			return fmt.Errorf("The site is now saved as %q, but Ringfence could not remove its old folder %s (%w). Delete that folder yourself.", site.Name, oldDir, err)
		}
		return nil
	})
	if err != nil {
		return checklist.Site{}, err
	}
	return s.Site(renamed.Name)
}

// rewriteSite saves a site's audits and incidents and then its settings
// under the site's current name. The settings file goes last: until it
// exists, a new folder is not a site. The caller holds the site's save lock.
func (s *Store) rewriteSite(site checklist.Site, audits []*checklist.Audit, incidents []*breach.Incident) error {
	for _, inc := range incidents {
		inc.Site = site.Name
		dir := s.incidentsDir(site.Name)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return saveError(dir, err)
		}
		inc.Schema = breach.IncidentSchema
		if err := writeSaved(s.incidentFile(site.Name, inc.ID), inc); err != nil {
			return err
		}
	}
	for _, a := range audits {
		a.Site = site.Name
		dir := s.auditsDir(site.Name)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return saveError(dir, err)
		}
		saved := *a
		saved.Schema = checklist.AuditSchema
		if err := writeSaved(filepath.Join(dir, auditFileName(a.Started)), &saved); err != nil {
			return err
		}
	}
	if err := checkSite(&site); err != nil {
		return err
	}
	return s.writeSite(site)
}

// DeleteSite removes a saved site and all its audits. It refuses while an app
// window has the site open. The settings file goes first, so a crash part-way
// leaves a folder that is no longer listed as a site.
func (s *Store) DeleteSite(name string) error {
	if err := s.requireSite(name); err != nil {
		return err
	}
	claim, err := s.claimForRemoval(name)
	if err != nil {
		return err
	}
	defer claim.Release()
	dir := s.siteDir(name)
	err = s.withSaveLock(name, func() error {
		if _, err := s.Site(name); err != nil && !errors.As(err, new(*CorruptFileError)) {
			return err
		}
		if err := os.Remove(s.siteFile(name)); err != nil {
			return saveError(s.siteFile(name), err)
		}
		// Still under the lock, so a site of the same name added by another
		// process straight afterwards is never swept away with the old folder.
		if err := s.removeSiteDir(dir); err != nil {
			return fmt.Errorf("The site %q is deleted, but Ringfence could not remove its folder %s (%w). Delete that folder yourself.", strings.TrimSpace(name), dir, err)
		}
		return nil
	})
	return err
}

// claimForRemoval claims a site about to be renamed or deleted. If another
// process renamed or deleted it a moment ago, its folder may be gone by the
// time the claim is made: that is reported as no such site.
func (s *Store) claimForRemoval(name string) (*SiteClaim, error) {
	claim, err := s.Claim(name)
	if err != nil && !errors.Is(err, ErrSiteLocked) {
		if missing := s.requireSite(name); missing != nil {
			return nil, missing
		}
	}
	return claim, err
}

// removeSiteDir moves a site's folder out of the way in one step and then
// deletes it. Deleting in place lets another process that is opening the site
// at that moment put its lock files back into the half-deleted folder; once
// the folder has moved, that process finds no site at all and says so.
func (s *Store) removeSiteDir(dir string) error {
	gone := filepath.Join(s.sitesDir(), fmt.Sprintf(".removed-%s-%d", filepath.Base(dir), time.Now().UnixNano()))
	if err := os.Rename(dir, gone); err != nil {
		// Windows will not move a folder with an open file in it.
		return os.RemoveAll(dir)
	}
	return os.RemoveAll(gone)
}
