package main

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/x/term"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/csvinv"
	_ "github.com/ringfence/ringfence/connectors/freepbx" // registers the FreePBX connector
	"github.com/ringfence/ringfence/connectors/httpx"
	"github.com/ringfence/ringfence/connectors/secrets"
	_ "github.com/ringfence/ringfence/connectors/threecx" // registers the 3CX connector
	_ "github.com/ringfence/ringfence/connectors/yeastar" // registers the Yeastar connector
)

// optionFlags collects repeated --option key=value flags.
type optionFlags map[string]string

func (o optionFlags) String() string { return "" }

func (o optionFlags) Set(v string) error {
	key, value, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(key) == "" {
		return fmt.Errorf("%q should look like key=value", v)
	}
	o[strings.TrimSpace(key)] = strings.TrimSpace(value)
	return nil
}

func kindNames() string {
	var names []string
	for _, k := range connectors.Kinds() {
		names = append(names, k.Name)
	}
	return strings.Join(names, ", ")
}

func runConnect(ctx context.Context, args []string, e env) error {
	fs := newFlags(e, "connect", "connect --site NAME --connector KIND [--url URL --client-id ID | --file FILE] [options]",
		"Connects a site to its phone system, tests the connection and saves the settings.\n"+
			"Ringfence only reads. The secret is asked for without showing it (or taken from\n"+
			"$RINGFENCE_SECRET) and kept in this computer's keyring, never in a file.\n\n"+
			"Connectors: "+kindNames())
	site := fs.String("site", "", "the site's `name` (added if new)")
	kindName := fs.String("connector", "", "`kind` of phone system: "+kindNames())
	rawURL := fs.String("url", "", "address of the phone system's admin page or API")
	clientID := fs.String("client-id", "", "API client `ID` created on the phone system")
	file := fs.String("file", "", "inventory `file`, for the csv connector")
	contact := fs.String("contact", "", "who to talk to at the site (for a new site)")
	trust := fs.String("trust-fingerprint", "", "trust the phone system's self-signed certificate with this SHA-256 `fingerprint`, after you have checked it on the phone system")
	options := optionFlags{}
	fs.Var(options, "option", "connector `key=value` setting, e.g. calls=yes (repeatable)")
	dataDir := fs.String("data-dir", "", "`folder` for saved sites")
	if err := parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*site) == "" {
		return usagef("connect needs --site NAME")
	}
	kind, ok := connectors.Lookup(*kindName)
	if !ok {
		return usagef("connect needs --connector, one of: %s", kindNames())
	}
	store, err := openStore(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	s, isNew, err := siteOrNew(store, *site, *contact, e)
	if err != nil {
		return err
	}
	if err := kind.CheckOptions(options); err != nil {
		return usagef("--option: %v", err)
	}
	s.Connector = checklist.ConnectorSettings{Kind: kind.Name, URL: *rawURL, ClientID: *clientID, File: *file, Options: options}
	if err := requireFields(kind, s.Connector); err != nil {
		return err
	}
	if s.Connector.URL != "" {
		// Saved tidied: a query or fragment copied from the browser has no
		// place in site.json.
		if s.Connector.URL, err = httpx.CheckAddress(kind.Name, s.Connector.URL); err != nil {
			return usagef("--url: %v", err)
		}
	}
	if *trust != "" {
		if err := pin(&s, *trust, e); err != nil {
			return err
		}
	}
	secret := ""
	if needsSecret(kind) {
		if secret, err = askSecret(kind, e); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stderr, "Testing the connection to %s…\n", kind.Title)
	if err := testConnection(ctx, kind, s, secret); err != nil {
		return explainConnectError(err, kind)
	}
	if needsSecret(kind) {
		if err := e.keyring().Set(s.Name, kind.Name, secret); err != nil {
			fmt.Fprintf(e.stderr, "Warning: %s\nFor audits on this computer, set %s before running ringfence audit.\n", err, secrets.EnvVar)
		}
	}
	if err := saveConnection(store, s, isNew, *trust, e); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Connected: Ringfence can read %s for %q. Audit it with: ringfence audit --site %q\n", kind.Title, s.Name, s.Name)
	return nil
}

// saveConnection saves the tested settings. An existing site is re-read under
// its lock and only its connector and pinned certificate change, so anything
// another Ringfence saved during the connection test (business hours, say) is
// kept.
func saveConnection(store *sitestore.Store, s checklist.Site, isNew bool, trust string, e env) error {
	if isNew {
		err := store.CreateSite(s)
		if !errors.Is(err, sitestore.ErrSiteExists) {
			return err
		}
		// Another Ringfence added it during the test: connect that one, if it
		// is the same site and not one whose name is merely too alike.
		if existing, rerr := store.Site(s.Name); rerr != nil || !strings.EqualFold(existing.Name, s.Name) {
			return err
		}
	}
	_, err := store.UpdateSite(s.Name, func(cur *checklist.Site) error {
		cur.Connector = s.Connector
		if trust != "" {
			return pin(cur, trust, e)
		}
		return nil
	})
	return err
}

func siteOrNew(store *sitestore.Store, name, contact string, e env) (checklist.Site, bool, error) {
	s, err := store.Site(name)
	switch {
	case err == nil:
		return s, false, nil
	case errors.Is(err, sitestore.ErrNoSite):
		return checklist.Site{Schema: checklist.SiteSchema, Name: strings.TrimSpace(name), Contact: contact, Created: e.now()}, true, nil
	}
	return s, false, err
}

func needsSecret(k connectors.Kind) bool {
	return slices.ContainsFunc(k.Fields, func(f connectors.Field) bool { return f.Secret })
}

func requireFields(k connectors.Kind, c checklist.ConnectorSettings) error {
	values := map[string]string{"url": c.URL, "client_id": c.ClientID, "file": c.File}
	flags := map[string]string{"url": "--url", "client_id": "--client-id", "file": "--file"}
	for _, f := range k.Fields {
		flag, isFlag := flags[f.Key]
		if f.Required && isFlag && strings.TrimSpace(values[f.Key]) == "" {
			return usagef("the %s connector needs %s (%s)", k.Name, flag, f.Label)
		}
	}
	if c.URL != "" {
		// The address is not repeated: it may hold a password.
		u, err := url.Parse(c.URL)
		if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
			return usagef("--url should be a web address such as https://pbx.example.com")
		}
	}
	return nil
}

// pin records a certificate fingerprint the user has checked, for the host in
// the site's URL. It replaces an earlier pin for that host.
func pin(s *checklist.Site, fingerprint string, e env) error {
	sum := strings.ToLower(strings.NewReplacer(":", "", " ", "").Replace(fingerprint))
	if b, err := hex.DecodeString(sum); err != nil || len(b) != 32 {
		return usagef("--trust-fingerprint should be a SHA-256 fingerprint: 64 hex digits, colons allowed")
	}
	u, err := url.Parse(s.Connector.URL)
	if err != nil || u.Hostname() == "" {
		return usagef("--trust-fingerprint needs --url, so Ringfence knows which host it is for")
	}
	host := u.Hostname()
	s.Pins = slices.DeleteFunc(s.Pins, func(p checklist.PinnedCert) bool { return strings.EqualFold(p.Host, host) })
	s.Pins = append(s.Pins, checklist.PinnedCert{Host: host, SHA256: sum, ConfirmedAt: e.now()})
	return nil
}

// askSecret takes the secret from $RINGFENCE_SECRET or asks for it without echo.
func askSecret(k connectors.Kind, e env) (string, error) {
	if s, ok := e.keyring().FromEnv(); ok {
		return s, nil
	}
	if !term.IsTerminal(os.Stdin.Fd()) {
		return "", fmt.Errorf("the %s connector needs its secret: set %s, or run this in a terminal to type it", k.Name, secrets.EnvVar)
	}
	label := "Secret"
	for _, f := range k.Fields {
		if f.Secret {
			label = f.Label
		}
	}
	fmt.Fprintf(e.stderr, "%s (not shown as you type): ", label)
	b, err := term.ReadPassword(os.Stdin.Fd())
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", fmt.Errorf("could not read the secret: %w", err)
	}
	if s := strings.TrimSpace(string(b)); s != "" {
		return s, nil
	}
	return "", errors.New("no secret was entered")
}

func testConnection(ctx context.Context, k connectors.Kind, s checklist.Site, secret string) error {
	src, err := k.New(s, secret)
	if err != nil {
		return err
	}
	if t, ok := src.(connectors.Tester); ok {
		return t.Test(ctx)
	}
	_, err = src.Fetch(ctx, nil)
	return err
}

// explainConnectError adds the next step to certificate problems, which only the
// user can resolve by checking the fingerprint on the phone system itself.
func explainConnectError(err error, k connectors.Kind) error {
	var untrusted *httpx.UntrustedCertError
	var changed *httpx.ChangedCertError
	switch {
	case errors.As(err, &untrusted):
		return fmt.Errorf("%w.\nIf the fingerprint matches, run the same command again with --trust-fingerprint %s", err, httpx.Fingerprint(untrusted.SHA256))
	case errors.As(err, &changed):
		return fmt.Errorf("%w.\nIf the phone system's certificate was renewed on purpose, run the same command again with --trust-fingerprint %s", err, httpx.Fingerprint(changed.Presented))
	}
	return err
}

// siteSource builds the connector for a saved site, finding its secret in the
// environment, the keyring or, at a terminal, by asking.
func siteSource(site checklist.Site, e env) (connectors.Source, error) {
	kind, ok := connectors.Lookup(site.Connector.Kind)
	if !ok {
		return nil, fmt.Errorf("site %q uses the %q connector, which this build of Ringfence does not have (it has: %s)", site.Name, site.Connector.Kind, kindNames())
	}
	if err := kind.CheckOptions(site.Connector.Options); err != nil {
		// Saved before options were checked; the audit can go on, but a
		// password may be sitting in site.json.
		fmt.Fprintf(e.stderr, "Warning: the settings of %q: %v\nRun ringfence connect again for this site to replace them.\n", site.Name, err)
	}
	secret := ""
	if needsSecret(kind) {
		var ok bool
		if secret, ok = e.keyring().FromEnv(); !ok {
			var err error
			secret, err = e.keyring().Get(site.Name, kind.Name)
			if err != nil {
				if !term.IsTerminal(os.Stdin.Fd()) {
					return nil, fmt.Errorf("%s: %w. Set %s or run 'ringfence connect' again", site.Name, err, secrets.EnvVar)
				}
				fmt.Fprintf(e.stderr, "%s\n", err)
				if secret, err = askSecret(kind, e); err != nil {
					return nil, err
				}
			}
		}
	}
	return kind.New(site, secret)
}

// reportGaps prints each part of the phone system that could not be read,
// and why: the checks resting on it stay unknown rather than pass.
func reportGaps(inv inventory.Inventory, e env) {
	names := map[inventory.Facet]string{
		inventory.FacetPBX: "phone system's version", inventory.FacetDevices: "phones", inventory.FacetDialling: "dialling rules",
		inventory.FacetVoicemail: "voicemail mailboxes", inventory.FacetCalls: "call records", inventory.FacetTrunks: "trunks",
		inventory.FacetAdmins: "admin accounts", inventory.FacetExtensions: "extensions",
	}
	for _, g := range inv.Source.Gaps {
		what := names[g.Facet]
		if what == "" {
			what = string(g.Facet)
		}
		fmt.Fprintf(e.stderr, "Could not read the %s: %s The checks that need it stay unknown.\n", what, g.Reason)
	}
}

// reportProblems prints what a source skipped, such as bad rows of a CSV file.
func reportProblems(src connectors.Source, e env) {
	if c, ok := src.(*csvinv.Source); ok {
		for _, p := range c.Problems() {
			fmt.Fprintf(e.stderr, "%s: skipped %s\n", safetext.Line(c.Path()), safetext.Line(p.Error()))
		}
		fmt.Fprintf(e.stderr, "%s: %s\n", safetext.Line(c.Path()), c.Report().Summary())
	}
}

func runForget(ctx context.Context, args []string, e env) error {
	fs := newFlags(e, "forget", "forget --site NAME [--certificates]",
		"Removes the site's connector secrets from this computer's keyring.")
	site := fs.String("site", "", "the site's `name`")
	certs := fs.Bool("certificates", false, "also forget the certificates you trusted for this site")
	dataDir := fs.String("data-dir", "", "`folder` for saved sites")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *site == "" {
		return usagef("forget needs --site NAME")
	}
	store, err := openStore(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	s, err := store.Site(*site)
	if err != nil {
		return err
	}
	// Forget every kind, not just the current one: an earlier connector's secret
	// may still be in the keyring.
	for _, k := range connectors.Kinds() {
		if needsSecret(k) {
			if err := e.keyring().Delete(s.Name, k.Name); err != nil {
				return err
			}
		}
	}
	if *certs && len(s.Pins) > 0 {
		if _, err := store.UpdateSite(s.Name, func(cur *checklist.Site) error { cur.Pins = nil; return nil }); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "Ringfence no longer holds any secret for %q on this computer.\n", s.Name)
	return nil
}
