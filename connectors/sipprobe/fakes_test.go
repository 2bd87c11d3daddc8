package sipprobe

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"
)

// behaviour is how a fake SIP server treats one request: it returns the
// bytes to send back, in pieces; nil pieces mean stay silent.
type behaviour func(req []byte) [][]byte

// received records every byte a fake server was sent, per datagram or per
// connection, so tests can prove what the probe put on the wire.
type received struct {
	mu    sync.Mutex
	parts [][]byte
}

func (r *received) add(b []byte) {
	r.mu.Lock()
	r.parts = append(r.parts, append([]byte(nil), b...))
	r.mu.Unlock()
}

func (r *received) all() [][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([][]byte(nil), r.parts...)
}

// callID pulls the Call-ID out of a request, so a reply can echo it.
func callID(req []byte) string {
	for _, line := range bytes.Split(req, []byte("\r\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("Call-ID: ")); ok {
			return string(v)
		}
	}
	return ""
}

func sipReply(status, server string, req []byte) []byte {
	return []byte("SIP/2.0 " + status + "\r\nVia: SIP/2.0/UDP x\r\nCall-ID: " + callID(req) + "\r\nCSeq: 1 OPTIONS\r\nServer: " + server + "\r\nContent-Length: 0\r\n\r\n")
}

func answer(status, server string) behaviour {
	return func(req []byte) [][]byte { return [][]byte{sipReply(status, server, req)} }
}

func silent(req []byte) [][]byte { return nil }

// fakeUDP serves SIP over UDP on loopback until the test ends.
func fakeUDP(t testing.TB, port int, b behaviour) (*received, int, error) {
	t.Helper()
	pc, err := net.ListenPacket("udp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return nil, 0, err
	}
	t.Cleanup(func() { pc.Close() })
	rec := &received{}
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			rec.add(buf[:n])
			for _, piece := range b(buf[:n]) {
				_, _ = pc.WriteTo(piece, from)
			}
		}
	}()
	return rec, pc.LocalAddr().(*net.UDPAddr).Port, nil
}

// fakeStream serves SIP over TCP (or TLS, when cfg is set) on loopback. A
// silent behaviour holds the connection open until the client gives up.
func fakeStream(t testing.TB, port int, cfg *tls.Config, b behaviour) (*received, int, error) {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return nil, 0, err
	}
	t.Cleanup(func() { ln.Close() })
	rec := &received{}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go serveConn(c, cfg, b, rec)
		}
	}()
	return rec, ln.Addr().(*net.TCPAddr).Port, nil
}

func serveConn(c net.Conn, cfg *tls.Config, b behaviour, rec *received) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second)) // a safety net only
	if cfg != nil {
		tc := tls.Server(c, cfg)
		if tc.Handshake() != nil {
			return
		}
		c = tc
	}
	var got []byte
	buf := make([]byte, 4096)
	for !bytes.Contains(got, []byte("\r\n\r\n")) {
		n, err := c.Read(buf)
		got = append(got, buf[:n]...)
		if err != nil {
			if len(got) > 0 {
				rec.add(got)
			}
			return
		}
	}
	rec.add(got)
	pieces := b(got)
	if pieces == nil {
		_, _ = io.Copy(io.Discard, c) // hold on until the client leaves
		return
	}
	for _, piece := range pieces {
		if _, err := c.Write(piece); err != nil {
			return
		}
	}
	// Read anything else the client sends, to record it, until it closes.
	rest, _ := io.ReadAll(c)
	if len(rest) > 0 {
		rec.add(rest)
	}
}

// sipServers starts UDP and TCP fakes on one port number, and a TLS fake.
type sipServers struct {
	udp, tcp, tls *received
	target        Target
}

func startSIP(t testing.TB, udp, tcp behaviour, tlsCfg *tls.Config, tlsB behaviour) sipServers {
	t.Helper()
	for range 20 {
		tcpRec, port, err := fakeStream(t, 0, nil, tcp)
		if err != nil {
			t.Fatal(err)
		}
		udpRec, _, err := fakeUDP(t, port, udp)
		if err != nil {
			continue // the UDP port of that number is taken; try another
		}
		s := sipServers{udp: udpRec, tcp: tcpRec, target: Target{Host: "127.0.0.1", SIPPort: port}}
		if tlsCfg != nil {
			s.tls, s.target.TLSPort, err = fakeStream(t, 0, tlsCfg, tlsB)
		} else {
			s.tls, s.target.TLSPort, err = fakeStream(t, 0, nil, silent)
		}
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	t.Fatal("no free port for UDP and TCP together on loopback")
	return sipServers{}
}

// quick limits keep every test short without timing anything: the deadlines
// are the probe's own, injected small.
func quick(extra ...func(*Config)) Config {
	c := Config{Step: 400 * time.Millisecond, Overall: 5 * time.Second, RetryAfter: 100 * time.Millisecond, Ports: []int{}}
	for _, f := range extra {
		f(&c)
	}
	return c
}

// certificates for the TLS fakes, made fresh for each test run.
type pki struct {
	roots *x509.CertPool
	caKey *ecdsa.PrivateKey
	ca    *x509.Certificate
}

func newPKI(t *testing.T) pki {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(der)
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	return pki{roots: roots, caKey: key, ca: ca}
}

// serverConfig makes a TLS config whose certificate is for ips and names,
// valid from nb to na, signed by the CA or, when self is set, by itself.
func (p pki) serverConfig(t *testing.T, ips []net.IP, names []string, nb, na time.Time, self bool) *tls.Config {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "pbx.test"},
		NotBefore: nb, NotAfter: na, IPAddresses: ips, DNSNames: names,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	parent, signer := p.ca, any(p.caKey)
	if self {
		parent, signer = tmpl, key
		tmpl.IsCA, tmpl.BasicConstraintsValid = true, true
		tmpl.KeyUsage |= x509.KeyUsageCertSign
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, signer)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
}

func loopback() []net.IP { return []net.IP{net.ParseIP("127.0.0.1")} }

func run(t *testing.T, target Target, cfg Config) Result {
	t.Helper()
	res, err := Run(context.Background(), target, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

var errAny = errors.New("any")
