package freepbx

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"

	"github.com/ringfence/ringfence/connectors/httpx"
)

// Paths of the API module, relative to the address the user gives.
const (
	tokenPath   = "/admin/api/api/token"
	graphqlPath = "/admin/api/api/gql"
)

// Scopes asks for reading and nothing more. FreePBX refuses a token request for
// scopes the application was not given, so a wider grant cannot creep in here.
const Scopes = "gql:core:read gql:voicemail:read gql:cdr:read"

// session holds the access token. The client secret stays in the Source and
// goes only into the token request.
type session struct {
	mu    sync.Mutex
	token string
	gen   int // bumped on each new token, so concurrent 401s sign in once
}

type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
}

// current returns a token, signing in when there is none yet.
func (s *Source) current(ctx context.Context) (string, int, error) {
	s.sess.mu.Lock()
	defer s.sess.mu.Unlock()
	if s.sess.token == "" {
		if err := s.signIn(ctx); err != nil {
			return "", 0, err
		}
	}
	return s.sess.token, s.sess.gen, nil
}

// renew signs in again after a 401, unless another request already did since
// the token that failed was handed out.
func (s *Source) renew(ctx context.Context, failedGen int) error {
	s.sess.mu.Lock()
	defer s.sess.mu.Unlock()
	if s.sess.gen != failedGen && s.sess.token != "" {
		return nil
	}
	return s.signIn(ctx)
}

// signIn must be called with the session lock held.
func (s *Source) signIn(ctx context.Context) error {
	form := url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {s.clientID},
		"client_secret": {s.secret},
		"scope":         {Scopes},
	}
	var ans tokenAnswer
	if err := s.client.TokenRequest(ctx, "signing in", tokenPath, httpx.TokenBody{Form: form}, &ans); err != nil {
		var he *httpx.Error
		if errors.As(err, &he) && (he.Status == http.StatusBadRequest || he.Status == http.StatusUnauthorized) {
			he.Hint = "Check the client ID and secret of the API application (Admin > API > Applications), that it is a machine-to-machine application, " +
				"and that it has the scopes " + Scopes + "."
		}
		return err
	}
	if ans.AccessToken == "" {
		return &httpx.Error{Connector: name, Step: "signing in", Err: errors.New("FreePBX answered the sign-in without an access token"),
			Hint: "Check that the address is the FreePBX admin address and that the API module is installed and enabled."}
	}
	s.sess.token = ans.AccessToken
	s.sess.gen++
	return nil
}
