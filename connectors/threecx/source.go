package threecx

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
)

// Source reads one 3CX system.
type Source struct {
	cfg    Config
	client *httpx.Client
	now    func() time.Time

	mu    sync.Mutex
	token string // the current bearer token; never logged or put in an error
}

var (
	_ connectors.Source = (*Source)(nil)
	_ connectors.Tester = (*Source)(nil)
)

// hints are 3CX's own words for what to check.
var hints = map[int]string{
	http.StatusUnauthorized: "Check the client ID and API key in Integrations > API, and that the API client is enabled.",
	http.StatusForbidden:    "The API client's role cannot read this: give it the System Admin role in Integrations > API.",
	http.StatusNotFound:     "Check the address; the XAPI needs 3CX version 20 with an Enterprise licence.",
}

// policy is every request the connector sends: the documented token POST
// and GETs of the collections it reads. 3CX changes things with POST, PATCH
// and DELETE, and with POSTs to actions such as Users(1)/Pbx.ResetToken; none
// of them can pass.
var policy = httpx.Policy{
	SignIn: []string{tokenPath},
	Reads: []string{
		"/xapi/v1/SystemStatus", "/xapi/v1/Users", "/xapi/v1/SipDevices", "/xapi/v1/CountryCodes",
		"/xapi/v1/OutboundRules", "/xapi/v1/Trunks", "/xapi/v1/CallHistoryView",
	},
}

// New checks the settings and prepares a source; it does not connect.
func New(cfg Config) (*Source, error) {
	if strings.TrimSpace(cfg.ClientID) == "" {
		return nil, errors.New("3cx: the API client ID is missing. Enter the client ID from Integrations > API in the 3CX admin console.")
	}
	if cfg.Secret == "" {
		return nil, errors.New("3cx: the API key is missing. Enter the key 3CX showed when the API client was created.")
	}
	if cfg.PageSize <= 0 {
		cfg.PageSize = 500
	}
	c, err := httpx.New(httpx.Config{
		Connector: Name, BaseURL: cfg.URL, Pins: cfg.Pins, Limits: cfg.Limits,
		RootCAs: cfg.RootCAs, Hints: hints, Policy: policy,
	})
	if err != nil {
		return nil, err
	}
	return &Source{cfg: cfg, client: c, now: time.Now}, nil
}

// Name is the connector's short name.
func (s *Source) Name() string { return Name }

// facets are what a 3CX fetch collects, in the order progress is reported.
func (s *Source) facets() []inventory.Facet {
	f := []inventory.Facet{inventory.FacetPBX, inventory.FacetExtensions, inventory.FacetVoicemail,
		inventory.FacetAdmins, inventory.FacetDevices, inventory.FacetDialling}
	if s.cfg.Calls {
		f = append(f, inventory.FacetCalls)
	}
	return f
}

// Fetch reads the inventory; the parts that could not be read are its gaps.
func (s *Source) Fetch(ctx context.Context, progress func(connectors.Progress)) (connectors.Result, error) {
	inv, err := s.fetch(ctx, progress)
	return connectors.Result{Inventory: inv}, err
}

// fetch reads the inventory. Only the sign-in and the users (extensions,
// mailboxes and admins) are essential; a part that differs between versions
// and licences (the system version, phones, dialling rules, call history)
// and cannot be read becomes a gap with the reason, so the checks resting on
// it stay unknown and say why.
func (s *Source) fetch(ctx context.Context, progress func(connectors.Progress)) (inventory.Inventory, error) {
	ctx, cancel := s.client.WithOverall(ctx)
	defer cancel()
	report := func(step string, done, total int) {
		if progress != nil {
			progress(connectors.Progress{Step: step, Done: done, Total: total})
		}
	}
	inv := inventory.Inventory{Source: inventory.SourceInfo{
		Connector: Name, Detail: s.client.BaseURL(), FetchedAt: s.now().UTC(), Collected: s.facets(),
	}}
	// optional records a failed optional part as a gap; anything else stops the fetch.
	optional := func(f inventory.Facet, err error) error {
		if err == nil || !httpx.Skippable(err) {
			return err
		}
		inv.AddGap(f, httpx.GapReason(err))
		return nil
	}
	if err := s.signIn(ctx); err != nil {
		return inventory.Inventory{}, err
	}
	pbx, err := s.readSystem(ctx)
	if err := optional(inventory.FacetPBX, err); err != nil {
		return inventory.Inventory{}, err
	}
	inv.PBX = pbx
	inv.PBX.Product = "3CX" // known from the sign-in, even when the version is not
	report("pbx", 1, 1)

	users, err := s.readUsers(ctx, func(done, total int) { report("users", done, total) })
	if err != nil {
		return inventory.Inventory{}, err
	}
	inv.Extensions, inv.Voicemail, inv.Admins = users.extensions, users.mailboxes, users.admins

	devices, err := s.readDevices(ctx, func(done, total int) { report("devices", done, total) })
	if err := optional(inventory.FacetDevices, err); err != nil {
		return inventory.Inventory{}, err
	}
	inv.Devices = devices
	dialling, err := s.readDialling(ctx)
	if err := optional(inventory.FacetDialling, err); err != nil {
		return inventory.Inventory{}, err
	}
	inv.Dialling = dialling
	report("dialling", 1, 1)
	if s.cfg.Calls {
		days, since := s.callWindow(inv.Source.FetchedAt)
		inv.Source.CallDays, inv.Source.CallsSince = days, since
		calls, err := s.readCalls(ctx, since, func(done, total int) { report("calls", done, total) })
		if err := optional(inventory.FacetCalls, err); err != nil {
			return inventory.Inventory{}, err
		}
		inv.Calls = calls
	}
	return inv, nil
}

// Test signs in and reads one user, the one read an audit cannot do without,
// to check the settings in seconds. The system version is not read here: its
// resource differs between versions and licences, and a fetch records it as
// a gap when missing.
func (s *Source) Test(ctx context.Context) error {
	ctx, cancel := s.client.WithOverall(ctx)
	defer cancel()
	if err := s.signIn(ctx); err != nil {
		return err
	}
	var one struct {
		Value []struct {
			ID int `json:"Id"`
		} `json:"value"`
	}
	return s.get(ctx, "reading users", "/xapi/v1/Users", url.Values{"$select": {"Id"}, "$top": {"1"}}, &one)
}
