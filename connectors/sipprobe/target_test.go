package sipprobe

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"
)

func TestParseTargetRefusesAnythingButOneHost(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ arg, says string }{
		{"", "Give the address"},
		{"10.0.0.0/24", "not one host"},
		{"10.0.0.1-20", "range"},
		{"10.0.0.1-10.0.0.9", "range"},
		{"*.example.com", "not one host"},
		{"10.0.0.?", "not one host"},
		{"10.0.0.1,10.0.0.2", "not one host"},
		{"10.0.0.1 10.0.0.2", "not one host"},
		{"pbx1;pbx2", "not one host"},
		{"0.0.0.0", "every address"},
		{"::", "every address"},
		{"224.0.1.75", "multicast"},
		{"[ff02::1]:5060", "multicast"},
		{"255.255.255.255", "broadcast"},
		{"pbx.example.com:0", "port"},
		{"pbx.example.com:70000", "port"},
		{"pbx.example.com:sip", "port"},
		{"pbx.example.com:", "port"},
		{"pbx_example!.com", "not a host name"},
		{"-pbx.example.com", "not a host name"},
		{"[2001:db8::1]:65535", "--tls-port"},
	} {
		_, err := ParseTarget(c.arg, 0)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%q: got %v, want a refusal saying %q", c.arg, err, c.says)
		}
	}
}

func TestParseTargetPorts(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		arg      string
		tls      int
		host     string
		sip, tlp int
	}{
		{"pbx.example.co.uk", 0, "pbx.example.co.uk", 5060, 5061},
		{"203.0.113.10:5080", 0, "203.0.113.10", 5080, 5081},
		{"203.0.113.10:5080", 5443, "203.0.113.10", 5080, 5443},
		{"[2001:db8::1]:5070", 0, "2001:db8::1", 5070, 5071},
		{"2001:db8::1", 0, "2001:db8::1", 5060, 5061},
		{"[2001:db8::1]", 0, "2001:db8::1", 5060, 5061},
		{"sip-1.example.com", 0, "sip-1.example.com", 5060, 5061},
	} {
		got, err := ParseTarget(c.arg, c.tls)
		if err != nil || got.Host != c.host || got.SIPPort != c.sip || got.TLSPort != c.tlp {
			t.Errorf("%q --tls-port %d: %+v, %v", c.arg, c.tls, got, err)
		}
	}
}

func TestNameResolvingToManyHostsIsRefused(t *testing.T) {
	t.Parallel()
	cfg := quick(func(c *Config) {
		c.Resolve = func(context.Context, string) ([]netip.Addr, error) {
			return []netip.Addr{netip.MustParseAddr("239.1.1.1")}, nil
		}
	})
	_, err := Run(context.Background(), Target{Host: "sneaky.example", SIPPort: 5060, TLSPort: 5061}, cfg)
	if err == nil || !strings.Contains(err.Error(), "multicast") {
		t.Errorf("got %v", err)
	}
	cfg.Resolve = func(context.Context, string) ([]netip.Addr, error) { return nil, errors.New("nxdomain") }
	if _, err := Run(context.Background(), Target{Host: "nowhere.example", SIPPort: 5060, TLSPort: 5061}, cfg); !errors.Is(err, ErrNoAddress) {
		t.Errorf("got %v", err)
	}
}

func TestPrivateAddresses(t *testing.T) {
	t.Parallel()
	for a, want := range map[string]bool{"10.1.2.3": true, "192.168.0.1": true, "172.16.5.5": true, "127.0.0.1": true,
		"100.64.1.1": true, "169.254.1.1": true, "fd00::1": true, "203.0.113.10": false, "8.8.8.8": false, "2001:db8::1": false} {
		if got := Private(netip.MustParseAddr(a)); got != want {
			t.Errorf("%s: private %v, want %v", a, got, want)
		}
	}
}

// checkTarget holds whatever ParseTarget accepts to being one host with
// ports in range.
func checkTarget(t *testing.T, arg string) {
	got, err := ParseTarget(arg, 0)
	if err != nil {
		if err.Error() == "" {
			t.Errorf("%q: an empty refusal", arg)
		}
		return
	}
	if got.Host == "" || strings.ContainsAny(got.Host, "/*?,; \t\r\n[]") || looksLikeRange(got.Host) {
		t.Errorf("%q accepted as host %q", arg, got.Host)
	}
	if got.SIPPort < 1 || got.SIPPort > 65535 || got.TLSPort < 1 || got.TLSPort > 65535 {
		t.Errorf("%q accepted with ports %d and %d", arg, got.SIPPort, got.TLSPort)
	}
	if a, err := netip.ParseAddr(got.Host); err == nil && unprobeable(a) != "" {
		t.Errorf("%q accepted an address that is not one host", arg)
	}
}

func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"pbx.example.com", "10.0.0.1:5060", "[::1]:5", "10.0.0.0/8", "a-b", "1-2", "::ffff:224.0.0.1", "x:y:z"} {
		f.Add(s)
	}
	f.Fuzz(checkTarget)
}

func TestParseTargetProperty(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("0123456789abcdef.:-/*,[] %_")
	for range 20000 {
		b := make([]byte, 1+r.IntN(24))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		checkTarget(t, string(b))
	}
	for _, s := range []string{"::ffff:224.0.0.1", "[::ffff:255.255.255.255]:5060", "::ffff:0.0.0.0"} {
		checkTarget(t, s)
	}
}
