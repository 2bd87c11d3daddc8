package main

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/all"
	"github.com/ringfence/ringfence/connectors/httpx"
	"github.com/ringfence/ringfence/connectors/secrets"
)

// optionFlags collects repeated --option key=value flags.
type optionFlags map[string]string

func (o optionFlags) String() string { return "" }

func (o optionFlags) Type() string { return "key=value" }

func (o optionFlags) Set(v string) error {
	key, value, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(key) == "" {
		return errors.New("Write each option as key=value.")
	}
	o[strings.TrimSpace(key)] = strings.TrimSpace(value)
	return nil
}

// builtin is the connectors this build offers, handed to the app as well.
var builtin = all.Kinds()

func kindNames() string { return strings.Join(builtin.Names(), ", ") }

// optionHelp lists each connector's --option keys from its schema, so the
// help cannot drift from what is accepted.
func optionHelp() string {
	var b strings.Builder
	b.WriteString("Connector settings (--option key=value):")
	for _, k := range builtin.Sorted() {
		var keys []string
		for _, s := range k.Settings {
			if !s.IsOption() {
				continue
			}
			switch s.Type {
			case connectors.YesNo:
				keys = append(keys, s.Key+"=yes|no")
			case connectors.Number:
				keys = append(keys, fmt.Sprintf("%s=%d..%d", s.Key, s.Min, s.Max))
			default:
				keys = append(keys, s.Key)
			}
		}
		if len(keys) == 0 {
			keys = []string{"none"}
		}
		fmt.Fprintf(&b, "\n  %-8s %s", k.Name, strings.Join(keys, ", "))
	}
	return b.String()
}

func newConnectCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "connect",
		Example: "ringfence connect --site \"Acme Ltd\" --connector 3cx --url https://pbx.example.com --client-id ringfence\nringfence connect --site \"Acme Ltd\" --connector csv --file phones.csv",
		Short:   "Connect a site to its phone system (read-only) and test it",
		Long: "Connects a site to its phone system, tests the connection and saves the settings.\n" +
			"Ringfence only reads. The secret is asked for without showing it (or taken from\n" +
			"$RINGFENCE_SECRET) and kept in this computer's keyring, never in a file.\n\n" +
			"Connectors: " + kindNames() + "\n\n" + optionHelp(),
		Args: noArgs,
	}
	fs := cmd.Flags()
	site := fs.String("site", "", "the saved site's name (see 'ringfence sites')")
	create := fs.Bool("create", false, "add a new site (refused if the name is already saved)")
	kindName := fs.String("connector", "", "kind of phone system: "+kindNames())
	rawURL := fs.String("url", "", "address of the phone system's admin page or API")
	clientID := fs.String("client-id", "", "API client ID created on the phone system")
	file := fs.String("file", "", "inventory file, for the csv connector")
	contact := fs.String("contact", "", "who to talk to at the site (for a new site)")
	trust := fs.String("trust-fingerprint", "", "trust the phone system's self-signed certificate with this SHA-256 fingerprint, after you have checked it on the phone system")
	options := optionFlags{}
	fs.Var(options, "option", "connector key=value setting, e.g. calls=yes (repeatable)")
	completeSites(a, cmd, "site")
	completeKinds(cmd, "connector")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx, e, dataDir := cmd.Context(), a.e, &a.dataDir
		if strings.TrimSpace(*site) == "" {
			return usagef("Connect needs --site NAME, the site to connect.")
		}
		kind, ok := builtin.Lookup(*kindName)
		if !ok && strings.TrimSpace(*kindName) == "" {
			return usagef("Connect needs --connector, one of %s.", kindNames())
		}
		if !ok {
			return usagef("There is no connector called %q. Give --connector one of %s.", *kindName, kindNames())
		}
		// Everything that can be checked without the saved site is checked
		// first, so a mistake is reported whatever the site's name.
		if err := kind.CheckOptions(options); err != nil {
			return usageWrap("--option", err)
		}
		conn := checklist.ConnectorSettings{Kind: kind.Name, URL: *rawURL, ClientID: *clientID, File: *file, Options: options}
		if err := requireFields(kind, conn); err != nil {
			return err
		}
		if conn.File != "" {
			// Saved in full, so the next audit finds it from any folder.
			abs, err := filepath.Abs(conn.File)
			if err != nil {
				return fmt.Errorf("Could not work out the full path of %s: %w", conn.File, err)
			}
			conn.File = abs
		}
		if conn.URL != "" {
			// Saved tidied: a query or fragment copied from the browser has no
			// place in site.json.
			var err error
			if conn.URL, err = httpx.CheckAddress(kind.Name, conn.URL); err != nil {
				return usageWrap("--url", err)
			}
		}
		if *trust != "" {
			if err := pin(&checklist.Site{Connector: conn}, *trust, e); err != nil {
				return err
			}
		}
		store, err := openStore(e.getenv, *dataDir)
		if err != nil {
			return err
		}
		s, isNew, err := siteOrNew(store, *site, *contact, *create, e)
		if err != nil {
			return err
		}
		s.Connector = conn
		if *trust != "" {
			if err := pin(&s, *trust, e); err != nil {
				return err
			}
		}
		// Only the pin trusted now is saved over what is on disk, so a pin
		// another Ringfence saved meanwhile for another host is kept.
		save := s
		if !isNew {
			save.Pins = nil
			if *trust != "" {
				if err := pin(&save, *trust, e); err != nil {
					return err
				}
			}
		}
		secret := ""
		if kind.NeedsSecret() {
			if secret, err = askSecret(kind, e); err != nil {
				return err
			}
		}
		fmt.Fprintf(e.stderr, "Testing the connection to %s…\n", kind.Title)
		err = core.Connect(ctx, store, save, isNew, func(ctx context.Context) error {
			if err := connectors.Try(ctx, builtin, s, connectors.Secrets{ThisRun: secret}, nil); err != nil {
				return explainConnectError(err, kind)
			}
			return nil
		})
		if err != nil {
			return reconnectHint(err)
		}
		switch {
		case kind.NeedsSecret() && secret != "":
			if err := e.keyring().Set(s.Name, kind.Name, secret); err != nil {
				fmt.Fprintf(e.stderr, "Warning: %s\nFor audits on this computer, set %s before running ringfence audit.\n", err, secrets.EnvVar)
			}
		case kind.SecretOptional():
			// Connected without one: a password saved earlier must not be
			// sent from now on. No keyring means nothing was saved there.
			_ = e.keyring().Delete(s.Name, kind.Name)
		}
		fmt.Fprintf(e.stdout, "Connected: Ringfence can read %s for %q. Audit it with: ringfence audit --site %q\n", kind.Title, s.Name, s.Name)
		return nil
	}
	return cmd
}

// siteOrNew finds the saved site, or with create a new one to save once the
// connection works. Without create, a name not saved is refused: a typo must
// not quietly become a second site. With create, a name already saved is
// refused: adding a site never changes one that exists.
func siteOrNew(store *sitestore.Store, name, contact string, create bool, e env) (checklist.Site, bool, error) {
	if create {
		if err := core.NameFree(store, name); err != nil {
			return checklist.Site{}, false, reconnectHint(err)
		}
		return checklist.Site{Schema: checklist.SiteSchema, Name: strings.TrimSpace(name), Contact: contact, Created: e.now()}, true, nil
	}
	s, err := store.Site(name)
	switch {
	case err == nil:
		return s, false, nil
	case errors.Is(err, sitestore.ErrNoSite):
		name = strings.TrimSpace(name)
		err = withSuggestion(store, name, err)
		return s, false, usageError{fmt.Errorf("%w Add it with 'ringfence sites add %q', or run this again with --create.", asSentence(err), name)}
	}
	return s, false, err
}

// reconnectHint tells the user who asked to add a site that is already saved
// how to change that site's connection instead.
func reconnectHint(err error) error {
	var taken *core.NameTakenError
	if errors.As(err, &taken) {
		return fmt.Errorf("%w To change its connection, run this again without --create.", err)
	}
	return err
}

// requireFields checks the settings against the connector's schema, naming
// the flag to add when a required one is missing.
func requireFields(k connectors.Kind, c checklist.ConnectorSettings) error {
	values := map[string]string{connectors.KeyURL: c.URL, connectors.KeyClientID: c.ClientID, connectors.KeyFile: c.File}
	flags := map[string]string{connectors.KeyURL: "--url", connectors.KeyClientID: "--client-id", connectors.KeyFile: "--file"}
	for _, f := range k.Settings {
		flag, isFlag := flags[f.Key]
		if f.Required && isFlag && strings.TrimSpace(values[f.Key]) == "" {
			return usagef("The %s connector needs %s (%s).", k.Name, flag, f.Label)
		}
	}
	if err := k.Check(c); err != nil {
		// The address is not repeated: it may hold a password.
		return usageError{asSentence(err)}
	}
	return nil
}

// pin records a certificate fingerprint the user has checked, for the host in
// the site's URL. It replaces an earlier pin for that host.
func pin(s *checklist.Site, fingerprint string, e env) error {
	// A fingerprint copied from the end of an error message may bring its full stop.
	fingerprint = strings.TrimSuffix(strings.TrimSpace(fingerprint), ".")
	sum := strings.ToLower(strings.NewReplacer(":", "", " ", "").Replace(fingerprint))
	if b, err := hex.DecodeString(sum); err != nil || len(b) != 32 {
		return usagef("The --trust-fingerprint value should be a SHA-256 fingerprint: 64 hex digits, colons allowed.")
	}
	u, err := url.Parse(s.Connector.URL)
	if err != nil || u.Hostname() == "" {
		return usagef("The --trust-fingerprint flag needs --url as well, so Ringfence knows which host it is for.")
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
	optional := k.SecretOptional()
	if !term.IsTerminal(os.Stdin.Fd()) {
		if optional {
			return "", nil
		}
		return "", fmt.Errorf("The %s connector needs its secret. Set %s, or run this in a terminal to type it.", k.Name, secrets.EnvVar)
	}
	label := "Secret"
	if f, ok := k.Setting(connectors.KeySecret); ok {
		label = f.Label
	}
	if optional {
		fmt.Fprintf(e.stderr, "%s, if there is one (not shown as you type; press Enter if there is none): ", label)
	} else {
		fmt.Fprintf(e.stderr, "%s (not shown as you type): ", label)
	}
	b, err := term.ReadPassword(os.Stdin.Fd())
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", fmt.Errorf("Could not read the secret. %w", asSentence(err))
	}
	if s := strings.TrimSpace(string(b)); s != "" || optional {
		return s, nil
	}
	return "", errors.New("No secret was entered. Run this again and type it, or set " + secrets.EnvVar + ".")
}

// explainConnectError adds the next step to certificate problems, which only the
// user can resolve by checking the fingerprint on the phone system itself.
func explainConnectError(err error, k connectors.Kind) error {
	var untrusted *httpx.UntrustedCertError
	var changed *httpx.ChangedCertError
	switch {
	case errors.As(err, &untrusted):
		return fmt.Errorf("%w If the fingerprint matches, run the same command again with --trust-fingerprint %s.", asSentence(err), httpx.Fingerprint(untrusted.SHA256))
	case errors.As(err, &changed):
		return fmt.Errorf("%w If the phone system's certificate was renewed on purpose, run the same command again with --trust-fingerprint %s.", asSentence(err), httpx.Fingerprint(changed.Presented))
	}
	return err
}

// siteSource builds the connector for a saved site. connectors.Open decides
// where the secret comes from; only when it finds none, at a terminal, is
// the user asked for it.
func siteSource(site checklist.Site, e env) (connectors.Source, error) {
	src, err := connectors.Open(builtin, site, connectors.Secrets{Keyring: e.keyring()})
	var need *connectors.NeedSecretError
	if !errors.As(err, &need) {
		return src, err
	}
	if !term.IsTerminal(os.Stdin.Fd()) {
		return nil, fmt.Errorf("The site %q needs the secret for its %s connector, and there is no terminal here to ask for it. %w", site.Name, need.Kind.Name,
			sentenceError{text: asSentence(need.Err).Error() + " Set " + secrets.EnvVar + ", or run 'ringfence connect' again.", err: err})
	}
	fmt.Fprintf(e.stderr, "%s\n", need.Err)
	secret, err := askSecret(need.Kind, e)
	if err != nil {
		return nil, err
	}
	return connectors.Open(builtin, site, connectors.Secrets{ThisRun: secret, Keyring: e.keyring()})
}

func newForgetCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "forget",
		Example: "ringfence forget --site \"Acme Ltd\" --certificates",
		Short:   "Remove a site's secrets from this computer's keyring",
		Long:    "Removes the site's connector secrets from this computer's keyring.",
		Args:    noArgs,
	}
	site := cmd.Flags().String("site", "", "the site's name")
	certs := cmd.Flags().Bool("certificates", false, "also forget the certificates you trusted for this site")
	completeSites(a, cmd, "site")
	cmd.RunE = func(*cobra.Command, []string) error { return runForget(a, *site, *certs) }
	return cmd
}

func runForget(a *app, siteName string, forgetCerts bool) error {
	e, site, certs, dataDir := a.e, &siteName, &forgetCerts, &a.dataDir
	if *site == "" {
		return usagef("Forget needs --site NAME, the site whose secrets to remove.")
	}
	store, err := openStore(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	s, err := store.Site(*site)
	if err != nil {
		return withSuggestion(store, *site, err)
	}
	if err := core.Forget(store, e.keyring(), secretKinds(), s.Name, *certs && len(s.Pins) > 0); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Ringfence no longer holds any secret for %q on this computer.\n", s.Name)
	return nil
}
