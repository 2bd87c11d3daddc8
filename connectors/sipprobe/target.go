// Package sipprobe looks at one phone system from the network, the way a
// stranger would: does SIP answer an OPTIONS request, what does the reply say
// the server is, is its TLS certificate valid, and which admin and
// remote-access ports accept a connection. It sends OPTIONS and nothing else,
// to one host the person names, with few packets and short deadlines, so
// nothing on the phone system changes.
package sipprobe

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// Default ports, as the SIP standard (RFC 3261) assigns them.
const (
	DefaultSIPPort = 5060
	DefaultTLSPort = 5061
)

// Target is the one host a probe looks at.
type Target struct {
	// Host is the name or address as given, without brackets or port.
	Host string
	// SIPPort is used for UDP and TCP; TLSPort for SIP over TLS.
	SIPPort, TLSPort int
}

// ParseTarget reads HOST or HOST:PORT (an IPv6 address in brackets when a port
// follows). tlsPort, when not zero, is the TLS port; otherwise it is 5061, or
// the given port plus one when a port was given. Ranges, networks, wildcards
// and lists are refused: the probe looks at one host the person names, and is
// never a scan.
func ParseTarget(arg string, tlsPort int) (Target, error) {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return Target{}, errors.New("Give the address or name of your phone system, for example pbx.example.co.uk or 203.0.113.10:5080.")
	}
	if strings.ContainsAny(arg, "/*?,; \t\r\n") {
		return Target{}, fmt.Errorf("%q is not one host. The probe looks at one phone system you name: give a single address or name, not a network, a wildcard or a list.", arg)
	}
	host, port := arg, 0
	if h, p, err := net.SplitHostPort(arg); err == nil {
		n, perr := strconv.Atoi(p)
		if perr != nil || n < 1 || n > 65535 {
			return Target{}, fmt.Errorf("%q has port %q. Give a port from 1 to 65535, or none for SIP's usual 5060.", arg, p)
		}
		host, port = h, n
	} else if strings.HasPrefix(arg, "[") && strings.HasSuffix(arg, "]") {
		host = arg[1 : len(arg)-1]
	} else if strings.Count(arg, ":") == 1 {
		return Target{}, fmt.Errorf("%q has no port number after the colon. Give HOST or HOST:PORT.", arg)
	}
	if host == "" {
		return Target{}, fmt.Errorf("%q has no host before the port. Give HOST or HOST:PORT.", arg)
	}
	if looksLikeRange(host) {
		return Target{}, fmt.Errorf("%q looks like a range of addresses. The probe looks at one phone system you name, never a range: give a single address.", arg)
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		if z := addr.Zone(); z != "" && !validName(z) {
			return Target{}, fmt.Errorf("%q names the network interface %q, which is not a name an interface has. Give the address without it, or with the interface's name, such as fe80::1%%eth0.", arg, z)
		}
		if why := unprobeable(addr); why != "" {
			return Target{}, fmt.Errorf("%q %s. Give the address of your phone system itself.", arg, why)
		}
	} else if !validName(host) {
		return Target{}, fmt.Errorf("%q is not a host name or address. Use letters, digits, dots and hyphens, for example pbx.example.co.uk.", arg)
	}
	t := Target{Host: host, SIPPort: DefaultSIPPort, TLSPort: DefaultTLSPort}
	if port != 0 {
		t.SIPPort, t.TLSPort = port, port+1
	}
	switch {
	case tlsPort < 0 || tlsPort > 65535:
		return Target{}, fmt.Errorf("TLS port %d is not a port. Give a port from 1 to 65535.", tlsPort)
	case tlsPort != 0:
		t.TLSPort = tlsPort
	case t.TLSPort > 65535:
		return Target{}, errors.New("SIP port 65535 leaves no next port for TLS. Give the TLS port with --tls-port.")
	}
	return t, nil
}

// looksLikeRange spots 10.0.0.1-20 and 10.0.0.1-10.0.0.9: digits, dots and a
// hyphen. A host name may hold hyphens, but not only digits and dots.
func looksLikeRange(host string) bool {
	if !strings.Contains(host, "-") {
		return false
	}
	return strings.Trim(host, "0123456789.-") == ""
}

// unprobeable says why an address is not one host, or "".
func unprobeable(a netip.Addr) string {
	a = a.Unmap()
	switch {
	case a.IsUnspecified():
		return "means every address, not one host"
	case a.IsMulticast():
		return "is a multicast address, which reaches many hosts at once"
	case a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "is the broadcast address, which reaches every host on the network"
	}
	return ""
}

// validName accepts DNS host names: labels of letters, digits and hyphens.
func validName(host string) bool {
	host = strings.TrimSuffix(host, ".")
	if host == "" || len(host) > 253 {
		return false
	}
	for _, label := range strings.Split(host, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// String gives the target as a person would write it.
func (t Target) String() string {
	return net.JoinHostPort(t.Host, strconv.Itoa(t.SIPPort))
}

// Private reports whether an address is one the internet cannot reach: a
// private, loopback, link-local or carrier-grade NAT address.
func Private(a netip.Addr) bool {
	a = a.Unmap()
	cgnat := netip.MustParsePrefix("100.64.0.0/10")
	return a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() || cgnat.Contains(a)
}
