package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var rpcPolicy = Policy{RPC: "/RPC", RPCMethods: []string{"ul.dump", "core.version"}}

// rpcServer answers every JSON-RPC request with a result and records the
// bodies that reached it.
type rpcServer struct {
	mu     sync.Mutex
	bodies [][]byte
	answer func(w http.ResponseWriter, r *http.Request)
}

func (s *rpcServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.bodies = append(s.bodies, b)
	s.mu.Unlock()
	if s.answer != nil {
		s.answer(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`{"jsonrpc":"2.0","result":{"ok":true},"id":1}`))
}

func (s *rpcServer) seen() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.bodies...)
}

func newRPCServer(t *testing.T, p Policy) (*httptest.Server, *rpcServer, *Client) {
	t.Helper()
	rs := &rpcServer{}
	srv := httptest.NewTLSServer(rs)
	t.Cleanup(srv.Close)
	// No test here is about deadlines, so a busy machine gets room: a
	// request that timed out would look like one the guard refused.
	limits := testLimits()
	limits.Request = 30 * time.Second
	c, err := New(Config{Connector: "kamailio", BaseURL: srv.URL, Limits: limits, RootCAs: srvPool(srv), Policy: p})
	if err != nil {
		t.Fatal(err)
	}
	return srv, rs, c
}

// postRPC sends a hand-made body through the guard as a JSON-RPC request, the
// way a mistake inside this package would.
func postRPC(t *testing.T, c *Client, url, body string) error {
	t.Helper()
	req, err := http.NewRequestWithContext(withPurpose(t.Context(), purposeRPC), http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.http.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	return err
}

func TestRPCSendsOnlyAllowedMethods(t *testing.T) {
	t.Parallel()
	_, rs, c := newRPCServer(t, rpcPolicy)
	var out map[string]bool
	if err := c.RPC(t.Context(), "reading the registrations", "ul.dump", nil, &out); err != nil || !out["ok"] {
		t.Fatalf("an allowed method: %v %v", out, err)
	}
	for _, m := range []string{"ul.rm", "UL.DUMP", "ul.dump ", "core.kill", "", "ul.dump\"}"} {
		if err := c.RPC(t.Context(), "reading", m, nil, nil); !errors.Is(err, ErrNotReadOnly) {
			t.Errorf("method %q: got %v, want a refusal", m, err)
		}
	}
	if n := len(rs.seen()); n != 1 {
		t.Fatalf("%d requests reached the server, want only the allowed one", n)
	}
}

// Bodies that a guard reading them one way could allow and a server reading
// them another way would run as a write.
func TestRPCGuardRefusesAmbiguousBodies(t *testing.T) {
	t.Parallel()
	srv, rs, c := newRPCServer(t, rpcPolicy)
	for _, body := range []string{
		`{"jsonrpc":"2.0","method":"ul.dump","method":"ul.rm","id":1}`,
		`{"jsonrpc":"2.0","method":"ul.rm","method":"ul.dump","id":1}`,
		`[{"jsonrpc":"2.0","method":"ul.dump","id":1},{"jsonrpc":"2.0","method":"ul.rm","id":2}]`,
		`{"jsonrpc":"2.0","method":"ul.dump","id":1}{"jsonrpc":"2.0","method":"ul.rm","id":2}`,
		`{"jsonrpc":"2.0","method":"ul.dump","params":["location","1001"],"id":1}`,
		`{"jsonrpc":"2.0","method":"ul.dump","cmd":"ul.rm","id":1}`,
		`{"jsonrpc":"2.0","method":["ul.dump"],"id":1}`,
		`{"jsonrpc":"2.0","id":1}`,
		`{"jsonrpc":"2.0","method":"ul.dump","id":1`,
		`"ul.dump"`,
		``,
	} {
		if err := postRPC(t, c, srv.URL+"/RPC", body); !errors.Is(err, ErrNotReadOnly) {
			t.Errorf("%s: got %v, want a refusal", body, err)
		}
	}
	// The right body to the wrong path, and the RPC path with another purpose.
	if err := postRPC(t, c, srv.URL+"/rpc", `{"jsonrpc":"2.0","method":"ul.dump","id":1}`); !errors.Is(err, ErrNotReadOnly) {
		t.Errorf("another path: got %v", err)
	}
	if err := c.GetJSON(t.Context(), "reading", "/RPC", nil, nil, nil); !errors.Is(err, ErrNotReadOnly) {
		t.Errorf("a GET of the RPC path: got %v", err)
	}
	if n := len(rs.seen()); n != 0 {
		t.Fatalf("%d refused requests reached the server: %q", n, rs.seen())
	}
}

// Connectors without an RPC address gain nothing from it: no JSON-RPC
// request leaves them, to any path.
func TestRPCNeedsItsOwnPolicy(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv, c := newServer(t, strictServer(t, &hits))
	if err := c.RPC(t.Context(), "reading", "ul.dump", nil, nil); !errors.Is(err, ErrNotReadOnly) {
		t.Errorf("RPC on a client without an RPC address: got %v", err)
	}
	for _, path := range []string{"/gql", "/RPC", "/xapi/v1/Users", "/connect/token"} {
		if err := postRPC(t, c, srv.URL+path, `{"jsonrpc":"2.0","method":"ul.dump","id":1}`); !errors.Is(err, ErrNotReadOnly) {
			t.Errorf("a JSON-RPC request to %s: got %v", path, err)
		}
	}
	if hits.Load() != 0 {
		t.Fatalf("%d refused requests reached the server", hits.Load())
	}
	if _, err := New(Config{Connector: "x", BaseURL: "https://pbx.example.com", Policy: Policy{RPC: "/RPC"}}); !errors.Is(err, errNoRPCMethods) {
		t.Errorf("an RPC address with no methods: got %v", err)
	}
}

func TestRPCIsNeverRedirected(t *testing.T) {
	t.Parallel()
	for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		srv, rs, c := newRPCServer(t, rpcPolicy)
		rs.answer = func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, srv.URL+"/RPC?again=1", code)
		}
		if err := c.RPC(t.Context(), "reading", "ul.dump", nil, nil); !errors.Is(err, ErrRedirect) {
			t.Errorf("%d: got %v, want a refused redirect", code, err)
		}
		if n := len(rs.seen()); n != 1 {
			t.Errorf("%d: the server saw %d requests; the redirect was followed", code, n)
		}
	}
}

func TestRPCErrorsSayTheCodeOnly(t *testing.T) {
	t.Parallel()
	_, rs, c := newRPCServer(t, rpcPolicy)
	for _, answer := range []string{
		`{"jsonrpc":"2.0","error":{"code":500,"message":"\u001b[2Jhunter2"},"id":1}`,
		`{"jsonrpc":"2.0","error":{"code":"\u001b]0;x\u0007","message":"hunter2"},"id":1}`,
	} {
		rs.answer = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(answer))
		}
		err := c.RPC(t.Context(), "reading the registrations", "ul.dump", nil, nil)
		if !errors.Is(err, ErrRPCRefused) && !errors.Is(err, ErrBadData) {
			t.Errorf("%s: got %v", answer, err)
		}
		if err != nil && (strings.Contains(err.Error(), "hunter2") || strings.ContainsAny(err.Error(), "\x1b\x07")) {
			t.Errorf("the error repeats the server's text: %q", err)
		}
	}
	rs.answer = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"jsonrpc":"2.0","id":1}`))
	}
	if err := c.RPC(t.Context(), "reading", "ul.dump", nil, nil); !errors.Is(err, ErrBadData) {
		t.Errorf("an answer with no result: got %v", err)
	}
}

// A property over generated request bodies: whatever the guard lets through,
// the server runs an allowed method whether it obeys the first "method"
// member or the last, and no batch or parameter ever arrives. It does not
// run in parallel: its many requests would starve the timing-bound tests.
func TestRPCGuardProperty(t *testing.T) {
	srv, rs, c := newRPCServer(t, rpcPolicy)
	members := []string{
		`"jsonrpc":"2.0"`, `"id":1`, `"id":"x"`, `"method":"ul.dump"`, `"method":"core.version"`,
		`"method":"ul.rm"`, `"method":"ul.add"`, `"method":"UL.dump"`, `"method":"ul\u002edump"`,
		`"params":[]`, `"params":{"aor":"1001"}`, `"extra":true`, `"method":null`, `"method":1`,
	}
	r := rand.New(rand.NewPCG(14, 5060))
	allowedBodies := 0
	for range 800 {
		n := r.IntN(5)
		var parts []string
		for range n {
			parts = append(parts, members[r.IntN(len(members))])
		}
		body := "{" + strings.Join(parts, ",") + "}"
		switch r.IntN(8) {
		case 0:
			body = "[" + body + "]"
		case 1:
			body += body
		case 2:
			body = " \n" + body + "\n"
		}
		if postRPC(t, c, srv.URL+"/RPC", body) == nil {
			allowedBodies++
		}
	}
	seen := rs.seen()
	if len(seen) != allowedBodies {
		t.Fatalf("%d bodies allowed but %d reached the server", allowedBodies, len(seen))
	}
	if allowedBodies == 0 {
		t.Fatal("the generator made no allowed body; the property says nothing")
	}
	for _, b := range seen {
		if trimmed := bytes.TrimSpace(b); len(trimmed) == 0 || trimmed[0] != '{' {
			t.Errorf("a body that is not one object reached the server: %s", b)
		}
		first, last := methods(b)
		for _, m := range []string{first, last} {
			if m != "ul.dump" && m != "core.version" {
				t.Errorf("the server could run %q from %s", m, b)
			}
		}
		if bytes.Contains(b, []byte(`"params"`)) {
			t.Errorf("parameters reached the server: %s", b)
		}
	}
}

// methods reads the first and last "method" members of an object the way
// two different servers would.
func methods(body []byte) (first, last string) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.Token()
	found := false
	for dec.More() {
		k, _ := dec.Token()
		var v json.RawMessage
		dec.Decode(&v)
		if k == "method" {
			var m string
			json.Unmarshal(v, &m)
			if !found {
				first, found = m, true
			}
			last = m
		}
	}
	return first, last
}
