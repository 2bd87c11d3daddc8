package kamailio

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
)

// Name is the connector's short name, as saved in site files.
const Name = "kamailio"

// The only JSON-RPC methods this connector calls. Both only read.
const (
	methodDump    = "ul.dump"
	methodVersion = "core.version"
)

// defaultPath is where Kamailio's own examples dispatch JSON-RPC.
const defaultPath = "/RPC"

// Config is what a Source needs.
type Config struct {
	// URL is the JSON-RPC address, e.g. http://127.0.0.1:5071/RPC. With no
	// path, /RPC is used.
	URL string
	// User and Secret are for a web proxy in front of Kamailio that asks for
	// them; Kamailio itself has no sign-in. Both may be empty.
	User   string
	Secret string
	Pins   []checklist.PinnedCert
	// Limits override the HTTP client's; zero fields keep the defaults.
	Limits httpx.Limits
	// RootCAs replaces the system roots; for tests only.
	RootCAs *x509.CertPool
}

// Source reads one Kamailio server.
type Source struct {
	client *httpx.Client
	path   string // the JSON-RPC path, for saying where the data came from
	header http.Header
	now    func() time.Time
}

var (
	_ connectors.Source = (*Source)(nil)
	_ connectors.Tester = (*Source)(nil)
)

// hints replace the HTTP client's general advice with Kamailio's own.
var hints = map[int]string{
	http.StatusUnauthorized:        "Kamailio has no sign-in of its own, so a proxy in front of it refused the user name or password; check them.",
	http.StatusForbidden:           "Kamailio, or a proxy in front of it, refused this computer; check the xhttp:request event route in kamailio.cfg.",
	http.StatusNotFound:            "Check the address: it should be the one kamailio.cfg passes to jsonrpc_dispatch(), such as http://127.0.0.1:5071/RPC.",
	http.StatusInternalServerError: "Kamailio could not run the request; check that the usrloc and jsonrpcs modules are loaded in kamailio.cfg.",
}

// New checks the settings and builds a source. It does not touch the network.
func New(cfg Config) (*Source, error) {
	base, path := splitAddress(cfg.URL)
	policy := httpx.Policy{RPC: path, RPCMethods: []string{methodDump, methodVersion}}
	client, err := httpx.New(httpx.Config{Connector: Name, BaseURL: base, Pins: cfg.Pins, Limits: cfg.Limits, Hints: hints, RootCAs: cfg.RootCAs, Policy: policy})
	if err != nil {
		return nil, err
	}
	s := &Source{client: client, path: path, now: time.Now}
	if cfg.Secret != "" || strings.TrimSpace(cfg.User) != "" {
		// Basic authentication is what web proxies ask for; the header goes
		// only to the configured address, and httpx refuses plain http to
		// anything but this computer.
		token := base64.StdEncoding.EncodeToString([]byte(strings.TrimSpace(cfg.User) + ":" + cfg.Secret))
		s.header = http.Header{"Authorization": {"Basic " + token}}
	}
	return s, nil
}

// splitAddress separates the JSON-RPC address into the server's address
// and the path requests are posted to, so that the policy allows exactly
// that path. Anything it cannot read is passed on whole, for httpx to refuse
// with its own message.
func splitAddress(raw string) (base, path string) {
	raw = strings.TrimSpace(raw)
	probe := raw
	if !strings.Contains(probe, "://") {
		probe = "https://" + probe
	}
	u, err := url.Parse(probe)
	if err != nil || u.Host == "" {
		return raw, defaultPath
	}
	p := strings.TrimRight(u.Path, "/")
	if p == "" {
		return raw, defaultPath
	}
	i := strings.LastIndex(p, "/")
	u.Path, u.RawPath = p[:i], ""
	return u.String(), p[i:]
}

// Name is the connector's short name.
func (s *Source) Name() string { return Name }

// Test asks for Kamailio's version and reads the registrations once: the
// address, certificate, proxy sign-in and the modules in one round trip.
func (s *Source) Test(ctx context.Context) error {
	ctx, cancel := s.client.WithOverall(ctx)
	defer cancel()
	var version string
	if err := s.client.RPC(ctx, "testing the connection", methodVersion, s.header, &version); err != nil {
		return err
	}
	var dump dumpResult
	return s.client.RPC(ctx, "reading the registrations", methodDump, s.header, &dump)
}

// Fetch reads the version and the registrations. The version is optional:
// a refusal becomes a gap. The registrations are the point of this
// connector, so failing to read them fails the fetch.
func (s *Source) Fetch(ctx context.Context, progress func(connectors.Progress)) (connectors.Result, error) {
	ctx, cancel := s.client.WithOverall(ctx)
	defer cancel()
	inv := inventory.Inventory{
		Source: inventory.SourceInfo{
			Connector: Name,
			Detail:    "Kamailio JSON-RPC at " + s.client.BaseURL() + s.path,
			FetchedAt: s.now().UTC(),
			Collected: []inventory.Facet{inventory.FacetPBX, inventory.FacetDevices},
		},
		PBX: inventory.PBX{Product: "Kamailio"},
	}
	var version string
	err := s.client.RPC(ctx, "reading the version", methodVersion, s.header, &version)
	switch {
	case err == nil:
		inv.PBX.Version = parseVersion(version)
	case httpx.Skippable(err):
		inv.AddGap(inventory.FacetPBX, httpx.GapReason(err))
	default:
		return connectors.Result{}, err
	}
	var dump dumpResult
	if err := s.client.RPC(ctx, "reading the registrations", methodDump, s.header, &dump); err != nil {
		return connectors.Result{}, err
	}
	inv.Devices = dump.devices()
	if progress != nil {
		progress(connectors.Progress{Step: "registrations", Done: len(inv.Devices), Total: len(inv.Devices)})
	}
	for _, g := range cannotTell {
		inv.AddGap(g.Facet, g.Reason)
	}
	return connectors.Result{Inventory: inv}, nil
}

// cannotTell is what Kamailio does not know, so that the checks resting on
// it stay unknown and say why instead of passing on an empty list.
var cannotTell = []inventory.Gap{
	{Facet: inventory.FacetExtensions, Reason: "Kamailio knows only the extensions with a phone registered right now, and no names, so each phone shows its extension but leavers and unused extensions cannot be checked from it."},
	{Facet: inventory.FacetVoicemail, Reason: "Kamailio has no voicemail of its own; check the PINs on the system that answers your voicemail."},
	{Facet: inventory.FacetAdmins, Reason: "Kamailio has no admin accounts to read; check who can sign in to the server and its web panels yourself."},
	{Facet: inventory.FacetCalls, Reason: "Kamailio keeps no call records of its own; import them from a call-record file instead."},
	{Facet: inventory.FacetDialling, Reason: "Kamailio's dialling rules are written in its routing script, which Ringfence does not read."},
	{Facet: inventory.FacetTrunks, Reason: "Kamailio's carriers are set in its routing script and modules, which Ringfence does not read."},
}

var versionNumber = regexp.MustCompile(`\d+\.\d+(?:\.\d+)*`)

// parseVersion takes "5.6.3" from "kamailio 5.6.3 (x86_64/linux)".
func parseVersion(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 200 {
		s = s[:200]
	}
	if m := versionNumber.FindString(s); m != "" {
		return m
	}
	return safetext.Line(s)
}
