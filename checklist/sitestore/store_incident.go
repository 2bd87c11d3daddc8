package sitestore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// Incidents are kept beside the audits, one file each:
//
//	<dir>/sites/<slug>/incidents/<opened, UTC>.json
//
// with the same guarantees: every change is made under the site's save lock
// to the file as it is on disk, and the file is replaced atomically.

func (s *Store) incidentsDir(site string) string { return filepath.Join(s.siteDir(site), "incidents") }

func (s *Store) incidentFile(site, id string) string {
	return filepath.Join(s.incidentsDir(site), id+".json")
}

// CreateIncident saves a new incident of a site. If another incident was
// opened in the same second, the new one's ID moves on to the next free
// second, so neither is lost; inc.ID is set to the ID it was saved under.
func (s *Store) CreateIncident(site string, inc *breach.Incident) error {
	if err := s.requireSite(site); err != nil {
		return err
	}
	if inc == nil {
		return errors.New("There is no incident to save.")
	}
	name := strings.TrimSpace(site)
	if inc.Site == "" {
		inc.Site = name
	}
	if !strings.EqualFold(strings.TrimSpace(inc.Site), name) {
		return fmt.Errorf("the incident belongs to site %q, not %q", inc.Site, name)
	}
	if inc.Opened.IsZero() {
		return errors.New("The incident has no opening time, so Ringfence cannot name its file.")
	}
	return s.withSaveLock(name, func() error { return s.createIncident(name, inc) })
}

// OpenIncident returns the site's newest open incident or, when none is
// open, saves the one start makes. Both happen under the site's lock, so
// several windows or commands opening a breach at the same moment all share
// one incident instead of each starting its own.
func (s *Store) OpenIncident(site string, start func() *breach.Incident) (inc *breach.Incident, created bool, err error) {
	if err := s.requireSite(site); err != nil {
		return nil, false, err
	}
	name := strings.TrimSpace(site)
	err = s.withSaveLock(name, func() error {
		all, err := s.Incidents(name)
		if err != nil {
			return err
		}
		for _, i := range all {
			if i.Open() {
				inc = i
				return nil
			}
		}
		inc = start()
		if inc == nil || inc.Opened.IsZero() || !strings.EqualFold(strings.TrimSpace(inc.Site), name) {
			return fmt.Errorf("the new incident of %s has no opening time or belongs to another site", name)
		}
		created = true
		return s.createIncident(name, inc)
	})
	if err != nil {
		return nil, false, err
	}
	return inc, created, nil
}

// createIncident saves a new incident under the next free second's ID. The
// caller holds the site's save lock.
func (s *Store) createIncident(name string, inc *breach.Incident) error {
	dir := s.incidentsDir(name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return saveError(dir, err)
	}
	at := inc.Opened.UTC().Truncate(time.Second)
	for range 60 {
		inc.ID = breach.NewID(at)
		inc.Schema = breach.IncidentSchema
		path := s.incidentFile(name, inc.ID)
		data, err := encodeSaved(path, inc)
		if err != nil {
			return err
		}
		err = createAtomic(path, data)
		if !errors.Is(err, os.ErrExist) {
			return err
		}
		at = at.Add(time.Second)
	}
	return fmt.Errorf("Ringfence could not find a free name for a new incident of %s in %s. Try again in a minute.", name, dir)
}

// UpdateIncident changes one incident as it is on disk when the lock is
// held, and returns it as saved. A change may add to the record but never
// move the incident or take back what was recorded.
func (s *Store) UpdateIncident(site, id string, change func(*breach.Incident) error) (*breach.Incident, error) {
	if err := s.requireSite(site); err != nil {
		return nil, err
	}
	if !breach.ValidID(id) {
		return nil, badIncidentID(site, id)
	}
	name := strings.TrimSpace(site)
	var saved *breach.Incident
	err := s.withSaveLock(name, func() error {
		path := s.incidentFile(name, id)
		inc, err := loadIncidentFile(path, id)
		if errors.Is(err, os.ErrNotExist) {
			return missingIncident(name, id)
		}
		if err != nil {
			return err
		}
		before := *inc
		if err := change(inc); err != nil {
			return err
		}
		if inc.ID != before.ID || inc.Site != before.Site || !inc.Opened.Equal(before.Opened) {
			return errors.New("a change may not move an incident to another site, ID or opening time")
		}
		if len(inc.Entries) < len(before.Entries) || len(inc.Log) < len(before.Log) || len(inc.Decisions) < len(before.Decisions) {
			return errors.New("a change may not remove anything already recorded in an incident")
		}
		inc.Schema = breach.IncidentSchema
		if err := writeSaved(path, inc); err != nil {
			return err
		}
		saved = inc
		return nil
	})
	return saved, err
}

// Incidents lists a site's incidents, newest first. A damaged file is
// refused with its name rather than skipped, so no incident goes missing
// without a word.
func (s *Store) Incidents(site string) ([]*breach.Incident, error) {
	if err := s.requireSite(site); err != nil {
		return nil, err
	}
	dir := s.incidentsDir(strings.TrimSpace(site))
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("Ringfence cannot list the incidents in %s (%w).", dir, err)
	}
	var out []*breach.Incident
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if e.IsDir() || !ok || !breach.ValidID(id) {
			continue
		}
		inc, err := loadIncidentFile(filepath.Join(dir, e.Name()), id)
		if err != nil {
			return nil, err
		}
		out = append(out, inc)
	}
	slices.SortFunc(out, func(a, b *breach.Incident) int { return strings.Compare(b.ID, a.ID) })
	return out, nil
}

// LoadIncident reads one incident of a site.
func (s *Store) LoadIncident(site, id string) (*breach.Incident, error) {
	if err := s.requireSite(site); err != nil {
		return nil, err
	}
	if !breach.ValidID(id) {
		return nil, badIncidentID(site, id)
	}
	name := strings.TrimSpace(site)
	inc, err := loadIncidentFile(s.incidentFile(name, id), id)
	if errors.Is(err, os.ErrNotExist) {
		return nil, missingIncident(name, id)
	}
	return inc, err
}

func loadIncidentFile(path, id string) (*breach.Incident, error) {
	var inc breach.Incident
	if err := readVersioned(path, breach.IncidentSchema, &inc); err != nil {
		return nil, err
	}
	if inc.ID != id || inc.Opened.IsZero() {
		return nil, &CorruptFileError{Path: path, Err: &detail{text: fmt.Sprintf("it does not hold incident %s (its ID or opening time is missing or different)", id)}}
	}
	return &inc, nil
}

// ErrNoIncident is wrapped by the error for an incident that is not saved.
var ErrNoIncident = errors.New("no such incident")

type noIncidentError struct{ site, id string }

func (e *noIncidentError) Error() string {
	return fmt.Sprintf("Site %q has no incident %s. List its incidents with 'ringfence breach --site %q --list'.", e.site, e.id, e.site)
}

func (e *noIncidentError) Unwrap() error { return ErrNoIncident }

func missingIncident(site, id string) error { return &noIncidentError{site: site, id: id} }

func badIncidentID(site, id string) error {
	return fmt.Errorf("%q is not an incident ID. Incident IDs look like 2026-12-03T07-05-00Z; list those of %s with 'ringfence breach --site %q --list'.", safetext.Line(id), strings.TrimSpace(site), strings.TrimSpace(site))
}
