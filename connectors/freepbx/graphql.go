package freepbx

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/ringfence/ringfence/connectors/httpx"
)

// envelope is a GraphQL answer. FreePBX 16 sends errors with HTTP 400, which
// the client reports by status; 17 may send them with 200, so they are looked
// for in every answer.
type envelope struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

type gqlError struct {
	Message string `json:"message"`
}

// errGraphQL is what the API said went wrong, without its words: an error
// message can quote the query or a value, and Ringfence repeats no server text.
var errGraphQL = errors.New("the FreePBX API answered the query with an error")

// maxRenewals bounds how often one query signs in again: a token can expire
// again while a busy fetch waits its turn, but credentials that were revoked
// must end in an error, not a loop.
const maxRenewals = 2

// query sends a GraphQL query with the session's token, signs in again once if
// the token has expired, and decodes data into out.
func (s *Source) query(ctx context.Context, step, document string, vars map[string]any, out any) error {
	for attempt := 0; ; attempt++ {
		token, gen, err := s.current(ctx)
		if err != nil {
			return err
		}
		var env envelope
		err = s.client.GraphQL(ctx, step, graphqlPath, document, vars, http.Header{"Authorization": {"Bearer " + token}}, &env)
		var he *httpx.Error
		if errors.As(err, &he) && he.Status == http.StatusUnauthorized && attempt < maxRenewals {
			if err := s.renew(ctx, gen); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		if len(env.Errors) > 0 {
			return &httpx.Error{Connector: name, Step: step, Status: http.StatusOK, Err: errGraphQL, Hint: hintFor(env.Errors)}
		}
		if len(env.Data) == 0 || string(env.Data) == "null" {
			return &httpx.Error{Connector: name, Step: step, Status: http.StatusOK, Err: errors.New("the FreePBX API sent no data"),
				Hint: "Check that the API module is up to date and that the application has the scopes " + Scopes + "."}
		}
		if err := json.Unmarshal(env.Data, out); err != nil {
			return &httpx.Error{Connector: name, Step: step, Status: http.StatusOK, Err: httpx.ErrBadData,
				Hint: "The answer did not have the shape Ringfence expects; check that your FreePBX version is 16 or 17."}
		}
		return nil
	}
}

// hintFor reads the server's error messages only to choose advice.
func hintFor(errs []gqlError) string {
	all := strings.ToLower(joinMessages(errs))
	switch {
	case strings.Contains(all, "scope"), strings.Contains(all, "permission"), strings.Contains(all, "not authori"), strings.Contains(all, "unauthori"), strings.Contains(all, "access denied"):
		return "The API application lacks a scope Ringfence needs; give it " + Scopes + " in Admin > API > Applications."
	case strings.Contains(all, "cannot query field"), strings.Contains(all, "unknown argument"), strings.Contains(all, "unknown type"):
		return "This FreePBX does not offer a field Ringfence reads; update the api, core, voicemail and cdr modules (Admin > Module Admin) and try again."
	}
	return "Check the FreePBX logs (Admin > API > Logs if present), and that the api, core, voicemail and cdr modules are up to date."
}

func joinMessages(errs []gqlError) string {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Message)
		b.WriteByte('\n')
	}
	return b.String()
}
