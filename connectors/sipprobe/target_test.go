package sipprobe

import (
	"context"
	"errors"
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
