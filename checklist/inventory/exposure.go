package inventory

import "time"

// FacetExposure is what a probe of the phone system's address found: whether
// it answers SIP, what it says it is, and which admin and remote-access ports
// accept connections. It comes from a probe the person runs, not from the
// phone system's own API.
const FacetExposure Facet = "exposure"

// Vantage is where a probe ran from. What a probe sees depends on it: from
// inside the office it shows what the office sees, and only from outside does
// it show what the internet sees.
type Vantage string

const (
	VantageInside  Vantage = "inside"
	VantageOutside Vantage = "outside"
	// VantageUnsaid: the person did not say. It is treated as inside, so no
	// finding ever claims to show the internet's view when it may not.
	VantageUnsaid Vantage = ""
)

// Exposure is one probe of one host, as saved with an audit.
type Exposure struct {
	// Host is the name or address the person gave; Address is the IP address
	// it resolved to and that was probed.
	Host    string    `json:"host"`
	Address string    `json:"address,omitempty"`
	At      time.Time `json:"at"`
	From    Vantage   `json:"from,omitempty"`
	// PrivateAddress is true when Address is one the internet cannot reach
	// (a private, loopback or link-local address), so the probe saw only
	// what the local network sees, whatever From says.
	PrivateAddress bool `json:"private_address,omitempty"`
	// RunOn names the computer the probe ran on, for the record.
	RunOn string       `json:"run_on,omitempty"`
	SIP   []SIPAnswer  `json:"sip,omitempty"`
	Ports []PortAnswer `json:"ports,omitempty"`
	TLS   *Certificate `json:"tls,omitempty"`
}

// InternetView reports whether the probe shows what the internet sees: it ran
// from outside the office, to an address the internet can reach.
func (e *Exposure) InternetView() bool {
	return e != nil && e.From == VantageOutside && !e.PrivateAddress
}

// SIPAnswer is what one SIP transport did with an OPTIONS request.
type SIPAnswer struct {
	Transport string `json:"transport"` // "udp", "tcp" or "tls"
	Port      int    `json:"port"`
	// Checked is false when this transport was never tried (the probe was
	// stopped or ran out of time first).
	Checked  bool `json:"checked"`
	Answered bool `json:"answered"`
	// Status is the SIP reply code (200, 404, 302...) when it answered.
	Status int `json:"status,omitempty"`
	// Server is what the Server or User-Agent header said, already cleaned of
	// control characters and cut to a sensible length.
	Server string `json:"server,omitempty"`
	// Note says in plain words why there was no answer, or what was odd.
	Note string `json:"note,omitempty"`
}

// PortAnswer is whether one TCP port accepted a connection.
type PortAnswer struct {
	Port    int  `json:"port"`
	Checked bool `json:"checked"`
	Open    bool `json:"open"`
	// Silent is true when the port neither accepted nor refused the
	// connection before the step's deadline: a firewall dropping it, or a
	// network that reached nothing. Only an answer elsewhere tells which.
	Silent bool   `json:"silent,omitempty"`
	Note   string `json:"note,omitempty"`
}

// Certificate is what the TLS port presented and whether it can be trusted.
type Certificate struct {
	// Valid is true when the certificate verified against the system's
	// trusted authorities for the host name given.
	Valid bool `json:"valid"`
	// Problem says plainly why it is not valid: expired, self-signed, issued
	// for another name.
	Problem string    `json:"problem,omitempty"`
	Subject string    `json:"subject,omitempty"`
	Issuer  string    `json:"issuer,omitempty"`
	Expires time.Time `json:"expires,omitzero"`
}

// PortKind groups the ports a probe tries by the risk they carry.
type PortKind string

const (
	PortAdminWeb    PortKind = "admin_web"    // a web admin page
	PortRemoteShell PortKind = "remote_shell" // SSH
	PortClearText   PortKind = "clear_text"   // Telnet and FTP: passwords sent unencrypted
)

// ProbePort is one port a probe tries, named in plain words.
type ProbePort struct {
	Port int
	Name string
	Kind PortKind
}

// ProbePorts are the admin and remote-access ports a probe tries, in the
// order it reports them.
var ProbePorts = []ProbePort{
	{80, "web admin page (HTTP, unencrypted)", PortAdminWeb},
	{443, "web admin page (HTTPS)", PortAdminWeb},
	{8080, "web admin page on port 8080 (HTTP)", PortAdminWeb},
	{8443, "web admin page on port 8443 (HTTPS)", PortAdminWeb},
	{5001, "web admin page on port 5001 (3CX's usual admin port)", PortAdminWeb},
	{22, "remote shell (SSH)", PortRemoteShell},
	{23, "Telnet (remote shell that sends passwords unencrypted)", PortClearText},
	{21, "FTP (file transfer that sends passwords unencrypted)", PortClearText},
}

// PortInfo returns the name and kind of a probed port; ok is false for a
// port that is not one a probe tries.
func PortInfo(port int) (ProbePort, bool) {
	for _, p := range ProbePorts {
		if p.Port == port {
			return p, true
		}
	}
	return ProbePort{}, false
}
