package connectors

import (
	"context"
	"fmt"
	"strings"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/connectors/secrets"
)

// Secrets says where Open may find a site's secret.
type Secrets struct {
	// ThisRun is a secret typed in for this run only; it comes first.
	ThisRun string
	// Keyring holds the saved secret and reads RINGFENCE_SECRET; nil means
	// there is none, so only ThisRun can supply a secret.
	Keyring secrets.Store
}

// NeedSecretError means the site's connector needs a secret and none was
// found; Err says why (no saved secret, or no keyring to read it from).
type NeedSecretError struct {
	Kind Kind
	Err  error
}

func (e *NeedSecretError) Error() string {
	return fmt.Sprintf("the %s connector needs its secret: %v. Set %s or run 'ringfence connect' again", e.Kind.Name, e.Err, secrets.EnvVar)
}

func (e *NeedSecretError) Unwrap() error { return e.Err }

// Open turns a site's saved settings into a source: it finds the connector,
// checks the settings against its schema and finds the secret, in the one
// order secrets.Find decides, for the command line and the app alike.
func Open(reg Registry, site checklist.Site, sec Secrets) (Source, error) {
	kind, ok := reg.Lookup(site.Connector.Kind)
	if !ok {
		return nil, fmt.Errorf("The site %q reads its phone system through %q, which this version of Ringfence does not have (it has: %s). Update Ringfence, or connect the site again with another source.",
			site.Name, site.Connector.Kind, strings.Join(reg.Names(), ", "))
	}
	if err := kind.Check(site.Connector); err != nil {
		return nil, fmt.Errorf("The settings saved for %q cannot be used: %v Connect the site again (ringfence connect) to replace them.", site.Name, err)
	}
	secret := ""
	if kind.NeedsSecret() {
		var err error
		secret, err = secrets.Find(site.Name, kind.Name, sec.ThisRun, sec.Keyring)
		switch {
		case err == nil:
		case kind.SecretOptional():
			// Nothing saved, or no keyring to look in: go on without it. If
			// the phone system did want one, its refusal says so.
			secret = ""
		default:
			return nil, &NeedSecretError{Kind: kind, Err: err}
		}
	}
	return kind.New(site, secret)
}

// Try checks that a site's settings work before they are saved: the
// connector's quick test where it has one, or else a whole fetch.
func Try(ctx context.Context, reg Registry, site checklist.Site, sec Secrets, progress func(Progress)) error {
	src, err := Open(reg, site, sec)
	if err != nil {
		return err
	}
	if t, ok := src.(Tester); ok {
		return t.Test(ctx)
	}
	_, err = src.Fetch(ctx, progress)
	return err
}

// ForAudit adapts a source to what the application core reads, with the
// front end's progress report bound in (progress may be nil).
func ForAudit(src Source, progress func(Progress)) core.Source {
	return auditSource{src, progress}
}

type auditSource struct {
	src      Source
	progress func(Progress)
}

func (s auditSource) Fetch(ctx context.Context) (core.Fetched, error) {
	res, err := s.src.Fetch(ctx, s.progress)
	if err != nil {
		return core.Fetched{}, err
	}
	return core.Fetched{Inventory: res.Inventory, Account: res.Account()}, nil
}
