package sitestore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

// AuditRef points at one saved audit of a site.
type AuditRef struct {
	Started time.Time
	Path    string
}

// stampLayout names audit files after their start time in UTC. It is RFC 3339
// with dashes for colons, which Windows does not allow in file names.
const stampLayout = "2006-01-02T15-04-05Z"

func auditFileName(started time.Time) string {
	return started.UTC().Format(stampLayout) + ".json"
}

// saveAudit writes the audit to its site's folder, replacing the previous save
// of the same audit atomically. It refuses to write over a file it cannot read
// or that a newer Ringfence wrote. The caller holds the site's save lock.
func (s *Store) saveAudit(a *checklist.Audit) error {
	if a == nil {
		return errors.New("There is no audit to save.")
	}
	site := strings.TrimSpace(a.Site)
	if site == "" {
		return errors.New("The audit does not say which site it belongs to, so Ringfence cannot save it.")
	}
	if a.Started.IsZero() {
		return errors.New("The audit has no start time, so Ringfence cannot name its file.")
	}
	dir := s.auditsDir(site)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return saveError(dir, err)
	}
	path := filepath.Join(dir, auditFileName(a.Started))
	old, err := loadAuditFile(path)
	switch {
	case err == nil && !old.Started.Equal(a.Started):
		return fmt.Errorf("%s holds another audit of %s that started in the same second, so Ringfence did not overwrite it. Start this audit again.", path, site)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return err
	}
	saved := *a
	saved.Schema = checklist.AuditSchema
	return writeSaved(path, &saved)
}

// Audits lists a site's saved audits, oldest first.
func (s *Store) Audits(site string) ([]AuditRef, error) {
	if err := s.requireSite(site); err != nil {
		return nil, err
	}
	return auditRefs(s.auditsDir(site))
}

func auditRefs(dir string) ([]AuditRef, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("Ringfence cannot list the audits in %s (%w).", dir, err)
	}
	var refs []AuditRef
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") {
			continue
		}
		// Anything not named like an audit (a copy someone made, say) is not one of ours.
		started, err := time.Parse(stampLayout, strings.TrimSuffix(name, ".json"))
		if err != nil {
			continue
		}
		refs = append(refs, AuditRef{Started: started, Path: filepath.Join(dir, name)})
	}
	slices.SortFunc(refs, func(a, b AuditRef) int { return a.Started.Compare(b.Started) })
	return refs, nil
}

// LoadAudit reads one saved audit of a site.
func (s *Store) LoadAudit(site string, ref AuditRef) (*checklist.Audit, error) {
	if err := s.requireSite(site); err != nil {
		return nil, err
	}
	dir := s.auditsDir(site)
	path := ref.Path
	if path == "" {
		path = filepath.Join(dir, auditFileName(ref.Started))
	}
	if filepath.Clean(filepath.Dir(path)) != filepath.Clean(dir) {
		return nil, fmt.Errorf("%s is not one of the saved audits of %s.", path, site)
	}
	a, err := loadAuditFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("The audit saved at %s is no longer there (%w).", path, err)
	}
	return a, err
}

// LatestAudit reads a site's most recent audit, or returns nil, nil when there
// is none yet.
func (s *Store) LatestAudit(site string) (*checklist.Audit, error) {
	refs, err := s.Audits(site)
	if err != nil || len(refs) == 0 {
		return nil, err
	}
	return s.LoadAudit(site, refs[len(refs)-1])
}

func loadAuditFile(path string) (*checklist.Audit, error) {
	var a checklist.Audit
	if err := readVersioned(path, checklist.AuditSchema, &a); err != nil {
		return nil, err
	}
	return &a, nil
}
