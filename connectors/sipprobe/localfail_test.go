package sipprobe

import (
	"context"
	"net"
	"net/netip"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// When this computer cannot even send a connection (no route from here, a
// local firewall, no IPv6), a port was not tried: recording it as closed
// would let an outside probe with no network pass the admin-page check.
func TestPortsThisComputerCouldNotReachAreNotTried(t *testing.T) {
	t.Parallel()
	local := []syscall.Errno{syscall.ENETUNREACH, syscall.EACCES, syscall.EPERM, syscall.EADDRNOTAVAIL, syscall.EAFNOSUPPORT}
	for _, errno := range local {
		t.Run(errno.Error(), func(t *testing.T) {
			t.Parallel()
			var sent atomic.Int32
			cfg := quick(func(c *Config) {
				c.From = "outside"
				c.Ports = []int{80, 443, 22, 23}
				c.Resolve = func(context.Context, string) ([]netip.Addr, error) {
					return []netip.Addr{netip.MustParseAddr("198.51.100.7")}, nil
				}
				c.Dial = func(_ context.Context, network, address string) (net.Conn, error) {
					sent.Add(1)
					return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", errno)}
				}
			})
			res := run(t, Target{Host: "pbx.example.net", SIPPort: 5060, TLSPort: 5061}, cfg)
			if sent.Load() == 0 {
				t.Fatal("the probe did not use the dialer it was given")
			}
			for _, p := range res.Exposure.Ports {
				if p.Checked || p.Open || !strings.Contains(p.Note, "this computer") {
					t.Errorf("port %d after %v: %+v", p.Port, errno, p)
				}
			}
		})
	}
}

// A firewall in front of the phone system that rejects a connection with
// "host prohibited" makes the connection fail with "no route to host": that
// is the port answering, so it counts as tried and closed.
func TestAPortRejectedByAFirewallIsTriedAndClosed(t *testing.T) {
	t.Parallel()
	cfg := quick(func(c *Config) {
		c.Ports = []int{80}
		c.Dial = func(_ context.Context, network, address string) (net.Conn, error) {
			return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.EHOSTUNREACH)}
		}
	})
	res := run(t, Target{Host: "198.51.100.7", SIPPort: 5060, TLSPort: 5061}, cfg)
	if p := res.Exposure.Ports[0]; !p.Checked || p.Open {
		t.Errorf("a port a firewall rejected: %+v", p)
	}
}

// A port that neither accepts nor refuses before its step's deadline is
// recorded as silent, and one that refuses is not: the exposure checks need
// that difference to tell a tight firewall from a probe that reached nothing.
func TestSilentPortsAreToldFromRefusedOnes(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		dial   func(ctx context.Context, network, address string) (net.Conn, error)
		silent bool
	}{
		"dropped": {func(ctx context.Context, _, _ string) (net.Conn, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}, true},
		"refused": {func(_ context.Context, network, _ string) (net.Conn, error) {
			return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
		}, false},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := quick(func(c *Config) {
				c.From = "outside"
				c.Ports = []int{80, 443, 22, 23}
				c.Resolve = func(context.Context, string) ([]netip.Addr, error) {
					return []netip.Addr{netip.MustParseAddr("198.51.100.7")}, nil
				}
				c.Dial = tc.dial
			})
			res := run(t, Target{Host: "pbx.example.net", SIPPort: 5060, TLSPort: 5061}, cfg)
			for _, p := range res.Exposure.Ports {
				if !p.Checked || p.Open || p.Silent != tc.silent {
					t.Errorf("port %d, %s: %+v", p.Port, name, p)
				}
			}
		})
	}
}
