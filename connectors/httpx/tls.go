package httpx

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"net"
	"strings"

	"github.com/ringfence/ringfence/checklist"
)

// tlsConfig verifies every connection itself.
//
// InsecureSkipVerify is set only because crypto/tls offers no other way to
// accept a self-signed certificate by its fingerprint: with it set, the
// standard check is skipped and verifyConnection below does the whole job on
// every handshake (including resumed ones), so the connection is never less
// checked than the default. A host with a pin must present exactly that
// certificate; any other host must present a chain to the system roots that
// names it, just as the default verifier demands.
//
// A Client talks to one host only (requests and redirects elsewhere are
// refused), so the verifier checks against that host rather than the
// connection's SNI name, which crypto/tls leaves empty for an IP address.
func tlsConfig(host string, pins []checklist.PinnedCert, roots *x509.CertPool) *tls.Config {
	v := &verifier{host: normaliseHost(host), pins: map[string]string{}, roots: roots}
	for _, p := range pins {
		v.pins[normaliseHost(p.Host)] = normaliseSum(p.SHA256)
	}
	return &tls.Config{
		MinVersion:         tls.VersionTLS12,
		ServerName:         v.host,
		InsecureSkipVerify: true, // see above: verifyConnection replaces, never weakens, the check
		VerifyConnection:   v.verifyConnection,
	}
}

type verifier struct {
	host  string
	pins  map[string]string // host -> hex SHA-256
	roots *x509.CertPool    // nil: the system roots
}

func (v *verifier) verifyConnection(cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 {
		return ErrCertInvalid
	}
	leaf := cs.PeerCertificates[0]
	sum := LeafSHA256(leaf)
	host := v.host
	if pinned, ok := v.pins[host]; ok {
		if pinned == sum {
			// The user checked this very certificate; its name and issuer do not
			// matter, which is the point of pinning a self-signed one.
			return nil
		}
		return &ChangedCertError{Host: host, Pinned: pinned, Presented: sum}
	}
	opts := x509.VerifyOptions{
		Roots:         v.roots,
		DNSName:       host,
		Intermediates: x509.NewCertPool(),
	}
	for _, c := range cs.PeerCertificates[1:] {
		opts.Intermediates.AddCert(c)
	}
	_, err := leaf.Verify(opts)
	if err == nil {
		return nil
	}
	var unknown x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	switch {
	case errors.As(err, &unknown):
		return &UntrustedCertError{Host: host, SHA256: sum}
	case errors.As(err, &hostErr):
		return ErrCertName
	}
	return ErrCertInvalid
}

// LeafSHA256 is the pin of a certificate: the SHA-256 of its DER bytes, in hex.
func LeafSHA256(c *x509.Certificate) string {
	s := sha256.Sum256(c.Raw)
	return hex.EncodeToString(s[:])
}

// normaliseHost keeps the host name only, lower case, so a pin saved for
// "PBX.example.com:5001" matches a connection to pbx.example.com.
func normaliseHost(h string) string {
	h = strings.TrimSpace(h)
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	return strings.ToLower(strings.Trim(h, "[]"))
}

// normaliseSum accepts a fingerprint as shown to people (colons, upper case)
// or as stored (plain hex).
func normaliseSum(s string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), ":", ""))
}
