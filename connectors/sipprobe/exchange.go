package sipprobe

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// Traffic tallies what a probe sent, so the figures it reports are measured,
// not assumed.
type Traffic struct {
	Datagrams   int `json:"udp_datagrams"`
	Connections int `json:"tcp_connections"`
	Requests    int `json:"sip_requests"`
}

// askUDP sends OPTIONS over UDP, once and then again after retryAfter if
// nothing came back, and waits for the final reply until the step's deadline.
func (p *prober) askUDP(ctx context.Context, addr string, port int) inventory.SIPAnswer {
	ans := inventory.SIPAnswer{Transport: "udp", Port: port, Checked: true}
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Step)
	defer cancel()
	conn, err := p.cfg.Dial(ctx, "udp", net.JoinHostPort(addr, strconv.Itoa(port)))
	if err != nil {
		ans.Note = "Could not send: " + plainNetError(err)
		return ans
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })
	defer stop()
	req := newOptions(addr, port, "UDP", conn.LocalAddr())
	buf := make([]byte, 64<<10)
	for try := 0; try < p.cfg.UDPTries; try++ {
		if ctx.Err() != nil {
			break
		}
		if _, err := conn.Write(req.bytes); err != nil {
			ans.Note = "Could not send: " + plainNetError(err)
			return ans
		}
		p.count(func(c *Traffic) { c.Datagrams++; c.Requests++ })
		wait := time.Now().Add(p.cfg.RetryAfter)
		if try == p.cfg.UDPTries-1 {
			wait, _ = ctx.Deadline()
		}
		_ = conn.SetReadDeadline(wait)
		for range maxDatagrams {
			n, err := conn.Read(buf)
			if err != nil {
				if errors.Is(err, os.ErrDeadlineExceeded) {
					break
				}
				// A refused port comes back as an ICMP message.
				ans.Note = "The computer there said nothing listens on this port."
				if !isRefused(err) {
					ans.Note = "Could not read a reply: " + plainNetError(err)
				}
				return ans
			}
			r, err := parseReply(buf[:n])
			if err != nil || (r.callID != "" && r.callID != req.callID) {
				ans.Note = "Something answered, but not with SIP."
				continue
			}
			if r.status < 200 {
				continue // a provisional reply; the final one follows
			}
			return answered(ans, r)
		}
	}
	if ans.Note == "" {
		ans.Note = "No reply before the deadline: SIP over UDP is closed or filtered here."
	}
	return ans
}

// askStream sends OPTIONS over a TCP or TLS connection and reads the reply.
func (p *prober) askStream(ctx context.Context, conn net.Conn, ans inventory.SIPAnswer, addr, transport string) inventory.SIPAnswer {
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })
	defer stop()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	req := newOptions(addr, ans.Port, transport, conn.LocalAddr())
	if _, err := conn.Write(req.bytes); err != nil {
		ans.Note = "The connection was dropped before the request was sent: " + plainNetError(err)
		return ans
	}
	p.count(func(c *Traffic) { c.Requests++ })
	var data []byte
	buf := make([]byte, 4096)
	for range maxReplies {
		for headersEnd(data) < 0 {
			if len(data) >= maxReply {
				ans.Note = fmt.Sprintf("The reply was larger than %d KB, so the probe stopped reading it.", maxReply>>10)
				if r, err := parseReply(data); err == nil {
					return answered(ans, r)
				}
				return ans
			}
			n, err := conn.Read(buf[:min(len(buf), maxReply-len(data))])
			data = append(data, buf[:n]...)
			if err != nil {
				switch {
				case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
					ans.Note = "The connection was accepted, but no SIP reply came before the deadline."
				case errors.Is(err, io.EOF) && len(data) == 0:
					ans.Note = "The connection was accepted and then closed without a reply."
				default:
					ans.Note = "The connection ended before a whole reply came: " + plainNetError(err)
				}
				if len(data) > 0 {
					// Only whole lines count: a header cut off mid-way
					// would be read as something the server never said.
					whole := data[:bytes.LastIndexByte(data, '\n')+1]
					r, perr := parseReply(whole)
					if perr != nil {
						ans.Note = "Something answered, but not with SIP."
						return ans
					}
					// Cut short, but SIP all the same: it has said what
					// it is, which is what the internet can learn too.
					ans = answered(ans, r)
					ans.Note = "It answered in SIP, but the connection ended before the rest of its reply."
					if errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
						ans.Note = "It answered in SIP, but the rest of its reply did not come before the deadline."
					}
				}
				return ans
			}
		}
		end := headersEnd(data)
		r, err := parseReply(data[:end])
		if err != nil {
			ans.Note = "Something answered, but not with SIP."
			return ans
		}
		if r.status >= 200 {
			return answered(ans, r)
		}
		// A provisional reply with no body: drop it and read the final one.
		data = data[end:]
	}
	ans.Note = "The server kept sending provisional replies and never a final one."
	return ans
}

// headersEnd returns where a reply's headers end, just past the blank line,
// or -1 before it has come. SIP asks for CRLF line ends, but a server that
// ends its lines with a bare line feed still speaks SIP.
func headersEnd(data []byte) int {
	end := -1
	for _, blank := range [][]byte{[]byte("\r\n\r\n"), []byte("\n\n"), []byte("\n\r\n")} {
		if i := bytes.Index(data, blank); i >= 0 && (end < 0 || i+len(blank) < end) {
			end = i + len(blank)
		}
	}
	return end
}

func answered(ans inventory.SIPAnswer, r reply) inventory.SIPAnswer {
	ans.Answered, ans.Status, ans.Server = true, r.status, r.server
	ans.Note = "It " + statusText(r.status) + "."
	return ans
}

// askTCP connects and asks over plain TCP.
func (p *prober) askTCP(ctx context.Context, addr string, port int) inventory.SIPAnswer {
	ans := inventory.SIPAnswer{Transport: "tcp", Port: port, Checked: true}
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Step)
	defer cancel()
	conn, err := p.dial(ctx, addr, port)
	if err != nil {
		ans.Note = connectNote(err)
		return ans
	}
	defer conn.Close()
	return p.askStream(ctx, conn, ans, addr, "TCP")
}

func (p *prober) dial(ctx context.Context, addr string, port int) (net.Conn, error) {
	p.count(func(c *Traffic) { c.Connections++ })
	return p.cfg.Dial(ctx, "tcp", net.JoinHostPort(addr, strconv.Itoa(port)))
}

// askTLS connects, checks the certificate against the system's trusted
// authorities and the host name, and asks over TLS only when it is valid: a
// request is never sent over a connection whose other end is not verified.
func (p *prober) askTLS(ctx context.Context, host, addr string, port int) (inventory.SIPAnswer, *inventory.Certificate) {
	ans := inventory.SIPAnswer{Transport: "tls", Port: port, Checked: true}
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Step)
	defer cancel()
	raw, err := p.dial(ctx, addr, port)
	if err != nil {
		ans.Note = connectNote(err)
		return ans, nil
	}
	defer raw.Close()
	conn := tls.Client(raw, &tls.Config{ServerName: host, RootCAs: p.cfg.Roots, MinVersion: tls.VersionTLS12})
	if err := conn.HandshakeContext(ctx); err != nil {
		cert := describeFailure(err, host, p.now())
		switch {
		case cert == nil && ctx.Err() != nil:
			ans.Note = "The port accepted a connection, but no TLS session was set up before the deadline: something other than SIP over TLS may be listening there."
			return ans, nil
		case cert == nil:
			ans.Note = "The port accepted a connection, but no TLS session could be set up: " + plainNetError(err)
			return ans, nil
		}
		ans.Note = "The certificate could not be trusted, so no SIP request was sent over it."
		return ans, cert
	}
	cert := describeValid(conn.ConnectionState())
	return p.askStream(ctx, conn, ans, addr, "TLS"), cert
}

// connectNote says why a TCP connection was not made.
// timedOut reports a connection that was neither accepted nor refused
// before the step's deadline.
func timedOut(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded)
}

func connectNote(err error) string {
	switch {
	case timedOut(err):
		return "No answer before the deadline: the port is closed or filtered here."
	case isRefused(err):
		return "The connection was refused: nothing listens on this port."
	}
	return "Could not connect: " + plainNetError(err)
}
