package threecx

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/ringfence/ringfence/connectors/httpx"
)

// tokenPath is 3CX's OAuth 2 client-credentials endpoint (xapi-tutorial auth.ts).
const tokenPath = "/connect/token"

type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"` // seconds; 3CX answers 401 once it has passed
}

// signIn asks for a fresh token. 3CX's tokens are short-lived (a minute in
// the tutorial), so rather than keep a clock, a 401 on any read triggers one
// fresh sign-in and one retry; see get.
func (s *Source) signIn(ctx context.Context) error {
	form := url.Values{
		"client_id":     {s.cfg.ClientID},
		"client_secret": {s.cfg.Secret},
		"grant_type":    {"client_credentials"},
	}
	var tok tokenAnswer
	err := s.client.TokenRequest(ctx, "signing in", tokenPath, httpx.TokenBody{Form: form}, &tok)
	var he *httpx.Error
	if errors.As(err, &he) && (he.Status == http.StatusBadRequest || he.Status == http.StatusUnauthorized) {
		// OAuth servers answer 400 invalid_client for a wrong ID or key.
		he.Hint = "3CX did not accept the client ID and API key. Check them in Integrations > API, and that XAPI access is ticked for the client."
		return he
	}
	if err != nil {
		return err
	}
	if tok.AccessToken == "" {
		return &httpx.Error{Connector: Name, Step: "signing in", Err: errors.New("3CX answered without a token"),
			Hint: "Check that the address is the 3CX admin page and that the system runs version 20."}
	}
	s.mu.Lock()
	s.token = tok.AccessToken
	s.mu.Unlock()
	return nil
}

func (s *Source) bearer() http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return http.Header{"Authorization": {"Bearer " + s.token}}
}

// get reads one XAPI resource, signing in again once if the token expired.
func (s *Source) get(ctx context.Context, step, path string, query url.Values, out any) error {
	err := s.client.GetJSON(ctx, step, path, query, s.bearer(), out)
	var he *httpx.Error
	if !errors.As(err, &he) || he.Status != http.StatusUnauthorized {
		return err
	}
	if err := s.signIn(ctx); err != nil {
		return err
	}
	return s.client.GetJSON(ctx, step, path, query, s.bearer(), out)
}
