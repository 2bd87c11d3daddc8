package core

import (
	"fmt"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// Keyring is where a site's connector secrets are kept on this computer,
// filed by site name and connector.
type Keyring interface {
	Get(site, connector string) (string, error)
	Set(site, connector, secret string) error
	Delete(site, connector string) error
}

// SecretNotMoved is a secret a rename could not carry to the new name.
// Stored says whether it reached the new name (only removing the old copy
// failed).
type SecretNotMoved struct {
	Connector string
	Stored    bool
	Err       error
}

func (e *SecretNotMoved) Error() string { return e.Err.Error() }
func (e *SecretNotMoved) Unwrap() error { return e.Err }

// Rename renames a site with its audits and carries its secrets for the
// given connectors over to the new name. The site is renamed even when the
// keyring fails; what could not move is returned apart, since the secret can
// be stored again with 'connect'.
func Rename(store *sitestore.Store, keys Keyring, connectors []string, oldName, newName string) (checklist.Site, []*SecretNotMoved, error) {
	site, err := store.RenameSite(oldName, newName)
	if err != nil {
		return site, nil, err
	}
	var left []*SecretNotMoved
	for _, c := range connectors {
		secret, err := keys.Get(oldName, c)
		if err != nil {
			continue // nothing kept for this connector
		}
		if err := keys.Set(site.Name, c, secret); err != nil {
			left = append(left, &SecretNotMoved{Connector: c, Err: err})
			continue
		}
		if err := keys.Delete(oldName, c); err != nil {
			left = append(left, &SecretNotMoved{Connector: c, Stored: true, Err: err})
		}
	}
	return site, left, nil
}

// SecretsLeftError means a site was deleted but its secrets could not be
// removed from the keyring.
type SecretsLeftError struct {
	Site string
	Err  error
}

func (e *SecretsLeftError) Error() string {
	return fmt.Sprintf("the site %q is deleted, but its secrets could not be removed from the keyring: %v", e.Site, e.Err)
}
func (e *SecretsLeftError) Unwrap() error { return e.Err }

// Delete removes a site with all its audits, then its secrets for the given
// connectors. The site goes first, so a keyring that cannot be reached never
// keeps a site the user asked to delete.
func Delete(store *sitestore.Store, keys Keyring, connectors []string, name string) error {
	if err := store.DeleteSite(name); err != nil {
		return err
	}
	for _, c := range connectors {
		if err := keys.Delete(name, c); err != nil {
			return &SecretsLeftError{Site: name, Err: err}
		}
	}
	return nil
}

// Forget removes a site's secrets for the given connectors (every one that
// may have held a secret, not just the site's current connector) and, with
// certificates, the certificates the user trusted for it.
func Forget(store *sitestore.Store, keys Keyring, connectors []string, name string, certificates bool) error {
	for _, c := range connectors {
		if err := keys.Delete(name, c); err != nil {
			return err
		}
	}
	if !certificates {
		return nil
	}
	_, err := store.UpdateSite(name, func(s *checklist.Site) error { s.Pins = nil; return nil })
	return err
}

// OpenSite reads a saved site and its latest audit, nil before the first,
// for the use cases that work on what the last audit found (the leavers
// check, a review of call records).
func OpenSite(store *sitestore.Store, name string) (checklist.Site, *checklist.Audit, error) {
	site, err := store.Site(name)
	if err != nil {
		return checklist.Site{}, nil, err
	}
	latest, err := store.LatestAudit(site.Name)
	if err != nil {
		return checklist.Site{}, nil, err
	}
	return site, latest, nil
}
