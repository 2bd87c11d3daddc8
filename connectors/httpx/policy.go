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
}

// errNoPolicy is a programming mistake: a client with nothing it may read.
var errNoPolicy = errors.New("the connector has no list of addresses it may read")

// rules is a Policy with the base path put in front of each path.
type rules struct {
	reads   map[string]bool
	signIn  map[string]bool
	graphQL string
	release string
}

func (p Policy) compile(basePath string) (rules, error) {
	if len(p.Reads) == 0 && p.GraphQL == "" {
		return rules{}, errNoPolicy
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
	}
	return "a read"
}
