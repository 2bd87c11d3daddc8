package conformance

import (
	"crypto/x509"
	"net/http"
	"net/http/httptest"
	"testing"
)

// start runs h on a loopback TLS server and returns a pool that trusts it,
// standing in for a PBX whose certificate a public authority signed.
func start(t testing.TB, h http.Handler) (*httptest.Server, *x509.CertPool) {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	return srv, pool
}
