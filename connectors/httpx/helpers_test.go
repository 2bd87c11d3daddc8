package httpx

import (
	"crypto/x509"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// testLimits leave a TLS handshake room to finish on a busy machine under the
// race detector: a test expecting a certificate or redirect error must not get
// a timeout instead. Tests about stalling servers use stallLimits.
func testLimits() Limits {
	return Limits{
		Connect: 10 * time.Second, Request: 10 * time.Second, Overall: 30 * time.Second,
		MaxBody: 1 << 20, Retries: 2, MaxConcurrent: 4,
		Backoff: time.Millisecond, MaxRetryWait: 5 * time.Millisecond,
	}
}

// stallLimits are short so that a server that stalls ends its test quickly;
// those tests assert what kind of error came back, never how long it took.
func stallLimits() Limits {
	l := testLimits()
	l.Request = 300 * time.Millisecond
	return l
}

// testPolicy is the allow-list of the tests' client.
var testPolicy = Policy{Reads: []string{"/", "/xapi/v1/Users"}, SignIn: []string{"/connect/token"}, GraphQL: "/gql"}

// newServer starts a TLS test server and a client that trusts it through
// RootCAs, the way a PBX with a proper certificate is trusted.
func newServer(t *testing.T, h http.Handler) (*httptest.Server, *Client) {
	t.Helper()
	return newServerWith(t, h, testLimits())
}

func newServerWith(t *testing.T, h http.Handler, limits Limits) (*httptest.Server, *Client) {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	c, err := New(Config{Connector: "test", BaseURL: srv.URL, Limits: limits, RootCAs: pool, Policy: testPolicy})
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func srvPool(srv *httptest.Server) *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	return pool
}
