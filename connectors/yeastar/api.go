package yeastar

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"

	"github.com/ringfence/ringfence/connectors/httpx"
)

const apiBase = "/openapi/v1.0/"

// readPaths are the only addresses this connector reads. Every other GET in
// Yeastar's API is refused here, because some of them change the system
// (extension/delete, del_token).
var readPaths = map[string]bool{
	"system/information":    true,
	"extension/list":        true,
	"extension/getpassword": true,
	"phone/search":          true,
	"cdr/list":              true,
}

// policy is every request the connector sends: the two documented token
// POSTs, GETs of readPaths, and the documented token release (del_token, a
// GET), which the HTTP client sends only when asked to release a sign-in and
// never as a redirect.
func policy() httpx.Policy {
	p := httpx.Policy{SignIn: []string{apiBase + "get_token", apiBase + "refresh_token"}, Release: apiBase + "del_token"}
	for path := range readPaths {
		p.Reads = append(p.Reads, apiBase+path)
	}
	return p
}

// Error codes Yeastar puts in the envelope of an HTTP 200 answer.
const (
	codeTokenExpired = 10004
	codeDenied       = 10005
	codeTooMany      = 60002
)

// status is the envelope every answer carries.
type status struct {
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

func (s status) code() int { return s.ErrCode }

type answer interface{ code() int }

// errAPI is the kind of every envelope error, for errors.Is.
var errAPI = errors.New("Yeastar refused the request")

// codeError turns an error code into advice. The server's own errmsg is not
// repeated: Ringfence shows no server text.
func codeError(step string, code int) error {
	e := &httpx.Error{Connector: name, Step: step, Status: http.StatusOK, Err: fmt.Errorf("%w (error code %d)", errAPI, code)}
	switch code {
	case codeDenied:
		e.Hint = "The API application may not do this. On the PBX open Integrations > API, check that the API is enabled, that this computer's IP address is allowed, and that the application may use this part of the API."
	case codeTooMany:
		e.Hint = "The API application already holds the most tokens Yeastar allows (8). Wait 30 minutes for old tokens to expire, or reset the application's secret on the PBX, then try again."
	case codeTokenExpired:
		e.Hint = "Ringfence's sign-in expired and could not be renewed; try again."
	default:
		e.Hint = "Check Yeastar's list of API error codes for this code, and that the PBX firmware is recent."
	}
	return e
}

// get reads one of readPaths with the current token, renews the token once if
// Yeastar says it has expired, and checks the envelope.
func (s *Source) get(ctx context.Context, step, path string, query url.Values, out answer) error {
	if !readPaths[path] {
		return &httpx.Error{Connector: name, Step: step, Err: fmt.Errorf("%w (%s)", httpx.ErrNotReadOnly, path)}
	}
	for attempt := 0; ; attempt++ {
		token, gen, err := s.current(ctx)
		if err != nil {
			return err
		}
		q := url.Values{}
		for k, vs := range query {
			q[k] = vs
		}
		q.Set("access_token", token)
		reflect.ValueOf(out).Elem().SetZero() // a retry must not see the last answer's code
		if err := s.client.GetJSON(ctx, step, apiBase+path, q, nil, out); err != nil {
			return err
		}
		switch c := out.code(); {
		case c == 0:
			return nil
		case c == codeTokenExpired && attempt < 2:
			if err := s.renew(ctx, gen); err != nil {
				return err
			}
		default:
			return codeError(step, c)
		}
	}
}
