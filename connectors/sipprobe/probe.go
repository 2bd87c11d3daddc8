package sipprobe

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// Config holds the probe's limits. The zero value of a field means its default.
type Config struct {
	// Step bounds each part of the probe: resolving the name, one SIP
	// transport, one port. Default 3 s.
	Step time.Duration
	// Overall bounds the whole probe. Default 15 s.
	Overall time.Duration
	// UDPTries is how many times OPTIONS is sent over UDP when no reply
	// comes (UDP may lose a packet). Default 2, at most 3.
	UDPTries int
	// RetryAfter is how long to wait for a UDP reply before sending again.
	// Default 1 s.
	RetryAfter time.Duration
	// Parallel is how many ports are tried at once. Default 4.
	Parallel int
	// Ports are the admin and remote-access ports to try; default all of
	// inventory.ProbePorts.
	Ports []int
	// Roots are the authorities TLS certificates are checked against; nil
	// means the system's.
	Roots *x509.CertPool
	// From is where the person says the probe runs.
	From inventory.Vantage
	// Resolve finds the host's addresses; nil means the system resolver.
	Resolve func(ctx context.Context, host string) ([]netip.Addr, error)
	// Dial opens a connection for each step; nil means a net.Dialer's.
	Dial func(ctx context.Context, network, address string) (net.Conn, error)
	// Progress, when set, hears each step as it starts. It is called from
	// the probe's goroutines, so it must be safe for concurrent use.
	Progress func(step string)
	Now      func() time.Time
}

func (c Config) withDefaults() Config {
	if c.Step <= 0 {
		c.Step = 3 * time.Second
	}
	if c.Overall <= 0 {
		c.Overall = 15 * time.Second
	}
	if c.UDPTries <= 0 {
		c.UDPTries = 2
	}
	c.UDPTries = min(c.UDPTries, 3)
	if c.RetryAfter <= 0 {
		c.RetryAfter = time.Second
	}
	if c.Parallel <= 0 {
		c.Parallel = 4
	}
	if c.Ports == nil {
		for _, p := range inventory.ProbePorts {
			c.Ports = append(c.Ports, p.Port)
		}
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Dial == nil {
		var d net.Dialer
		c.Dial = d.DialContext
	}
	if c.Resolve == nil {
		c.Resolve = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
	return c
}

// Result is what one probe found.
type Result struct {
	Exposure inventory.Exposure `json:"exposure"`
	// Disclosed judges what each answering transport's Server header named,
	// in the order of Exposure.SIP; nil (null in JSON) where nothing was
	// named, so no reader mistakes an empty verdict for a judgement.
	Disclosed []*checklist.Disclosed `json:"disclosed"`
	// Sent is what the probe put on the network.
	Sent Traffic `json:"sent"`
	// Stopped is true when the overall deadline or a cancellation cut the
	// probe short; the parts not tried are marked unchecked.
	Stopped bool `json:"stopped,omitempty"`
}

type prober struct {
	cfg Config
	mu  sync.Mutex
	n   Traffic
}

func (p *prober) count(f func(*Traffic)) {
	p.mu.Lock()
	f(&p.n)
	p.mu.Unlock()
}

func (p *prober) now() time.Time { return p.cfg.Now() }

func (p *prober) progress(format string, args ...any) {
	if p.cfg.Progress != nil {
		p.cfg.Progress(fmt.Sprintf(format, args...))
	}
}

// ErrNoAddress is returned when the host's name does not resolve.
var ErrNoAddress = errors.New("no address")

// Run probes one target. An error means nothing could be probed (the name did
// not resolve, or resolved to something that is not one host); anything
// found before a deadline is returned with the rest marked not tried.
func Run(ctx context.Context, t Target, cfg Config) (Result, error) {
	p := &prober{cfg: cfg.withDefaults()}
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Overall)
	defer cancel()

	p.progress("Looking up %s", t.Host)
	addr, err := p.resolve(ctx, t.Host)
	if err != nil {
		return Result{}, err
	}
	hostname, _ := os.Hostname()
	x := inventory.Exposure{
		Host: t.Host, Address: addr.String(), At: p.now().UTC(), From: p.cfg.From,
		PrivateAddress: Private(addr), RunOn: hostname,
	}
	a := addr.String()
	x.SIP = []inventory.SIPAnswer{
		{Transport: "udp", Port: t.SIPPort}, {Transport: "tcp", Port: t.SIPPort}, {Transport: "tls", Port: t.TLSPort},
	}
	x.Ports = make([]inventory.PortAnswer, len(p.cfg.Ports))
	for i, port := range p.cfg.Ports {
		x.Ports[i] = inventory.PortAnswer{Port: port}
	}

	var wg sync.WaitGroup
	wg.Go(func() {
		// SIP one transport at a time, each within its own step deadline.
		steps := []func() inventory.SIPAnswer{
			func() inventory.SIPAnswer { p.progress("Asking SIP over UDP"); return p.askUDP(ctx, a, t.SIPPort) },
			func() inventory.SIPAnswer { p.progress("Asking SIP over TCP"); return p.askTCP(ctx, a, t.SIPPort) },
			func() inventory.SIPAnswer {
				p.progress("Asking SIP over TLS")
				ans, cert := p.askTLS(ctx, t.Host, a, t.TLSPort)
				x.TLS = cert
				return ans
			},
		}
		for i, step := range steps {
			if ctx.Err() != nil {
				break
			}
			ans := step()
			if ctx.Err() != nil && !ans.Answered {
				// Cut short by the overall deadline, not answered in time:
				// that says nothing about the server.
				ans.Checked = false
			}
			x.SIP[i] = ans
		}
	})
	wg.Go(func() { p.tryPorts(ctx, a, x.Ports) })
	wg.Wait()

	res := Result{Exposure: x, Sent: p.n, Stopped: ctx.Err() != nil}
	for i, s := range x.SIP {
		if !s.Checked {
			x.SIP[i].Note = "Not tried: the probe ran out of time or was stopped first."
		}
	}
	for i, pa := range x.Ports {
		if !pa.Checked && pa.Note == "" {
			x.Ports[i].Note = "Not tried: the probe ran out of time or was stopped first."
		}
	}
	res.Disclosed = make([]*checklist.Disclosed, len(x.SIP))
	for i, s := range x.SIP {
		if s.Server != "" {
			d := checklist.JudgeDisclosed(s.Server)
			res.Disclosed[i] = &d
		}
	}
	return res, nil
}

// resolve finds the one address to probe, refusing anything that is not a
// single host.
func (p *prober) resolve(ctx context.Context, host string) (netip.Addr, error) {
	if a, err := netip.ParseAddr(host); err == nil {
		return a.Unmap(), nil
	}
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Step)
	defer cancel()
	addrs, err := p.cfg.Resolve(ctx, host)
	if err != nil || len(addrs) == 0 {
		// A name's final dot (pbx.example.co.uk.) is left out of the sentence.
		return netip.Addr{}, fmt.Errorf("%w: the name %s could not be looked up. Check the spelling, or give the address instead", ErrNoAddress, strings.TrimSuffix(host, "."))
	}
	// A name may have several addresses; the first IPv4 one is probed, as a
	// phone would most likely use it.
	pick := addrs[0].Unmap()
	for _, a := range addrs {
		if a.Unmap().Is4() {
			pick = a.Unmap()
			break
		}
	}
	if why := unprobeable(pick); why != "" {
		return netip.Addr{}, fmt.Errorf("the name %s points to %s, which %s. The probe only looks at one host", host, pick, why)
	}
	return pick, nil
}

// tryPorts tries each port once, a few at a time.
func (p *prober) tryPorts(ctx context.Context, addr string, ports []inventory.PortAnswer) {
	sem := make(chan struct{}, p.cfg.Parallel)
	var wg sync.WaitGroup
	for i := range ports {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return
		}
		wg.Go(func() {
			defer func() { <-sem }()
			ports[i] = p.tryPort(ctx, addr, ports[i].Port)
		})
	}
	wg.Wait()
}

func (p *prober) tryPort(ctx context.Context, addr string, port int) inventory.PortAnswer {
	if ctx.Err() != nil {
		return inventory.PortAnswer{Port: port}
	}
	name := fmt.Sprintf("port %d", port)
	if info, ok := inventory.PortInfo(port); ok {
		name = info.Name
	}
	p.progress("Trying %s", name)
	step, cancel := context.WithTimeout(ctx, p.cfg.Step)
	defer cancel()
	conn, err := p.dial(step, addr, port)
	pa := inventory.PortAnswer{Port: port, Checked: true}
	if err != nil {
		if ctx.Err() != nil {
			// The whole probe was stopped or ran out of time: silence
			// then says nothing about the port.
			return inventory.PortAnswer{Port: port}
		}
		if fromHere(err) {
			return inventory.PortAnswer{Port: port, Note: "Not tried: this computer could not send to it (" + strings.TrimSuffix(plainNetError(err), ".") + "), which says nothing about the phone system. Check this computer's network and probe again."}
		}
		pa.Note = connectNote(err)
		pa.Silent = timedOut(err)
		return pa
	}
	// Nothing is sent: accepting the connection is the whole answer.
	conn.Close()
	pa.Open, pa.Note = true, "Accepts connections."
	return pa
}
