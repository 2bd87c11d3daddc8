package sipprobe

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"math/rand/v2"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// onlyOptions fails the test unless every part is one whole OPTIONS request
// with no body: the probe must never send REGISTER, INVITE or anything else.
func onlyOptions(t *testing.T, what string, parts [][]byte) {
	t.Helper()
	for _, p := range parts {
		head, body, ok := bytes.Cut(p, []byte("\r\n\r\n"))
		if !ok || len(body) != 0 {
			t.Errorf("%s: not one whole request with no body: %q", what, p)
			continue
		}
		lines := strings.Split(string(head), "\r\n")
		if !strings.HasPrefix(lines[0], "OPTIONS sip") || !strings.HasSuffix(lines[0], " SIP/2.0") {
			t.Errorf("%s: request line %q is not OPTIONS", what, lines[0])
		}
		for _, l := range lines[1:] {
			if strings.HasPrefix(l, "CSeq:") && l != "CSeq: 1 OPTIONS" {
				t.Errorf("%s: %q", what, l)
			}
			if strings.HasPrefix(l, "Authorization") || strings.HasPrefix(l, "Proxy-Authorization") {
				t.Errorf("%s: sends credentials: %q", what, l)
			}
		}
	}
}

func TestAnsweringServerIsReportedAndJudged(t *testing.T) {
	t.Parallel()
	s := startSIP(t, answer("200 OK", "Asterisk PBX 13.1.0"), answer("200 OK", "FPBX-16.0.40(13.1.0)"), nil, nil)
	res := run(t, s.target, quick())
	udp, tcp := res.Exposure.SIP[0], res.Exposure.SIP[1]
	if !udp.Answered || udp.Status != 200 || udp.Server != "Asterisk PBX 13.1.0" {
		t.Errorf("UDP: %+v", udp)
	}
	if !tcp.Answered || tcp.Status != 200 || tcp.Server != "FPBX-16.0.40(13.1.0)" {
		t.Errorf("TCP: %+v", tcp)
	}
	if c := res.Disclosed[0].Verdict.Class(); c != firmware.ClassVulnerable {
		t.Errorf("Asterisk 13.1.0 judged %s", c)
	}
	if res.Disclosed[1].Identity.Model != "FreePBX" {
		t.Errorf("FreePBX header read as %+v", res.Disclosed[1].Identity)
	}
	if res.Sent.Datagrams != 1 {
		t.Errorf("a server that answers at once got %d datagrams, want 1", res.Sent.Datagrams)
	}
	onlyOptions(t, "UDP", s.udp.all())
	onlyOptions(t, "TCP", s.tcp.all())
	if !res.Exposure.PrivateAddress {
		t.Error("127.0.0.1 not marked as an address the internet cannot reach")
	}
}

func TestSilentServerGetsAtMostTheRetries(t *testing.T) {
	t.Parallel()
	s := startSIP(t, silent, silent, nil, nil)
	res := run(t, s.target, quick())
	for _, a := range res.Exposure.SIP[:2] {
		if a.Answered || !a.Checked || !strings.Contains(a.Note, "deadline") {
			t.Errorf("%s: %+v", a.Transport, a)
		}
	}
	if got := len(s.udp.all()); got != 2 || res.Sent.Datagrams != 2 {
		t.Errorf("silent UDP server got %d datagrams (probe counted %d), want the 2 tries", got, res.Sent.Datagrams)
	}
	onlyOptions(t, "UDP", s.udp.all())
	onlyOptions(t, "TCP", s.tcp.all())
}

func TestSlowServerIsNotWaitedForBeyondTheStep(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	slow := func(req []byte) [][]byte { <-release; return [][]byte{sipReply("200 OK", "late", req)} }
	s := startSIP(t, silent, slow, nil, nil)
	res := run(t, s.target, quick())
	if tcp := res.Exposure.SIP[1]; tcp.Answered || !tcp.Checked {
		t.Errorf("TCP: %+v", tcp)
	}
}

func TestProvisionalThenFinalReply(t *testing.T) {
	t.Parallel()
	both := func(req []byte) [][]byte {
		return [][]byte{[]byte("SIP/2.0 100 Trying\r\nCall-ID: " + callID(req) + "\r\nContent-Length: 0\r\n\r\n"), sipReply("200 OK", "kamailio (5.6.3 (x86_64/linux))", req)}
	}
	s := startSIP(t, both, both, nil, nil)
	res := run(t, s.target, quick())
	for i, a := range res.Exposure.SIP[:2] {
		if a.Status != 200 || res.Disclosed[i].Identity.Vendor != "Kamailio" {
			t.Errorf("%s: %+v %+v", a.Transport, a, res.Disclosed[i].Identity)
		}
	}
}

func TestRedirectIsReportedNotFollowed(t *testing.T) {
	t.Parallel()
	redirect := func(req []byte) [][]byte {
		r := sipReply("302 Moved Temporarily", "x", req)
		return [][]byte{bytes.Replace(r, []byte("Content-Length"), []byte("Contact: <sip:203.0.113.99:5060>\r\nContent-Length"), 1)}
	}
	s := startSIP(t, redirect, redirect, nil, nil)
	res := run(t, s.target, quick())
	for _, a := range res.Exposure.SIP[:2] {
		if a.Status != 302 || !strings.Contains(a.Note, "redirect") {
			t.Errorf("%s: %+v", a.Transport, a)
		}
	}
	if res.Sent.Requests != 2 {
		t.Errorf("sent %d requests, want one per transport that answered", res.Sent.Requests)
	}
}

func TestGarbageIsNotMistakenForSIP(t *testing.T) {
	t.Parallel()
	junk := func(req []byte) [][]byte {
		return [][]byte{[]byte("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n")}
	}
	s := startSIP(t, junk, junk, nil, nil)
	res := run(t, s.target, quick())
	for _, a := range res.Exposure.SIP[:2] {
		if a.Answered || !strings.Contains(a.Note, "not with SIP") || a.Server != "" {
			t.Errorf("%s: %+v", a.Transport, a)
		}
	}
}

func TestHugeReplyIsCutOff(t *testing.T) {
	t.Parallel()
	huge := func(req []byte) [][]byte {
		head := []byte("SIP/2.0 200 OK\r\nServer: " + strings.Repeat("A", 3000) + "\r\n")
		return [][]byte{head, bytes.Repeat([]byte("X-Pad: yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\r\n"), 1<<15)}
	}
	s := startSIP(t, huge, huge, nil, nil)
	res := run(t, s.target, quick())
	for _, a := range res.Exposure.SIP[:2] {
		if len([]rune(a.Server)) > maxServerRunes+1 {
			t.Errorf("%s kept a %d-character Server header", a.Transport, len(a.Server))
		}
	}
	if tcp := res.Exposure.SIP[1]; !strings.Contains(tcp.Note, "larger than") && tcp.Status != 200 {
		t.Errorf("TCP: %+v", tcp)
	}
}

func TestEscapeCodesInServerHeaderAreDefused(t *testing.T) {
	t.Parallel()
	evil := "\x1b]52;c;ZXZpbA==\x07\x1b[2JAsterisk PBX 18.20.0\u202e\r"
	s := startSIP(t, answer("200 OK", evil), answer("200 OK", evil), nil, nil)
	res := run(t, s.target, quick())
	for _, a := range res.Exposure.SIP[:2] {
		if !safetext.Clean(a.Server) || a.Server == "" {
			t.Errorf("%s: Server kept unsafe characters: %q", a.Transport, a.Server)
		}
	}
}

func TestTLSCertificates(t *testing.T) {
	t.Parallel()
	p := newPKI(t)
	now := time.Now()
	for _, c := range []struct {
		name  string
		cfg   *tls.Config
		valid bool
		says  string
	}{
		{"valid", p.serverConfig(t, loopback(), nil, now.Add(-time.Hour), now.Add(time.Hour), false), true, ""},
		{"self-signed", p.serverConfig(t, loopback(), nil, now.Add(-time.Hour), now.Add(time.Hour), true), false, "self-signed"},
		{"expired", p.serverConfig(t, loopback(), nil, now.Add(-48*time.Hour), now.Add(-24*time.Hour), false), false, "expired on"},
		{"wrong name", p.serverConfig(t, []net.IP{net.ParseIP("192.0.2.1")}, []string{"other.example"}, now.Add(-time.Hour), now.Add(time.Hour), false), false, "is for other.example, 192.0.2.1, not for 127.0.0.1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := startSIP(t, silent, silent, c.cfg, answer("200 OK", "Asterisk PBX 22.0.0"))
			res := run(t, s.target, quick(func(cfg *Config) { cfg.Roots = p.roots }))
			cert, ans := res.Exposure.TLS, res.Exposure.SIP[2]
			if cert == nil {
				t.Fatalf("no certificate recorded: %+v", ans)
			}
			if cert.Valid != c.valid || !strings.Contains(cert.Problem, c.says) {
				t.Errorf("certificate %+v, want valid %v saying %q", cert, c.valid, c.says)
			}
			if c.valid {
				if !ans.Answered || ans.Status != 200 {
					t.Errorf("TLS answer %+v", ans)
				}
				onlyOptions(t, "TLS", s.tls.all())
				return
			}
			if got := s.tls.all(); len(got) != 0 || ans.Answered {
				t.Errorf("a request went over an untrusted connection: %q", got)
			}
		})
	}
}

func TestPortsOpenAndClosed(t *testing.T) {
	t.Parallel()
	open, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer open.Close()
	go func() {
		for {
			c, err := open.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	gone, _ := net.Listen("tcp", "127.0.0.1:0")
	closedPort := gone.Addr().(*net.TCPAddr).Port
	gone.Close()
	openPort := open.Addr().(*net.TCPAddr).Port
	s := startSIP(t, silent, silent, nil, nil)
	res := run(t, s.target, quick(func(c *Config) { c.Ports = []int{openPort, closedPort} }))
	if p := res.Exposure.Ports[0]; !p.Checked || !p.Open {
		t.Errorf("listening port: %+v", p)
	}
	if p := res.Exposure.Ports[1]; !p.Checked || p.Open || !strings.Contains(p.Note, "refused") {
		t.Errorf("closed port: %+v", p)
	}
}

// TestOverallDeadlineMarksTheRestNotTried: a probe cut short says what it
// never tried, instead of reporting those parts as closed.
func TestOverallDeadlineMarksTheRestNotTried(t *testing.T) {
	t.Parallel()
	s := startSIP(t, silent, silent, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	var once bool
	cfg := quick(func(c *Config) {
		c.Ports = []int{1, 2, 3}
		c.Parallel = 1
		c.Progress = func(step string) {
			if strings.Contains(step, "UDP") && !once {
				once = true
				cancel()
			}
		}
	})
	res, err := Run(ctx, s.target, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Stopped {
		t.Error("not marked as stopped")
	}
	for _, a := range res.Exposure.SIP {
		if a.Checked {
			t.Errorf("%s marked tried after the probe was stopped: %+v", a.Transport, a)
		}
	}
	if got := len(s.udp.all()) + len(s.tcp.all()); got > 1 {
		t.Errorf("a stopped probe still sent %d requests", got)
	}
}

// TestHostileServersOnlyEverGetOptions runs the probe against servers that
// answer each request at random, with SIP, junk, silence or floods, and
// checks that whatever they do the probe sends only OPTIONS, within its
// packet budget, and keeps nothing unsafe.
func TestHostileServersOnlyEverGetOptions(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 5))
	pick := func(seed uint64) behaviour {
		rr := rand.New(rand.NewPCG(seed, 9))
		return func(req []byte) [][]byte {
			switch rr.IntN(7) {
			case 0:
				return nil
			case 1:
				junk := make([]byte, 1+rr.IntN(2000))
				for i := range junk {
					junk[i] = byte(rr.IntN(256))
				}
				return [][]byte{junk}
			case 2:
				return [][]byte{sipReply(fmt.Sprintf("%d Whatever", 100+rr.IntN(600)), "\x1b[31m\u200fevil\x00", req)}
			case 3:
				return [][]byte{[]byte("SIP/2.0 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"x\", nonce=\"y\"\r\nCall-ID: " + callID(req) + "\r\n\r\n")}
			case 4:
				return [][]byte{[]byte("SIP/2.0 180 Ringing\r\n\r\n"), []byte("SIP/2.0 183 Progress\r\n\r\n")}
			case 5:
				return [][]byte{bytes.Repeat([]byte("SIP/2.0 200 OK\r\n"), 5000)}
			}
			return [][]byte{sipReply("200 OK", "Yealink SIP-T46S 66.86.0.15", req)}
		}
	}
	for i := range 6 {
		s := startSIP(t, pick(r.Uint64()), pick(r.Uint64()), nil, nil)
		res := run(t, s.target, quick(func(c *Config) { c.Step = 250 * time.Millisecond }))
		onlyOptions(t, fmt.Sprintf("round %d UDP", i), s.udp.all())
		onlyOptions(t, fmt.Sprintf("round %d TCP", i), s.tcp.all())
		if n := len(s.udp.all()); n > 2 {
			t.Errorf("round %d: %d UDP datagrams, budget 2", i, n)
		}
		if n := len(s.tcp.all()); n > 1 {
			t.Errorf("round %d: %d TCP requests, budget 1", i, n)
		}
		for _, a := range res.Exposure.SIP {
			if !safetext.Clean(a.Server) || !safetext.Clean(a.Note) {
				t.Errorf("round %d: unsafe text kept: %+v", i, a)
			}
		}
	}
}

func TestVantageIsRecorded(t *testing.T) {
	t.Parallel()
	s := startSIP(t, silent, silent, nil, nil)
	res := run(t, s.target, quick(func(c *Config) { c.From = inventory.VantageOutside }))
	if res.Exposure.From != inventory.VantageOutside || res.Exposure.InternetView() {
		t.Errorf("loopback probed 'from outside' must still not be the internet's view: %+v", res.Exposure)
	}
}

func TestWorstCaseByDesign(t *testing.T) {
	t.Parallel()
	if got := WorstCase(Config{}); got != 12*time.Second {
		t.Errorf("default worst case %s; the README and the confirmation say 12 s", got)
	}
	if got := WorstCase(Config{Overall: 5 * time.Second}); got != 5*time.Second {
		t.Errorf("the overall limit must cap the worst case: %s", got)
	}
	if !strings.Contains(Sends(Target{Host: "pbx", SIPPort: 5060, TLSPort: 5061}, Config{}), "at most 12 seconds") {
		t.Error("the confirmation does not give the worst case")
	}
}

// BenchmarkProbeSilentServers measures a whole probe against servers that
// never answer, with 50 ms steps: the shape of the worst case, scaled down.
func BenchmarkProbeSilentServers(b *testing.B) {
	s := startSIP(b, silent, silent, nil, nil)
	for b.Loop() {
		if _, err := Run(context.Background(), s.target, Config{Step: 50 * time.Millisecond, RetryAfter: 20 * time.Millisecond, Ports: []int{}}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTLSByNameAndByUntrustedAuthority checks a certificate against the name
// the person typed, and says so when its authority is not one this computer
// trusts (the system's roots, here, which do not hold the test CA).
func TestTLSByNameAndByUntrustedAuthority(t *testing.T) {
	t.Parallel()
	p := newPKI(t)
	now := time.Now()
	cfg := p.serverConfig(t, nil, []string{"pbx.test"}, now.Add(-time.Hour), now.Add(time.Hour), false)
	s := startSIP(t, silent, silent, cfg, answer("200 OK", "x"))
	s.target.Host = "pbx.test"
	resolve := func(context.Context, string) ([]netip.Addr, error) {
		return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
	}
	res := run(t, s.target, quick(func(c *Config) { c.Roots, c.Resolve = p.roots, resolve }))
	if c := res.Exposure.TLS; c == nil || !c.Valid || !res.Exposure.SIP[2].Answered {
		t.Errorf("a certificate for the name typed, from a trusted authority: %+v %+v", c, res.Exposure.SIP[2])
	}
	res = run(t, s.target, quick(func(c *Config) { c.Resolve = resolve }))
	if c := res.Exposure.TLS; c == nil || c.Valid || !strings.Contains(c.Problem, "authority this computer does not trust") {
		t.Errorf("an untrusted authority: %+v", c)
	}
}

// TestTricklingServerEndsAtTheStep: a server that sends its reply a byte at
// a time, never finishing, is dropped when the step's deadline comes.
func TestTricklingServerEndsAtTheStep(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				if _, err := c.Write([]byte("SIP/2.0 200 OK\r\nServer: ")); err != nil {
					return
				}
				for range 1000 { // bounded: ten seconds at most
					time.Sleep(10 * time.Millisecond) // the fake's pace, not an assertion
					if _, err := c.Write([]byte("a")); err != nil {
						return
					}
				}
			}()
		}
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	res := run(t, Target{Host: "127.0.0.1", SIPPort: port, TLSPort: port}, quick(func(c *Config) { c.Step = 200 * time.Millisecond }))
	// Its status line was SIP, so it answered; the header it never finished
	// is not taken as what it is.
	if tcp := res.Exposure.SIP[1]; !tcp.Checked || !strings.Contains(tcp.Note, "deadline") || tcp.Server != "" {
		t.Errorf("TCP: %+v", tcp)
	}
}

// A server that answers in SIP but ends its lines with a bare line feed, or
// never sends the blank line after its headers, has still disclosed that it
// speaks SIP and what it is: the probe counts it as answering.
func TestALooselyWrittenSIPReplyStillCounts(t *testing.T) {
	t.Parallel()
	for name, reply := range map[string]string{
		"bare line feeds": "SIP/2.0 200 OK\nServer: Loose PBX 1.2\nContent-Length: 0\n\n",
		"no blank line":   "SIP/2.0 200 OK\r\nServer: Loose PBX 1.2\r\n",
		"mixed line ends": "SIP/2.0 200 OK\r\nServer: Loose PBX 1.2\n\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			loose := func(req []byte) [][]byte { return [][]byte{[]byte(reply)} }
			s := startSIP(t, silent, loose, nil, nil)
			res := run(t, s.target, quick())
			tcp := res.Exposure.SIP[1]
			if !tcp.Answered || tcp.Status != 200 || tcp.Server != "Loose PBX 1.2" {
				t.Errorf("TCP: %+v", tcp)
			}
		})
	}
}
