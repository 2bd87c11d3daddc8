// Package sipprobetest runs a small SIP server on loopback for the front
// ends' tests: it answers every request with 200 OK and a chosen Server
// header, over UDP and TCP on one port, and records what it was sent.
package sipprobetest

import (
	"bytes"
	"io"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Server is a running fake.
type Server struct {
	// Addr is "127.0.0.1:PORT", for UDP and TCP alike.
	Addr string
	// ClosedPort is a loopback port nothing listens on, for --tls-port.
	ClosedPort int
	mu         sync.Mutex
	got        [][]byte
}

// Received returns every datagram and every connection's bytes so far.
func (s *Server) Received() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.got...)
}

func (s *Server) add(b []byte) {
	s.mu.Lock()
	s.got = append(s.got, append([]byte(nil), b...))
	s.mu.Unlock()
}

func reply(server string, req []byte) []byte {
	var id []byte
	for _, line := range bytes.Split(req, []byte("\r\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("Call-ID: ")); ok {
			id = v
		}
	}
	return []byte("SIP/2.0 200 OK\r\nCall-ID: " + string(id) + "\r\nCSeq: 1 OPTIONS\r\nServer: " + server + "\r\nContent-Length: 0\r\n\r\n")
}

// Start runs a fake until the test ends.
func Start(t testing.TB, server string) *Server {
	t.Helper()
	for range 20 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := ln.Addr().(*net.TCPAddr).Port
		pc, err := net.ListenPacket("udp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			ln.Close()
			continue
		}
		gone, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		s := &Server{Addr: ln.Addr().String(), ClosedPort: gone.Addr().(*net.TCPAddr).Port}
		gone.Close()
		t.Cleanup(func() { ln.Close(); pc.Close() })
		go func() {
			buf := make([]byte, 64<<10)
			for {
				n, from, err := pc.ReadFrom(buf)
				if err != nil {
					return
				}
				s.add(buf[:n])
				_, _ = pc.WriteTo(reply(server, buf[:n]), from)
			}
		}()
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				go func() {
					defer c.Close()
					_ = c.SetDeadline(time.Now().Add(10 * time.Second))
					var got []byte
					buf := make([]byte, 4096)
					for !bytes.Contains(got, []byte("\r\n\r\n")) {
						n, err := c.Read(buf)
						got = append(got, buf[:n]...)
						if err != nil {
							break
						}
					}
					s.add(got)
					_, _ = c.Write(reply(server, got))
					_, _ = io.Copy(io.Discard, c)
				}()
			}
		}()
		return s
	}
	t.Fatal("no free port for UDP and TCP together on loopback")
	return nil
}
