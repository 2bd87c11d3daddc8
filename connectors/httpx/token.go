package httpx

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// TokenBody is the body of a sign-in request: a form (3CX, FreePBX) or a
// JSON object (Yeastar). Set exactly one.
type TokenBody struct {
	Form url.Values
	JSON any
}

// TokenRequest posts the sign-in request and decodes the answer into out. It
// is the one POST a connector may send besides GraphQL queries, and it may
// only go to one of the sign-in addresses in the connector's Policy. A
// redirect in answer is an error. The body is never put in an error.
func (c *Client) TokenRequest(ctx context.Context, step, path string, body TokenBody, out any) error {
	u, err := c.resolve(step, path, nil)
	if err != nil {
		return err
	}
	h := http.Header{}
	var raw []byte
	switch {
	case body.Form != nil && body.JSON == nil:
		raw = []byte(body.Form.Encode())
		h.Set("Content-Type", "application/x-www-form-urlencoded")
	case body.JSON != nil && body.Form == nil:
		raw, err = json.Marshal(body.JSON)
		if err != nil {
			return c.fail(step, 0, fmt.Errorf("the sign-in request could not be built"))
		}
		h.Set("Content-Type", "application/json")
	default:
		return c.fail(step, 0, fmt.Errorf("the sign-in request needs either a form or a JSON body"))
	}
	return c.do(ctx, request{step: step, method: http.MethodPost, url: u, header: h, body: raw, purpose: purposeToken}, out)
}

// Release sends the connector's documented sign-out (a GET to Policy.Release)
// and decodes the answer into out. It is never redirected.
func (c *Client) Release(ctx context.Context, step string, query url.Values, out any) error {
	if c.cfg.Policy.Release == "" {
		return c.wrap(step, fmt.Errorf("%w: this connector has no sign-out address", ErrNotReadOnly), "")
	}
	u, err := c.resolve(step, c.cfg.Policy.Release, query)
	if err != nil {
		return err
	}
	return c.do(ctx, request{step: step, method: http.MethodGet, url: u, purpose: purposeRelease}, out)
}

// GraphQL sends a GraphQL query. Anything but query operations (a mutation, a
// subscription, or a document mixing them) is refused before it is sent.
func (c *Client) GraphQL(ctx context.Context, step, path, document string, variables map[string]any, header http.Header, out any) error {
	if err := queryOnly(document); err != nil {
		return c.wrap(step, err, "")
	}
	u, err := c.resolve(step, path, nil)
	if err != nil {
		return err
	}
	env := map[string]any{"query": document}
	if len(variables) > 0 {
		env["variables"] = variables
	}
	raw, err := json.Marshal(env)
	if err != nil {
		return c.fail(step, 0, fmt.Errorf("the query variables could not be encoded"))
	}
	h := http.Header{}
	for k, vs := range header {
		h[k] = vs
	}
	h.Set("Content-Type", "application/json")
	return c.do(ctx, request{step: step, method: http.MethodPost, url: u, header: h, body: raw, purpose: purposeGraphQL}, out)
}
