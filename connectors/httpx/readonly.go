package httpx

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// purpose marks a request that is allowed to be more than a GET. The key is
// unexported, so only this package's TokenRequest and GraphQL can set it.
type purpose int

const (
	purposeRead purpose = iota
	purposeToken
	purposeGraphQL
)

type purposeKey struct{}

func withPurpose(ctx context.Context, p purpose) context.Context {
	return context.WithValue(ctx, purposeKey{}, p)
}

// readOnly is the RoundTripper every request passes through last, just before
// the network. It is the rule, not a convention: even a request built by hand
// inside this package, or a redirect, is checked here.
type readOnly struct {
	next http.RoundTripper
	host string // scheme://host[:port] of the configured base URL
}

func (ro *readOnly) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := ro.check(req); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	return ro.next.RoundTrip(req)
}

func (ro *readOnly) check(req *http.Request) error {
	if origin(req.URL.Scheme, req.URL.Host) != ro.host {
		return fmt.Errorf("%w: %s is not the phone system you connected to", ErrRedirect, req.URL.Host)
	}
	p, _ := req.Context().Value(purposeKey{}).(purpose)
	switch {
	case req.Method == http.MethodGet && p == purposeRead:
		if req.Body != nil && req.Body != http.NoBody && req.ContentLength != 0 {
			return fmt.Errorf("%w: a read carried a body", ErrNotReadOnly)
		}
		return nil
	case req.Method == http.MethodPost && p == purposeToken:
		if !tokenPath(req.URL.Path) {
			return fmt.Errorf("%w: %s is not a sign-in address", ErrNotReadOnly, req.URL.Path)
		}
		return nil
	case req.Method == http.MethodPost && p == purposeGraphQL:
		return checkGraphQLBody(req)
	}
	return fmt.Errorf("%w (%s %s)", ErrNotReadOnly, req.Method, req.URL.Path)
}

// tokenPath keeps the sign-in exception narrow: the only POST outside GraphQL
// goes to an address whose last part names a token (3CX /connect/token,
// FreePBX /admin/api/api/token, Yeastar /openapi/v1.0/get_token).
func tokenPath(p string) bool {
	last := p[strings.LastIndex(p, "/")+1:]
	return strings.Contains(strings.ToLower(last), "token")
}

// checkGraphQLBody reads the body that is about to be sent, not the document
// the caller meant to send, so what is checked is what goes on the wire.
func checkGraphQLBody(req *http.Request) error {
	if req.GetBody == nil {
		return fmt.Errorf("%w: %w", ErrNotReadOnly, errGraphQLBody)
	}
	body, err := req.GetBody()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotReadOnly, errGraphQLBody)
	}
	defer body.Close()
	raw, err := io.ReadAll(io.LimitReader(body, 1<<20))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotReadOnly, errGraphQLBody)
	}
	var env struct {
		Query string `json:"query"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&env); err != nil {
		return fmt.Errorf("%w: %w", ErrNotReadOnly, errGraphQLBody)
	}
	return queryOnly(env.Query)
}

func origin(scheme, host string) string {
	return strings.ToLower(scheme) + "://" + strings.ToLower(host)
}
