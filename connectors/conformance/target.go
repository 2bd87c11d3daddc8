// Package conformance holds the suites every HTTP connector must pass: a
// hostile server must give a clear error within the configured deadline, the
// phone system must see nothing but reads, and no secret or PIN may reach an
// error, a log line or the inventory.
//
// A connector joins by adding a Target to the table in conformance_test.go:
// a fake server, a constructor and the secret values the fake holds.
package conformance

import (
	"crypto/x509"
	"net/http"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
)

// Endpoint is how the suites point a connector at a test server.
type Endpoint struct {
	URL     string
	RootCAs *x509.CertPool
	Pins    []checklist.PinnedCert
	Limits  httpx.Limits
	Secret  string
	// PageSize asks for small pages, so that paging is exercised; 0 keeps
	// the connector's default.
	PageSize int
}

// Target is one connector under test.
type Target struct {
	Name string // as in errors, e.g. "3cx"
	// Fake serves a healthy phone system holding Secret, PINs and Others. It
	// must fail t on any request a read-only client would not send.
	Fake func(t testing.TB) http.Handler
	// IsAuth says which requests are the sign-in; hostile servers pass them to
	// Fake so that the hostility meets the connector's data reads.
	IsAuth func(r *http.Request) bool
	// IsGraphQL says which POSTs are GraphQL requests (nil: the connector sends none).
	IsGraphQL func(r *http.Request) bool
	// IsRPC says which POSTs are JSON-RPC requests (nil: the connector sends
	// none), and RPCMethods are the only methods they may name.
	IsRPC      func(r *http.Request) bool
	RPCMethods []string
	// New builds the connector for an endpoint.
	New func(e Endpoint) (connectors.Source, error)
	// Secret is the credential the fake accepts.
	Secret string
	// PINs are voicemail PINs the fake holds, none equal to an extension
	// number, so that any one found in the output is a leak.
	PINs []string
	// NoMailboxes says the phone system has no voicemail to read (Kamailio),
	// so the leak suite cannot expect mailboxes to arrive.
	NoMailboxes bool
	// Others are further secrets the fake would hand out if asked carelessly.
	Others []string
	// Dir is the connector's package folder under connectors/, so that the
	// suite can tell when a connector using httpx is missing from it.
	Dir string
	// Classify names the kind of a request ("sign-in", "read Users", "next
	// page of Users", "release"), given its body; the redirect suite
	// redirects the first request of each kind in turn. A kind that starts
	// with "release" is the hand-back of a sign-in, which may fail quietly.
	Classify func(r *http.Request, body []byte) string
	// Writes are addresses (path and query) on this phone system that change
	// it; the redirect suite sends the connector to each in turn.
	Writes []string
}

// secrets is everything that must never come out.
func (tg Target) secrets() []string {
	out := append([]string{tg.Secret}, tg.PINs...)
	return append(out, tg.Others...)
}

// HostileLimits are short, so that each hostile case ends quickly; the suites
// assert the kind of error, never the time taken.
func HostileLimits() httpx.Limits {
	return httpx.Limits{Connect: 2 * time.Second, Request: 1500 * time.Millisecond, Overall: 15 * time.Second,
		MaxBody: 1 << 20, Retries: 1, MaxConcurrent: 4, Backoff: time.Millisecond, MaxRetryWait: 5 * time.Millisecond}
}

// HealthyLimits suit a full fetch from a fake on loopback.
func HealthyLimits() httpx.Limits {
	return httpx.Limits{Connect: 5 * time.Second, Request: 10 * time.Second, Overall: 60 * time.Second,
		MaxBody: 64 << 20, Retries: 1, MaxConcurrent: 8, Backoff: time.Millisecond, MaxRetryWait: 5 * time.Millisecond}
}
