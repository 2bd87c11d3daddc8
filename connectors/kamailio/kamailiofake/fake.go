// Package kamailiofake is a stand-in for Kamailio's JSON-RPC interface, in
// the shape Kamailio 5.6 answers ul.dump and core.version (checked against a
// real Kamailio by connectors/kamailio's tests). It can sit behind a proxy
// sign-in, as the README advises for a remote server.
package kamailiofake

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// The proxy sign-in the fake asks for when Protected.
const (
	User   = "ringfence"
	Secret = "proxy-pw-Zq81wX"
)

// Contact is one registration.
type Contact struct {
	AoR, Address, UserAgent string
	LastModified            int64
}

// Server is a Kamailio holding some registrations.
type Server struct {
	Version  string
	Contacts []Contact
	// Protected asks for User and Secret by HTTP basic authentication.
	Protected bool
}

// Office is a small business: a current desk phone and an end-of-life one
// on one extension, a phone nobody recognises, and an analogue adapter.
func Office() *Server {
	return &Server{
		Version:   "kamailio 5.6.3 (x86_64/linux) ",
		Protected: true,
		Contacts: []Contact{
			{"101", "sip:101@192.0.2.21:5060;transport=udp", "Yealink SIP-T46S 66.86.0.15", 1796280000},
			{"101", "sip:101@192.0.2.22:5062;transport=tcp", "Cisco/SPA504G-7.6.2", 1796280100},
			{"102", "sip:102@192.0.2.23:5060", "Yealink SIP-T38G 38.70.0.185", 1796270000},
			{"103", "sip:103@192.0.2.24:5060", "Acme Softphone", 1796270500},
		},
	}
}

// Methods are the JSON-RPC methods the fake answers; any other is a test
// failure, since Ringfence may call only these.
var Methods = []string{"ul.dump", "core.version"}

// Handler serves /RPC. It fails t on anything Ringfence must never send.
func (s *Server) Handler(t testing.TB) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/RPC" {
			t.Errorf("kamailiofake: %s %s is not a JSON-RPC request", r.Method, r.URL.Path)
			http.Error(w, "Not Found", http.StatusNotFound)
			return
		}
		if s.Protected && r.Header.Get("Authorization") != "Basic "+base64.StdEncoding.EncodeToString([]byte(User+":"+Secret)) {
			http.Error(w, "401 Authorization Required", http.StatusUnauthorized)
			return
		}
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<16))
		var req struct {
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			t.Errorf("kamailiofake: a request that is not one JSON-RPC object: %q", body)
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch req.Method {
		case "core.version":
			fmt.Fprintf(w, `{"jsonrpc":"2.0","result":%q,"id":1}`, s.Version)
		case "ul.dump":
			w.Write(s.Dump())
		default:
			t.Errorf("kamailiofake: Ringfence called %q, which is not a read method it may call", req.Method)
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, `{"jsonrpc":"2.0","error":{"code":500,"message":"Method Not Found"},"id":1}`)
		}
	})
}

// Dump is the answer to ul.dump, laid out as Kamailio 5.6 lays it out.
func (s *Server) Dump() []byte {
	type contact map[string]any
	byAoR := map[string][]map[string]any{}
	var order []string
	for i, c := range s.Contacts {
		if _, ok := byAoR[c.AoR]; !ok {
			order = append(order, c.AoR)
		}
		byAoR[c.AoR] = append(byAoR[c.AoR], map[string]any{"Contact": contact{
			"Address": c.Address, "Expires": 3600, "Q": -1, "Call-ID": fmt.Sprintf("call-%d@fake", i), "CSeq": 1,
			"User-Agent": c.UserAgent, "Received": "[not set]", "Path": "[not set]", "State": "CS_NEW",
			"Flags": 0, "CFlags": 0, "Socket": "udp:127.0.0.1:5060", "Methods": 4294967295,
			"Ruid": fmt.Sprintf("uloc-fake-%d", i), "Instance": "[not set]", "Reg-Id": 0, "Server-Id": 0,
			"Tcpconn-Id": -1, "Keepalive": 0, "Last-Keepalive": c.LastModified, "KA-Roundtrip": 0,
			"Last-Modified": c.LastModified,
		}})
	}
	aors := []map[string]any{}
	for i, aor := range order {
		aors = append(aors, map[string]any{"Info": map[string]any{"AoR": aor, "HashID": 1000 + i, "Contacts": byAoR[aor]}})
	}
	result := map[string]any{"Domains": []any{map[string]any{"Domain": map[string]any{
		"Domain": "location", "Size": 1024, "AoRs": aors, "Stats": map[string]any{"Records": len(aors), "Max-Slots": 1},
	}}}}
	out, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "result": result, "id": 1})
	return out
}

// IsRPC says whether a request is a JSON-RPC call to the fake's address.
func IsRPC(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.TrimRight(r.URL.Path, "/") == "/RPC"
}
