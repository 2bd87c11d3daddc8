package kamailiotest

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
	"time"
)

// How long one SIP exchange with the local server may take.
const sipDeadline = 5 * time.Second

func token() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Register sends a real REGISTER for aor (a user such as "1001", or
// "1001@example.com") from a phone calling itself userAgent, over "udp" or
// "tcp", and fails the test unless the server answers 200 OK. Each call
// registers a contact of its own, so two calls with one aor make two devices
// on one extension.
func (s *Server) Register(t testing.TB, aor, userAgent, transport string) {
	t.Helper()
	status, err := s.register(aor, userAgent, transport)
	if err != nil {
		t.Fatalf("REGISTER %s over %s: %v", aor, transport, err)
	}
	if !strings.HasPrefix(status, "SIP/2.0 200 ") {
		t.Fatalf("REGISTER %s over %s: server answered %q, want 200 OK; its log ends:\n%s", aor, transport, status, s.Log())
	}
}

func (s *Server) register(aor, userAgent, transport string) (string, error) {
	if strings.ContainsAny(userAgent, "\r\n") || strings.ContainsAny(aor, "\r\n<>") {
		return "", errors.New("a line break or angle bracket in the REGISTER's fields would corrupt the message")
	}
	user, domain, found := strings.Cut(aor, "@")
	if !found {
		domain = "127.0.0.1"
	}
	transport = strings.ToLower(transport)
	switch transport {
	case "udp":
		return exchangeUDP(s.SIPUDP, func(local string) string {
			return registerMessage(user, domain, userAgent, "UDP", local, s.SIPUDP)
		})
	case "tcp":
		return exchangeTCP(s.SIPTCP, func(local string) string {
			return registerMessage(user, domain, userAgent, "TCP", local, s.SIPTCP)
		})
	}
	return "", fmt.Errorf("transport %q: want udp or tcp", transport)
}

func registerMessage(user, domain, userAgent, proto, local, server string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "REGISTER sip:%s SIP/2.0\r\n", server)
	fmt.Fprintf(&b, "Via: SIP/2.0/%s %s;branch=z9hG4bK%s;rport\r\n", proto, local, token())
	b.WriteString("Max-Forwards: 70\r\n")
	fmt.Fprintf(&b, "From: <sip:%s@%s>;tag=%s\r\n", user, domain, token())
	fmt.Fprintf(&b, "To: <sip:%s@%s>\r\n", user, domain)
	fmt.Fprintf(&b, "Call-ID: %s@ringfence.test\r\n", token())
	b.WriteString("CSeq: 1 REGISTER\r\n")
	// The contact carries a token of its own, so that each registration is a
	// separate device even when two come from the same address.
	fmt.Fprintf(&b, "Contact: <sip:%s@%s;transport=%s;line=%s>\r\n", user, local, strings.ToLower(proto), token())
	b.WriteString("Expires: 3600\r\n")
	if userAgent != "" {
		fmt.Fprintf(&b, "User-Agent: %s\r\n", userAgent)
	}
	b.WriteString("Content-Length: 0\r\n\r\n")
	return b.String()
}

func optionsMessage(proto, local, server string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "OPTIONS sip:%s SIP/2.0\r\n", server)
	fmt.Fprintf(&b, "Via: SIP/2.0/%s %s;branch=z9hG4bK%s;rport\r\n", proto, local, token())
	b.WriteString("Max-Forwards: 70\r\n")
	fmt.Fprintf(&b, "From: <sip:ready@ringfence.test>;tag=%s\r\n", token())
	fmt.Fprintf(&b, "To: <sip:%s>\r\n", server)
	fmt.Fprintf(&b, "Call-ID: %s@ringfence.test\r\n", token())
	b.WriteString("CSeq: 1 OPTIONS\r\n")
	b.WriteString("Content-Length: 0\r\n\r\n")
	return b.String()
}

// options checks that SIP over UDP answers, as part of waiting for readiness.
func options(addr string) error {
	status, err := exchangeUDP(addr, func(local string) string { return optionsMessage("UDP", local, addr) })
	if err != nil {
		return err
	}
	if !strings.HasPrefix(status, "SIP/2.0 200 ") {
		return fmt.Errorf("OPTIONS answered %q", status)
	}
	return nil
}

// exchangeUDP sends one request and returns the status line of the final
// answer, sending again a few times in case a datagram is lost.
func exchangeUDP(addr string, build func(local string) string) (string, error) {
	conn, err := net.Dial("udp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	msg := build(conn.LocalAddr().String())
	end := time.Now().Add(sipDeadline)
	buf := make([]byte, 65535)
	for attempt := 0; attempt < 4 && time.Now().Before(end); attempt++ {
		if _, err := conn.Write([]byte(msg)); err != nil {
			return "", err
		}
		wait := time.Now().Add(time.Duration(500<<attempt) * time.Millisecond)
		if wait.After(end) {
			wait = end
		}
		_ = conn.SetReadDeadline(wait)
		for {
			n, err := conn.Read(buf)
			if err != nil {
				break
			}
			line, _, _ := strings.Cut(string(buf[:n]), "\r\n")
			if code := statusCode(line); code >= 200 {
				return line, nil
			}
		}
	}
	return "", fmt.Errorf("no answer from %s within %s", addr, sipDeadline)
}

// exchangeTCP sends one request on a new connection and returns the status
// line of the final answer.
func exchangeTCP(addr string, build func(local string) string) (string, error) {
	conn, err := net.DialTimeout("tcp", addr, sipDeadline)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(sipDeadline))
	if _, err := io.WriteString(conn, build(conn.LocalAddr().String())); err != nil {
		return "", err
	}
	r := textproto.NewReader(bufio.NewReader(io.LimitReader(conn, 1<<20)))
	for range 10 {
		line, err := r.ReadLine()
		if err != nil {
			return "", err
		}
		hdr, err := r.ReadMIMEHeader()
		if err != nil {
			return "", err
		}
		if n, _ := strconv.Atoi(hdr.Get("Content-Length")); n > 0 {
			if _, err := r.R.Discard(n); err != nil {
				return "", err
			}
		}
		if statusCode(line) >= 200 {
			return line, nil
		}
	}
	return "", errors.New("too many provisional answers")
}

func statusCode(line string) int {
	rest, ok := strings.CutPrefix(line, "SIP/2.0 ")
	if !ok || len(rest) < 3 {
		return 0
	}
	n, err := strconv.Atoi(rest[:3])
	if err != nil {
		return 0
	}
	return n
}
