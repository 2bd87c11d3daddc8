package sipprobe

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// describeValid records a certificate that verified.
func describeValid(st tls.ConnectionState) *inventory.Certificate {
	c := &inventory.Certificate{Valid: true}
	if len(st.PeerCertificates) > 0 {
		fill(c, st.PeerCertificates[0])
	}
	return c
}

// describeFailure says plainly why a certificate was not trusted. The
// verification error itself carries the certificate the server sent, so
// describing it needs no second, unverified connection. It returns nil when
// the handshake failed for another reason.
func describeFailure(err error, host string, now time.Time) *inventory.Certificate {
	var cve *tls.CertificateVerificationError
	if !errors.As(err, &cve) || len(cve.UnverifiedCertificates) == 0 {
		return nil
	}
	leaf := cve.UnverifiedCertificates[0]
	c := &inventory.Certificate{}
	fill(c, leaf)
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var unknownCA x509.UnknownAuthorityError
	switch {
	case now.After(leaf.NotAfter):
		c.Problem = fmt.Sprintf("The certificate expired on %s.", leaf.NotAfter.UTC().Format("2 January 2006"))
	case now.Before(leaf.NotBefore):
		c.Problem = fmt.Sprintf("The certificate is not valid until %s: check the phone system's clock.", leaf.NotBefore.UTC().Format("2 January 2006"))
	case errors.As(cve.Err, &hostErr):
		c.Problem = fmt.Sprintf("The certificate is for %s, not for %s.", names(leaf), safetext.Line(host))
	case errors.As(cve.Err, &unknownCA) && selfSigned(leaf):
		c.Problem = "The certificate is self-signed: no trusted authority vouches for it, so phones cannot tell it from an impostor's."
	case errors.As(cve.Err, &unknownCA):
		c.Problem = "The certificate was issued by an authority this computer does not trust."
	case errors.As(cve.Err, &invalid):
		c.Problem = "The certificate is not valid: " + sentence(invalid.Error())
	default:
		c.Problem = "The certificate could not be verified: " + sentence(cve.Err.Error())
	}
	// Every reason above is worked out from the certificate; it is also
	// checked against the host name, so a wrong name is never hidden behind
	// another problem.
	if c.Problem != "" && !strings.Contains(c.Problem, "is for ") && leaf.VerifyHostname(host) != nil {
		c.Problem += fmt.Sprintf(" It is also for %s, not for %s.", names(leaf), safetext.Line(host))
	}
	return c
}

func selfSigned(c *x509.Certificate) bool {
	return c.CheckSignatureFrom(c) == nil
}

func fill(c *inventory.Certificate, leaf *x509.Certificate) {
	c.Subject = shorten(safetext.Line(leaf.Subject.String()))
	c.Issuer = shorten(safetext.Line(leaf.Issuer.String()))
	c.Expires = leaf.NotAfter.UTC()
}

// names lists the names a certificate is for, briefly.
func names(c *x509.Certificate) string {
	var all []string
	all = append(all, c.DNSNames...)
	for _, ip := range c.IPAddresses {
		all = append(all, ip.String())
	}
	if len(all) == 0 && c.Subject.CommonName != "" {
		all = append(all, c.Subject.CommonName)
	}
	if len(all) == 0 {
		return "no name at all"
	}
	if len(all) > 3 {
		all = append(all[:3], fmt.Sprintf("%d more", len(all)-3))
	}
	return shorten(safetext.Line(strings.Join(all, ", ")))
}
