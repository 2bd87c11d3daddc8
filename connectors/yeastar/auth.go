package yeastar

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/ringfence/ringfence/connectors/httpx"
)

// tokenAnswer is the answer to get_token and refresh_token.
type tokenAnswer struct {
	status
	AccessToken        string `json:"access_token"`
	AccessTokenExpire  int    `json:"access_token_expire_time"`
	RefreshToken       string `json:"refresh_token"`
	RefreshTokenExpire int    `json:"refresh_token_expire_time"`
}

// session holds the tokens. Access tokens last 30 minutes and refresh tokens a
// day. A refresh revokes the old access token at once, so requests still in
// flight with it fail with 10004; gen lets them see that a newer token exists
// instead of each refreshing again (and each revoking the last one's token).
type session struct {
	mu            sync.Mutex
	access        string
	refresh       string
	accessExpiry  time.Time
	refreshExpiry time.Time
	gen           int
}

// expiryMargin renews a token this long before Yeastar would, so no request
// is sent with a token about to die.
const expiryMargin = time.Minute

func (s *Source) current(ctx context.Context) (string, int, error) {
	s.sess.mu.Lock()
	defer s.sess.mu.Unlock()
	switch {
	case s.sess.access == "":
		if err := s.signIn(ctx); err != nil {
			return "", 0, err
		}
	case s.now().After(s.sess.accessExpiry.Add(-expiryMargin)):
		if err := s.refreshLocked(ctx); err != nil {
			return "", 0, err
		}
	}
	return s.sess.access, s.sess.gen, nil
}

// renew replaces a token Yeastar called expired, unless another request has
// already done so since failedGen was handed out.
func (s *Source) renew(ctx context.Context, failedGen int) error {
	s.sess.mu.Lock()
	defer s.sess.mu.Unlock()
	if s.sess.gen != failedGen && s.sess.access != "" {
		return nil
	}
	return s.refreshLocked(ctx)
}

// refreshLocked uses the refresh token while it lasts and signs in afresh
// when it does not or when Yeastar refuses it.
func (s *Source) refreshLocked(ctx context.Context) error {
	if s.sess.refresh == "" || s.now().After(s.sess.refreshExpiry.Add(-expiryMargin)) {
		return s.signIn(ctx)
	}
	var ans tokenAnswer
	err := s.client.TokenRequest(ctx, "renewing the sign-in", apiBase+"refresh_token",
		httpx.TokenBody{JSON: map[string]string{"refresh_token": s.sess.refresh}}, &ans)
	if err != nil {
		return err
	}
	if ans.ErrCode != 0 || ans.AccessToken == "" {
		return s.signIn(ctx)
	}
	s.keep(ans)
	return nil
}

func (s *Source) signIn(ctx context.Context) error {
	const step = "signing in"
	var ans tokenAnswer
	err := s.client.TokenRequest(ctx, step, apiBase+"get_token",
		httpx.TokenBody{JSON: map[string]string{"username": s.clientID, "password": s.secret}}, &ans)
	if err != nil {
		return err
	}
	switch {
	case ans.ErrCode == codeTooMany:
		return codeError(step, ans.ErrCode)
	case ans.ErrCode == codeDenied:
		return codeError(step, ans.ErrCode)
	case ans.ErrCode != 0:
		return &httpx.Error{Connector: name, Step: step, Status: 200, Err: fmt.Errorf("%w: the sign-in was refused (error code %d)", errAPI, ans.ErrCode),
			Hint: "Check the client ID and secret on the PBX under Integrations > API, that the API is enabled, and that this computer's IP address is allowed."}
	case ans.AccessToken == "":
		return &httpx.Error{Connector: name, Step: step, Err: errors.New("Yeastar answered the sign-in without an access token"),
			Hint: "Check that the address is the PBX's web address and that its API is enabled (Integrations > API)."}
	}
	s.keep(ans)
	return nil
}

// releaseWait bounds the hand-back of a sign-in.
const releaseWait = 5 * time.Second

// release hands the access token back with the documented del_token, so
// that a run does not hold one of the few live tokens Yeastar allows an
// application until it expires. It runs even when the fetch failed or was
// cancelled, within its own short deadline, and its own failure only means
// the token expires on its own in half an hour.
func (s *Source) release(ctx context.Context) {
	s.sess.mu.Lock()
	defer s.sess.mu.Unlock()
	if s.sess.access == "" {
		return
	}
	// A cancelled fetch still hands its token back, but never waits long:
	// the person who cancelled is waiting too.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), min(s.client.Limits().Request, releaseWait))
	defer cancel()
	var ans status
	_ = s.client.Release(ctx, "handing back the sign-in", url.Values{"access_token": {s.sess.access}}, &ans)
	s.sess.access, s.sess.refresh = "", ""
	s.sess.accessExpiry, s.sess.refreshExpiry = time.Time{}, time.Time{}
	s.sess.gen++
}

func (s *Source) keep(ans tokenAnswer) {
	now := s.now()
	life := time.Duration(ans.AccessTokenExpire) * time.Second
	if life <= 0 {
		life = 30 * time.Minute
	}
	rlife := time.Duration(ans.RefreshTokenExpire) * time.Second
	if rlife <= 0 {
		rlife = 24 * time.Hour
	}
	s.sess.access, s.sess.refresh = ans.AccessToken, ans.RefreshToken
	s.sess.accessExpiry, s.sess.refreshExpiry = now.Add(life), now.Add(rlife)
	s.sess.gen++
}
