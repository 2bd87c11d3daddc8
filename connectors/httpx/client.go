package httpx

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

// Version is put in the default User-Agent; the CLI may set it at start-up.
var Version = "dev"

// Config says which phone system a Client talks to and how.
type Config struct {
	Connector string // "3cx": named in every error
	// BaseURL is where the PBX answers, e.g. https://pbx.example.com:5001.
	// Plain http is refused except on the loopback address, where nothing
	// crosses a network.
	BaseURL string
	// Pins are the self-signed certificates the user has confirmed.
	Pins   []checklist.PinnedCert
	Limits Limits
	// UserAgent defaults to "Ringfence/<Version>"; Yeastar refuses requests without one.
	UserAgent string
	// RootCAs replaces the system roots; for tests only.
	RootCAs *x509.CertPool
	// Hints replace the default advice for an HTTP status, so a connector can
	// name its own roles and screens ("give the API client the System Admin role").
	Hints map[int]string
	// Policy lists the only requests the client will send.
	Policy Policy
}

// Client sends a connector's requests. It is safe for concurrent use.
type Client struct {
	cfg    Config
	base   *url.URL
	limits Limits
	http   *http.Client
	slots  chan struct{}
}

// New checks the configuration and builds a client. It does not touch the network.
func New(cfg Config) (*Client, error) {
	if cfg.Connector == "" {
		cfg.Connector = "connector"
	}
	base, err := parseBase(cfg.Connector, cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	rules, err := cfg.Policy.compile(base.Path)
	if err != nil {
		return nil, &Error{Connector: cfg.Connector, Step: "checking the address", Err: err}
	}
	cfg.Limits = cfg.Limits.withDefaults()
	if cfg.UserAgent == "" {
		cfg.UserAgent = "Ringfence/" + Version
	}
	dialer := &net.Dialer{Timeout: cfg.Limits.Connect, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSClientConfig:       tlsConfig(base.Hostname(), cfg.Pins, cfg.RootCAs),
		TLSHandshakeTimeout:   cfg.Limits.Connect,
		ResponseHeaderTimeout: cfg.Limits.Request,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   cfg.Limits.MaxConcurrent,
		ForceAttemptHTTP2:     true,
	}
	c := &Client{
		cfg:    cfg,
		base:   base,
		limits: cfg.Limits,
		slots:  make(chan struct{}, cfg.Limits.MaxConcurrent),
	}
	c.http = &http.Client{
		Transport:     &readOnly{next: transport, host: origin(base.Scheme, base.Host), rules: rules},
		CheckRedirect: c.checkRedirect,
	}
	return c, nil
}

func parseBase(connector, raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	bad := func(why string) error {
		return &Error{Connector: connector, Step: "checking the address", Err: errors.New(why),
			Hint: "Enter the address you use to open the phone system's admin page, such as https://pbx.example.com:5001."}
	}
	if raw == "" {
		return nil, bad("no address was given")
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	// The address is never repeated in a message: it may hold a password.
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, bad("the address is not a web address")
	}
	if u.User != nil {
		return nil, bad("the address has a user name or password in it, and addresses are saved in plain text; leave them out: Ringfence asks for the secret and keeps it in the keyring")
	}
	for key := range u.Query() {
		if LooksSecret(key) {
			return nil, bad(fmt.Sprintf("the address carries %q, which looks like a password, key or token, and addresses are saved in plain text; "+
				"leave it out: Ringfence asks for the secret and keeps it in the keyring", shown(key)))
		}
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if !loopback(u.Hostname()) {
			return nil, bad("plain http would send your secret unencrypted; use the https address")
		}
	default:
		return nil, bad(fmt.Sprintf("%q addresses are not supported; use https", shown(u.Scheme)))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	u.RawQuery, u.Fragment, u.RawFragment = "", "", ""
	return u, nil
}

// CheckAddress checks a phone system's address as New would, without
// building a client, and returns it tidied (no query, no fragment, no
// trailing slash) for saving.
func CheckAddress(connector, raw string) (string, error) {
	u, err := parseBase(connector, raw)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

// LooksSecret reports whether a name (of a query parameter or an option)
// is the kind people give credentials: pwd, pass, key, token, secret...
func LooksSecret(name string) bool {
	k := strings.ToLower(name)
	for _, word := range []string{"pwd", "pass", "key", "secret", "token", "auth", "cred", "pin", "sig", "session", "cookie", "code"} {
		if strings.Contains(k, word) {
			return true
		}
	}
	return false
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// BaseURL is the address the client talks to, tidied.
func (c *Client) BaseURL() string { return c.base.String() }

// Limits are the limits in force, with defaults filled in.
func (c *Client) Limits() Limits { return c.limits }

// WithOverall bounds a whole fetch by Limits.Overall. Connectors call it at the
// start of Fetch so that a PBX answering each request just in time still
// cannot keep the user waiting for ever.
func (c *Client) WithOverall(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, c.limits.Overall)
}

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return fmt.Errorf("%w: too many redirects", ErrRedirect)
	}
	if via[0].Method != http.MethodGet {
		// Go would re-send a 307 or 308 with the same body, secret or query
		// included, and turn a 302 or 303 into a GET; neither is followed.
		p, _ := req.Context().Value(purposeKey{}).(purpose)
		return fmt.Errorf("%w: the phone system answered %s with a redirect, and Ringfence never sends a sign-in or a query on to another address", ErrRedirect, p)
	}
	if origin(req.URL.Scheme, req.URL.Host) != origin(c.base.Scheme, c.base.Host) {
		return fmt.Errorf("%w (%s)", ErrRedirect, req.URL.Host)
	}
	return nil
}

// resolve turns a path, or an absolute link the server handed back (such as
// OData's @odata.nextLink), into a URL on the configured host.
func (c *Client) resolve(step, path string, query url.Values) (*url.URL, error) {
	ref, err := url.Parse(path)
	if err != nil {
		return nil, c.fail(step, 0, fmt.Errorf("%w: the address %q could not be read", ErrBadData, path))
	}
	var u *url.URL
	if ref.IsAbs() || ref.Host != "" {
		u = c.base.ResolveReference(ref)
		if origin(u.Scheme, u.Host) != origin(c.base.Scheme, c.base.Host) {
			return nil, c.fail(step, 0, fmt.Errorf("%w (%s)", ErrRedirect, u.Host))
		}
	} else {
		u = c.base.JoinPath(ref.Path)
		u.RawQuery = ref.RawQuery
	}
	if len(query) > 0 {
		q := u.Query()
		for k, vs := range query {
			q[k] = append(q[k], vs...)
		}
		u.RawQuery = q.Encode()
	}
	return u, nil
}
