package conformance

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/connectors"
)

// Watch fails t on any request that is not a GET, a sign-in, a GraphQL
// query or a JSON-RPC call of an allowed method, and passes the rest to h. It sits in front of every fake so that a
// connector cannot pass by talking to a lenient fake.
func Watch(t testing.TB, tg Target, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet:
		case r.Method == http.MethodPost && tg.IsAuth != nil && tg.IsAuth(r):
		case r.Method == http.MethodPost && tg.IsGraphQL != nil && tg.IsGraphQL(r):
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			var env struct {
				Query string `json:"query"`
			}
			json.Unmarshal(body, &env)
			if !looksLikeQuery(env.Query) {
				t.Errorf("%s: a GraphQL request that is not a plain query reached the server", tg.Name)
			}
		case r.Method == http.MethodPost && tg.IsRPC != nil && tg.IsRPC(r):
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			if m, ok := rpcMethod(body); !ok || !slices.Contains(tg.RPCMethods, m) {
				t.Errorf("%s: a JSON-RPC request that is not one call of an allowed method reached the server: %.200q", tg.Name, body)
			}
		default:
			t.Errorf("%s: a %s request to %s reached the server", tg.Name, r.Method, r.URL.Path)
			http.Error(w, "", http.StatusMethodNotAllowed)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// rpcMethod is a second, independent reading of a JSON-RPC request (httpx
// checks it properly): the method named, and whether the body is one
// object naming exactly one method and no parameters.
func rpcMethod(body []byte) (string, bool) {
	var one map[string]json.RawMessage
	if json.Unmarshal(body, &one) != nil || bytes.Count(body, []byte(`"method"`)) != 1 {
		return "", false
	}
	if _, ok := one["params"]; ok {
		return "", false
	}
	var m string
	if json.Unmarshal(one["method"], &m) != nil {
		return "", false
	}
	return m, true
}

// looksLikeQuery is a second, independent check (httpx parses the document
// properly): no operation keyword other than query may appear outside strings.
func looksLikeQuery(doc string) bool {
	var b strings.Builder
	inString := false
	for i := 0; i < len(doc); i++ {
		c := doc[i]
		switch {
		case c == '"' && (i == 0 || doc[i-1] != '\\'):
			inString = !inString
		case c == '#' && !inString:
			for i < len(doc) && doc[i] != '\n' {
				i++
			}
		case !inString:
			b.WriteByte(c)
		}
	}
	for _, word := range strings.FieldsFunc(b.String(), func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		if word == "mutation" || word == "subscription" {
			return false
		}
	}
	return true
}

// RunReadOnly fetches a whole inventory, and tests the connection where the
// connector can, with every request watched.
func RunReadOnly(t *testing.T, tg Target) {
	srv, pool := start(t, Watch(t, tg, tg.Fake(t)))
	src, err := tg.New(Endpoint{URL: srv.URL, RootCAs: pool, Limits: HealthyLimits(), Secret: tg.Secret})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.Fetch(t.Context(), nil); err != nil {
		t.Fatalf("fetch from the healthy fake: %v", err)
	}
	if tester, ok := src.(connectors.Tester); ok {
		if err := tester.Test(t.Context()); err != nil {
			t.Fatalf("connection test against the healthy fake: %v", err)
		}
	}
}
