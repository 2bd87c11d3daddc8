package checklist

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

	"github.com/ringfence/ringfence/checklist/safetext"
)

// SiteSchema is the version of site.json; see AuditSchema for when to bump it.
const SiteSchema = 1

// Site is one customer location: who to talk to, how to reach its phone system
// and which certificates the user has chosen to trust. It never holds a secret:
// those live in the OS keyring.
type Site struct {
	Schema    int               `json:"schema"`
	Name      string            `json:"name"`
	Contact   string            `json:"contact,omitempty"`
	Created   time.Time         `json:"created"`
	Connector ConnectorSettings `json:"connector"`
	// Hours are the site's business hours, such as "Mon-Fri 08:00-18:00", asked
	// once and used to spot calls made while the business is closed.
	Hours string       `json:"business_hours,omitempty"`
	Pins  []PinnedCert `json:"pins,omitempty"`
}

// ConnectorSettings say where a site's inventory comes from.
type ConnectorSettings struct {
	Kind     string            `json:"kind,omitempty"` // "3cx", "freepbx", "yeastar", "csv", or "" for answers only
	URL      string            `json:"url,omitempty"`
	ClientID string            `json:"client_id,omitempty"`
	File     string            `json:"file,omitempty"`
	Options  map[string]string `json:"options,omitempty"`
}

// PinnedCert is a self-signed certificate the user confirmed for a host, trusted
// by its fingerprint instead of turning verification off.
type PinnedCert struct {
	Host        string    `json:"host"`
	SHA256      string    `json:"sha256"` // hex
	ConfirmedAt time.Time `json:"confirmed_at"`
}

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
func (s *Store) CreateSite(site Site) error {
	if err := checkSite(&site); err != nil {
		return err
	}
	if err := os.MkdirAll(s.auditsDir(site.Name), 0o700); err != nil {
		return saveError(s.siteDir(site.Name), err)
	}
	return s.withSaveLock(site.Name, func() error {
		var existing Site
		err := readVersioned(s.siteFile(site.Name), SiteSchema, &existing)
		switch {
		case err == nil:
			return &siteExistsError{name: site.Name, existing: existing.Name}
		case !errors.Is(err, os.ErrNotExist):
			return err
		}
		if site.Created.IsZero() {
			site.Created = time.Now().UTC()
		}
		site.Schema = SiteSchema
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
func (s *Store) Site(name string) (Site, error) {
	var site Site
	if strings.TrimSpace(name) == "" {
		return site, errors.New("No site name was given.")
	}
	err := readVersioned(s.siteFile(name), SiteSchema, &site)
	if errors.Is(err, os.ErrNotExist) {
		return Site{}, &noSiteError{name: strings.TrimSpace(name)}
	}
	if err != nil {
		return Site{}, err
	}
	return site, nil
}

func (s *Store) writeSite(site Site) error {
	site.Schema = SiteSchema
	return writeSaved(s.siteFile(site.Name), site)
}

// checkSite tidies the name and refuses anything that must not be saved.
func checkSite(site *Site) error {
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
		var site Site
		err := readVersioned(filepath.Join(dir, "site.json"), SiteSchema, &site)
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
			summary.Score = Score(a.Results).Overall
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
