package sitestore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Store keeps sites and their audits in one data folder:
//
//	<dir>/sites/<slug>/site.json
//	<dir>/sites/<slug>/audits/<started, UTC>.json
//	<dir>/sites/<slug>/lock
//
// Every file is replaced atomically and carries a schema version, so a crash
// leaves either the old copy or the new one, and an older build never
// overwrites what a newer one wrote.
type Store struct {
	dir string
}

// OpenStore opens (creating if need be) the data folder dir. Choosing dir, from
// a flag, RINGFENCE_HOME or DefaultDataDir, is the caller's job.
func OpenStore(dir string) (*Store, error) {
	if strings.TrimSpace(dir) == "" {
		return nil, errors.New("No data folder was given. Choose one with --data-dir or RINGFENCE_HOME.")
	}
	s := &Store{dir: dir}
	if err := os.MkdirAll(s.sitesDir(), 0o700); err != nil {
		return nil, fmt.Errorf("Ringfence cannot create its data folder %s (%w). Check that you can write there, or choose another folder with --data-dir.", dir, err)
	}
	return s, nil
}

// DefaultDataDir is home, the value of RINGFENCE_HOME, when set, otherwise the
// "ringfence" folder in the user's configuration folder. The caller reads the
// environment, so that this package never does.
func DefaultDataDir(home string) (string, error) {
	if strings.TrimSpace(home) != "" {
		return home, nil
	}
	config, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("Ringfence cannot find your settings folder (%w). Set RINGFENCE_HOME or use --data-dir to say where to keep its files.", err)
	}
	return filepath.Join(config, "ringfence"), nil
}

// Dir is the data folder, for telling the user where their files are.
func (s *Store) Dir() string { return s.dir }

func (s *Store) sitesDir() string { return filepath.Join(s.dir, "sites") }

// The slug is made only of a-z, 0-9 and dashes, so these paths cannot leave the
// data folder whatever the site is called.
func (s *Store) siteDir(name string) string { return filepath.Join(s.sitesDir(), siteSlug(name)) }

func (s *Store) siteFile(name string) string { return filepath.Join(s.siteDir(name), "site.json") }

func (s *Store) auditsDir(name string) string { return filepath.Join(s.siteDir(name), "audits") }

// requireSite checks that a site has been created, without reading its settings:
// a damaged site.json must not stop an audit of that site from being saved.
func (s *Store) requireSite(name string) error {
	if strings.TrimSpace(name) == "" {
		return errors.New("No site name was given.")
	}
	if _, err := os.Stat(s.siteFile(name)); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return &noSiteError{name: strings.TrimSpace(name)}
		}
		return fmt.Errorf("Ringfence cannot read the folder of site %q (%w).", name, err)
	}
	return nil
}
