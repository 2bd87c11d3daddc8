package yeastar

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
)

const name = "yeastar"

// Config is what a Source needs. Secret is the API application's client
// secret, from the keyring; it goes only into the sign-in request.
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

// Source reads one Yeastar P-Series system.
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

// hints replace the HTTP client's general advice with Yeastar's own screens.
var hints = map[int]string{
	http.StatusUnauthorized: "Check the client ID and secret on the PBX under Integrations > API.",
	http.StatusForbidden:    "The PBX refused this computer; check the IP restriction under Integrations > API.",
	http.StatusNotFound:     "Check the address: it should be the PBX's web address with its port (by default https on 8088), and the API must be enabled under Integrations > API.",
}

// New checks the settings and builds a source. It does not touch the network.
func New(cfg Config) (*Source, error) {
	if strings.TrimSpace(cfg.ClientID) == "" {
		return nil, errors.New("yeastar: no client ID was given. Copy it from Integrations > API on the PBX.")
	}
	if cfg.Secret == "" {
		return nil, errors.New("yeastar: no client secret was given. Ringfence keeps it in the system keyring; enter it when asked.")
	}
	// Yeastar refuses requests without a User-Agent; the client sends
	// "Ringfence/<version>" on every one.
	client, err := httpx.New(httpx.Config{Connector: name, BaseURL: cfg.URL, Pins: cfg.Pins, Limits: cfg.Limits, Hints: hints, RootCAs: cfg.RootCAs, Policy: policy()})
	if err != nil {
		return nil, err
	}
	return &Source{client: client, clientID: strings.TrimSpace(cfg.ClientID), secret: cfg.Secret, opts: cfg.Options.WithDefaults(defaults), now: time.Now}, nil
}

// Name is the connector's short name.
func (s *Source) Name() string { return name }

type systemInfo struct {
	status
	Data struct {
		ModelName       string `json:"model_name"`
		FirmwareVersion string `json:"firmware_version"`
	} `json:"data"`
}

// Test signs in, reads one extension and hands the sign-in back: the
// address, certificate, credentials and IP restriction in one short round
// trip. system/information is not read here: it differs between editions and
// permissions, and a fetch records it as a gap when refused.
func (s *Source) Test(ctx context.Context) error {
	ctx, cancel := s.client.WithOverall(ctx)
	defer cancel()
	defer s.release(ctx)
	var one pageOf[extensionRow]
	return s.get(ctx, "testing the connection", "extension/list", url.Values{"page": {"1"}, "page_size": {"1"}}, &one)
}

// Fetch reads the inventory; the parts that could not be read are its gaps.
func (s *Source) Fetch(ctx context.Context, progress func(connectors.Progress)) (connectors.Result, error) {
	inv, err := s.fetch(ctx, progress)
	return connectors.Result{Inventory: inv}, err
}

// fetch reads the system, extensions, voicemail PIN verdicts and phones, and
// call records when Options.Calls is set, with one sign-in that it hands back
// at the end. Only the sign-in and the extension list are essential: any
// other part that is refused or malformed becomes a gap with the reason, so
// the checks resting on it stay unknown and say why.
func (s *Source) fetch(ctx context.Context, progress func(connectors.Progress)) (inventory.Inventory, error) {
	ctx, cancel := s.client.WithOverall(ctx)
	defer cancel()
	defer s.release(ctx)
	inv := inventory.Inventory{
		Source: inventory.SourceInfo{
			Connector: name,
			Detail:    "Yeastar OpenAPI at " + s.client.BaseURL(),
			FetchedAt: s.now().UTC(),
			Collected: []inventory.Facet{inventory.FacetPBX, inventory.FacetExtensions, inventory.FacetVoicemail, inventory.FacetDevices},
		},
		PBX: inventory.PBX{Product: "Yeastar P-Series"},
	}
	optional := func(f inventory.Facet, err error) error {
		if err == nil || !httpx.Skippable(err) {
			return err
		}
		inv.AddGap(f, httpx.GapReason(err))
		return nil
	}
	var info systemInfo
	err := s.get(ctx, "reading the system information", "system/information", nil, &info)
	if err := optional(inventory.FacetPBX, err); err != nil {
		return inventory.Inventory{}, err
	}
	if err == nil {
		inv.Source.Detail = strings.TrimSpace(inv.Source.Detail + " " + parenthesise(info.Data.ModelName))
		inv.PBX.Version = info.Data.FirmwareVersion
	}
	exts, err := s.fetchExtensions(ctx, progress)
	if err != nil {
		return inventory.Inventory{}, err
	}
	boxes, err := s.fetchVoicemail(ctx, exts, progress)
	if err := optional(inventory.FacetVoicemail, err); err != nil {
		return inventory.Inventory{}, err
	}
	phones, err := s.fetchPhones(ctx, progress)
	if err := optional(inventory.FacetDevices, err); err != nil {
		return inventory.Inventory{}, err
	}
	inv.Extensions = make([]inventory.Extension, 0, len(exts))
	inv.Voicemail = boxes
	inv.Devices = make([]inventory.Device, 0, len(phones))
	for _, e := range exts {
		inv.Extensions = append(inv.Extensions, e.extension())
	}
	for _, p := range phones {
		inv.Devices = append(inv.Devices, p.device())
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

func parenthesise(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}
