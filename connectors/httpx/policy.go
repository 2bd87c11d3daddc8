package httpx

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Policy is a connector's read-only allow-list: the only requests its client
// will send. Paths are exact, relative to the path of the configured address,
// and compared as they go on the wire, so "../", escaped slashes and a
// different case do not match. A query string is allowed on a GET; what it
// reads is still only a read.
type Policy struct {
	// Reads are the paths a GET may go to.
	Reads []string
	// SignIn are the documented token addresses a sign-in (or its renewal) is
	// posted to. Nothing else may be posted but GraphQL queries.
	SignIn []string
	// GraphQL is the one path GraphQL queries are posted to; "" for none.
	GraphQL string
	// Release is the documented address that hands a sign-in back (Yeastar's
	// del_token, a GET), sent only through Client.Release; "" for none.
	Release string
	// RPC is the one path JSON-RPC requests are posted to (Kamailio's
	// /RPC); "" for none. Only a single request naming one of RPCMethods
	// may be posted there.
	RPC string
	// RPCMethods are the JSON-RPC methods that only read, such as
	// "ul.dump", matched exactly.
	RPCMethods []string
}

// errNoPolicy is a programming mistake: a client with nothing it may read.
var errNoPolicy = errors.New("the connector has no list of addresses it may read")

// errNoRPCMethods is a programming mistake: an RPC address with no method
// that may be called there.
var errNoRPCMethods = errors.New("the connector has an RPC address but no list of methods it may call")

// rules is a Policy with the base path put in front of each path.
type rules struct {
	reads      map[string]bool
	signIn     map[string]bool
	graphQL    string
	release    string
	rpc        string
	rpcMethods map[string]bool
}

func (p Policy) compile(basePath string) (rules, error) {
	if len(p.Reads) == 0 && p.GraphQL == "" && p.RPC == "" {
		return rules{}, errNoPolicy
	}
	if p.RPC != "" && len(p.RPCMethods) == 0 {
		return rules{}, errNoRPCMethods
	}
	full := func(path string) string { return basePath + "/" + strings.TrimPrefix(path, "/") }
	r := rules{reads: map[string]bool{}, signIn: map[string]bool{}}
	for _, path := range p.Reads {
		r.reads[full(path)] = true
	}
	for _, path := range p.SignIn {
		r.signIn[full(path)] = true
	}
	if p.GraphQL != "" {
		r.graphQL = full(p.GraphQL)
	}
	if p.Release != "" {
		r.release = full(p.Release)
	}
	if p.RPC != "" {
		r.rpc = full(p.RPC)
		r.rpcMethods = map[string]bool{}
		for _, m := range p.RPCMethods {
			r.rpcMethods[m] = true
		}
	}
	return r, nil
}

// allow decides one request, a redirect hop included. path is the request's
// path as sent (escaped).
func (r rules) allow(req *http.Request, p purpose) error {
	path := req.URL.EscapedPath()
	if hop := req.Response; hop != nil {
		// Only a read may be redirected, and only to another read: a
		// sign-in, a query or a release is never re-sent anywhere.
		if first := hop.Request; first != nil && first.Method != http.MethodGet || p != purposeRead {
			return fmt.Errorf("%w: the phone system answered %s with a redirect, and Ringfence never sends a sign-in or a query on to another address", ErrRedirect, p)
		}
	}
	switch {
	case req.Method == http.MethodGet && p == purposeRead:
		if req.Body != nil && req.Body != http.NoBody && req.ContentLength != 0 {
			return fmt.Errorf("%w: a read carried a body", ErrNotReadOnly)
		}
		if !r.reads[path] {
			if req.Response != nil {
				return fmt.Errorf("%w: the phone system redirected a read to %s, which is not one of the addresses this connector reads", ErrNotReadOnly, shown(path))
			}
			return fmt.Errorf("%w: %s is not one of the addresses this connector reads", ErrNotReadOnly, shown(path))
		}
		return nil
	case req.Method == http.MethodGet && p == purposeRelease:
		if path != r.release || r.release == "" {
			return fmt.Errorf("%w: %s is not this connector's sign-out address", ErrNotReadOnly, shown(path))
		}
		return nil
	case req.Method == http.MethodPost && p == purposeToken:
		if !r.signIn[path] {
			return fmt.Errorf("%w: %s is not this connector's sign-in address", ErrNotReadOnly, shown(path))
		}
		return nil
	case req.Method == http.MethodPost && p == purposeGraphQL:
		if path != r.graphQL || r.graphQL == "" {
			return fmt.Errorf("%w: %s is not this connector's GraphQL address", ErrNotReadOnly, shown(path))
		}
		return checkGraphQLBody(req)
	case req.Method == http.MethodPost && p == purposeRPC:
		if path != r.rpc || r.rpc == "" {
			return fmt.Errorf("%w: %s is not this connector's JSON-RPC address", ErrNotReadOnly, shown(path))
		}
		return checkRPCBody(req, r.rpcMethods)
	}
	return fmt.Errorf("%w (%s %s)", ErrNotReadOnly, shown(req.Method), shown(path))
}

// shown keeps a server-chosen path short and free of control characters
// before it goes into a message.
func shown(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

func (p purpose) String() string {
	switch p {
	case purposeToken:
		return "the sign-in"
	case purposeGraphQL:
		return "a query"
	case purposeRelease:
		return "the sign-out"
	case purposeRPC:
		return "a JSON-RPC read"
	}
	return "a read"
}
