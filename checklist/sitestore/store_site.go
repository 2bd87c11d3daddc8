package sitestore

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// SiteSummary is one line of the site list.
type SiteSummary struct {
	Name        string
	LastAudit   time.Time // zero when the site has no readable audit
	Score       int
	OpenActions int
	Audits      int
}

// CreateSite saves a new site. It refuses a name already taken, including one
// that differs only in case, accents or punctuation, since both would share a
// folder. The check and the write happen under the folder's save lock, so of
// two processes adding such names at once exactly one succeeds.
func (s *Store) CreateSite(site checklist.Site) error {
	if err := checkSite(&site); err != nil {
		return err
	}
	if err := os.MkdirAll(s.auditsDir(site.Name), 0o700); err != nil {
		return saveError(s.siteDir(site.Name), err)
	}
	return s.withSaveLock(site.Name, func() error {
		var existing checklist.Site
		err := readVersioned(s.siteFile(site.Name), checklist.SiteSchema, &existing)
		switch {
		case err == nil:
			return &siteExistsError{name: site.Name, existing: existing.Name}
		case !errors.Is(err, os.ErrNotExist):
			return err
		}
		if site.Created.IsZero() {
			site.Created = time.Now().UTC()
		}
		site.Schema = checklist.SiteSchema
		data, err := encodeSaved(s.siteFile(site.Name), site)
		if err != nil {
			return err
		}
		err = createAtomic(s.siteFile(site.Name), data)
		if errors.Is(err, os.ErrExist) {
			existing, _ := s.Site(site.Name)
			return &siteExistsError{name: site.Name, existing: cmp.Or(existing.Name, site.Name)}
		}
		return err
	})
}

// Site reads a saved site.
func (s *Store) Site(name string) (checklist.Site, error) {
	var site checklist.Site
	if strings.TrimSpace(name) == "" {
		return site, errors.New("No site name was given.")
	}
	err := readVersioned(s.siteFile(name), checklist.SiteSchema, &site)
	if errors.Is(err, os.ErrNotExist) {
		return checklist.Site{}, &noSiteError{name: strings.TrimSpace(name)}
	}
	if err != nil {
		return checklist.Site{}, err
	}
	return site, nil
}

func (s *Store) writeSite(site checklist.Site) error {
	site.Schema = checklist.SiteSchema
	return writeSaved(s.siteFile(site.Name), site)
}

// checkSite tidies the name and refuses anything that must not be saved.
func checkSite(site *checklist.Site) error {
	site.Name = strings.TrimSpace(site.Name)
	if site.Name == "" {
		return errors.New("A site needs a name.")
	}
	// The name heads every report and screen, so nothing in it may move or
	// hide text: no control characters and no invisible formatting ones such
	// as a right-to-left override.
	if !safetext.Clean(site.Name) {
		return fmt.Errorf("The site name %q has a control or invisible formatting character in it (such as a text-direction mark). Type the name again using letters, digits, spaces and punctuation.", safetext.Line(site.Name))
	}
	for key := range site.Connector.Options {
		if looksLikeSecret(key) {
			return fmt.Errorf("The connector option %q looks like a secret. Secrets are kept in the system keyring, never in site settings; remove it and enter it when Ringfence asks.", key)
		}
	}
	return nil
}

// looksLikeSecret catches an option that would put a credential in site.json,
// which rule 2 forbids, while letting through settings such as "token_url".
func looksLikeSecret(key string) bool {
	k := strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '.' || r == ' ' {
			return -1
		}
		return unicode.ToLower(r)
	}, key)
	for _, word := range []string{"secret", "password", "passwd", "passphrase", "token", "apikey", "privatekey", "pin"} {
		if strings.HasSuffix(k, word) {
			return true
		}
	}
	return false
}

// Sites lists every saved site, sorted by name. A site or audit that cannot be
// read is reported in the error slice and the rest are still listed; only the
// audits needed for the summary are read, newest first.
func (s *Store) Sites() ([]SiteSummary, []error) {
	entries, err := os.ReadDir(s.sitesDir())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []error{fmt.Errorf("Ringfence cannot list the sites in %s (%w).", s.sitesDir(), err)}
	}
	var sites []SiteSummary
	var problems []error
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		dir := filepath.Join(s.sitesDir(), e.Name())
		var site checklist.Site
		err := readVersioned(filepath.Join(dir, "site.json"), checklist.SiteSchema, &site)
		if errors.Is(err, os.ErrNotExist) {
			continue // a folder some crash left before its site.json was written
		}
		if err != nil {
			problems = append(problems, err)
			continue
		}
		summary := SiteSummary{Name: site.Name}
		refs, err := auditRefs(filepath.Join(dir, "audits"))
		if err != nil {
			problems = append(problems, err)
		}
		summary.Audits = len(refs)
		for i := len(refs) - 1; i >= 0; i-- {
			a, err := loadAuditFile(refs[i].Path)
			if err != nil {
				problems = append(problems, err)
				continue
			}
			summary.LastAudit = a.Started
			summary.Score = checklist.Score(a.Results).Overall
			for _, action := range a.Plan {
				if !action.Done {
					summary.OpenActions++
				}
			}
			break
		}
		sites = append(sites, summary)
	}
	slices.SortFunc(sites, func(a, b SiteSummary) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return sites, problems
}
