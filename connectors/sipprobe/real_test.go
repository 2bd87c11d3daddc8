package sipprobe_test

import (
	"context"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/connectors/kamailio/kamailiotest"
	"github.com/ringfence/ringfence/connectors/sipprobe"
)

// expires counts down between two reads of the location table; everything
// else in it must stay as it was.
var expires = regexp.MustCompile(`"Expires":\s*-?\d+`)

// TestProbeRealKamailio probes a real Kamailio on loopback over UDP and TCP:
// both must answer OPTIONS, the Server header must name Kamailio and the
// version core.version reports, and the location table must be exactly as it
// was, since the probe sends OPTIONS and nothing else.
func TestProbeRealKamailio(t *testing.T) {
	k := kamailiotest.Start(t)
	k.Register(t, "1001", "Yealink SIP-T46S 66.86.0.15", "udp")
	k.Register(t, "1002", "Cisco/SPA504G-7.6.2", "tcp")
	before := k.Dump(t)

	host, port, err := net.SplitHostPort(k.SIPUDP)
	if err != nil {
		t.Fatal(err)
	}
	sipPort, _ := strconv.Atoi(port)
	rpc, _ := url.Parse(k.RPCURL)
	rpcPort, _ := strconv.Atoi(rpc.Port())
	gone, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := gone.Addr().(*net.TCPAddr).Port
	gone.Close()

	target := sipprobe.Target{Host: host, SIPPort: sipPort, TLSPort: closed}
	res, err := sipprobe.Run(context.Background(), target, sipprobe.Config{Step: 2 * time.Second, Ports: []int{rpcPort, closed}})
	if err != nil {
		t.Fatal(err)
	}
	version := strings.Fields(k.Version) // "kamailio 5.6.3 (x86_64/linux)"
	for i, a := range res.Exposure.SIP[:2] {
		if !a.Answered || a.Status != 200 {
			t.Errorf("%s: %+v; the server log ends:\n%s", a.Transport, a, k.Log())
			continue
		}
		d := res.Disclosed[i]
		if !strings.HasPrefix(strings.ToLower(a.Server), "kamailio (") || d.Identity.Vendor != "Kamailio" || len(version) < 2 || d.Identity.Version != version[1] {
			t.Errorf("%s: Server %q read as %+v; core.version says %q", a.Transport, a.Server, d.Identity, k.Version)
		}
	}
	if tls := res.Exposure.SIP[2]; tls.Answered {
		t.Errorf("TLS answered on a closed port: %+v", tls)
	}
	if p := res.Exposure.Ports; !p[0].Open || p[1].Open {
		t.Errorf("the JSON-RPC port should accept connections and the closed one not: %+v", p)
	}
	if res.Sent.Datagrams != 1 || res.Sent.Requests != 2 {
		t.Errorf("sent %+v; want one OPTIONS over UDP and one over TCP, none over the closed TLS port", res.Sent)
	}
	after := k.Dump(t)
	if expires.ReplaceAllString(string(before), "") != expires.ReplaceAllString(string(after), "") {
		t.Errorf("the location table changed while the probe ran:\nbefore %s\nafter  %s", before, after)
	}
}
