package freepbx

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
)

const name = "freepbx"

// Config is what a Source needs. Secret is the API application's client
// secret, from the keyring; it goes only into the token request.
type Config struct {
	URL      string
	ClientID string
	Secret   string
	Pins     []checklist.PinnedCert
	Options  Options
	// Limits override the HTTP client's; zero fields keep the defaults.
	Limits httpx.Limits
	// RootCAs replaces the system roots; for tests only.
	RootCAs *x509.CertPool
}

// Source reads one FreePBX system.
type Source struct {
	client   *httpx.Client
	clientID string
	secret   string
	opts     Options
	sess     session
	now      func() time.Time
}

var (
	_ connectors.Source = (*Source)(nil)
	_ connectors.Tester = (*Source)(nil)
)

// hints replace the HTTP client's general advice with FreePBX's own screens.
var hints = map[int]string{
	http.StatusBadRequest:   "FreePBX refused the request; check that the api, core, voicemail and cdr modules are up to date and that the application has the scopes " + Scopes + ".",
	http.StatusUnauthorized: "Check the client ID and secret of the API application (Admin > API > Applications) and that it is still enabled.",
	http.StatusForbidden:    "The API application may not read this; give it the scopes " + Scopes + ".",
	http.StatusNotFound:     "Check the address: it should be the FreePBX admin address, and the API module must be installed (Admin > Module Admin).",
}

// New checks the settings and builds a source. It does not touch the network.
func New(cfg Config) (*Source, error) {
	if strings.TrimSpace(cfg.ClientID) == "" {
		return nil, errors.New("freepbx: no client ID was given. Copy it from Admin > API > Applications in FreePBX.")
	}
	if cfg.Secret == "" {
		return nil, errors.New("freepbx: no client secret was given. Ringfence keeps it in the system keyring; enter it when asked.")
	}
	client, err := httpx.New(httpx.Config{Connector: name, BaseURL: cfg.URL, Pins: cfg.Pins, Limits: cfg.Limits, Hints: hints, RootCAs: cfg.RootCAs,
		Policy: httpx.Policy{SignIn: []string{tokenPath}, GraphQL: graphqlPath}})
	if err != nil {
		return nil, err
	}
	return &Source{client: client, clientID: strings.TrimSpace(cfg.ClientID), secret: cfg.Secret, opts: cfg.Options.WithDefaults(defaults), now: time.Now}, nil
}

// Name is the connector's short name.
func (s *Source) Name() string { return name }

// Test signs in and reads one extension, which proves the address, the
// certificate, the credentials and the core scope in one short round trip.
func (s *Source) Test(ctx context.Context) error {
	ctx, cancel := s.client.WithOverall(ctx)
	defer cancel()
	var p extensionPage
	return s.query(ctx, "testing the connection", `query { fetchAllExtensions(first: 1) { totalCount } }`, nil, &p)
}

// Fetch reads the inventory; the parts that could not be read are its gaps.
func (s *Source) Fetch(ctx context.Context, progress func(connectors.Progress)) (connectors.Result, error) {
	inv, err := s.fetch(ctx, progress)
	return connectors.Result{Inventory: inv}, err
}

// fetch reads extensions and voicemail, and call records when Options.Calls
// is set. Only the sign-in and the extensions are essential: mailboxes and
// call records need their own scopes, and when they cannot be read they
// become gaps with the reason, so the checks resting on them stay unknown.
func (s *Source) fetch(ctx context.Context, progress func(connectors.Progress)) (inventory.Inventory, error) {
	ctx, cancel := s.client.WithOverall(ctx)
	defer cancel()
	exts, err := s.fetchExtensions(ctx, progress)
	if err != nil {
		return inventory.Inventory{}, err
	}
	inv := inventory.Inventory{
		Source: inventory.SourceInfo{
			Connector: name,
			Detail:    "FreePBX API at " + s.client.BaseURL(),
			FetchedAt: s.now().UTC(),
			Collected: []inventory.Facet{inventory.FacetPBX, inventory.FacetExtensions, inventory.FacetVoicemail},
		},
		// The read scopes give no module or framework versions, so the
		// version stays unknown and the audit asks for it.
		PBX:        inventory.PBX{Product: "FreePBX"},
		Extensions: make([]inventory.Extension, 0, len(exts)),
	}
	optional := func(f inventory.Facet, err error) error {
		if err == nil || !httpx.Skippable(err) {
			return err
		}
		inv.AddGap(f, httpx.GapReason(err))
		return nil
	}
	boxes, err := s.fetchVoicemail(ctx, exts, progress)
	if err := optional(inventory.FacetVoicemail, err); err != nil {
		return inventory.Inventory{}, err
	}
	inv.Voicemail = boxes
	for _, e := range exts {
		inv.Extensions = append(inv.Extensions, e.extension())
	}
	if s.opts.Calls {
		inv.Source.Collected = append(inv.Source.Collected, inventory.FacetCalls)
		calls, total, err := s.fetchCalls(ctx)
		if err := optional(inventory.FacetCalls, err); err != nil {
			return inventory.Inventory{}, err
		}
		inv.Calls = calls
		if total > len(calls) {
			inv.Source.Detail += fmt.Sprintf("; the newest %d of %d call records", len(calls), total)
		}
		if progress != nil && err == nil {
			progress(connectors.Progress{Step: "calls", Done: len(calls), Total: len(calls)})
		}
	}
	return inv, nil
}
