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
	purposeRelease
	purposeRPC
)

type purposeKey struct{}

func withPurpose(ctx context.Context, p purpose) context.Context {
	return context.WithValue(ctx, purposeKey{}, p)
}

// readOnly is the RoundTripper every request passes through last, just before
// the network. It is the rule, not a convention: even a request built by hand
// inside this package, or a redirect hop, is checked here against the
// connector's allow-list.
type readOnly struct {
	next  http.RoundTripper
	host  string // scheme://host[:port] of the configured base URL
	rules rules
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
	return ro.rules.allow(req, p)
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
