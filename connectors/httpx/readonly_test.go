package httpx

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

// strictServer fails the test on any request that is not a GET, a POST to a
// token address, or a POST of a GraphQL query: the guard must stop the rest
// before they leave the process.
func strictServer(t *testing.T, hits *atomic.Int32) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch {
		case r.Method == http.MethodGet:
		case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/token"):
		case r.Method == http.MethodPost && r.URL.Path == "/gql":
			body := make([]byte, 4096)
			n, _ := r.Body.Read(body)
			if err := queryOnly(extractQuery(string(body[:n]))); err != nil {
				t.Errorf("a GraphQL mutation reached the server: %s", body[:n])
			}
		default:
			t.Errorf("a %s request to %s reached the server", r.Method, r.URL.Path)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"ok":true}`))
	})
}

func extractQuery(body string) string {
	_, after, _ := strings.Cut(body, `"query":"`)
	q, _, _ := strings.Cut(after, `"`)
	return strings.ReplaceAll(q, `\n`, "\n")
}

func TestGuardRefusesWritesBeforeTheNetwork(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv, c := newServer(t, strictServer(t, &hits))
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, "PROPFIND", http.MethodHead, http.MethodOptions} {
		req, _ := http.NewRequestWithContext(t.Context(), method, srv.URL+"/xapi/v1/Users(1)", strings.NewReader(`{}`))
		_, err := c.http.Do(req)
		if !errors.Is(err, ErrNotReadOnly) {
			t.Errorf("%s: got %v, want ErrNotReadOnly", method, err)
		}
	}
	// A GET with a purpose it was not given is still only a GET; a POST
	// pretending to be a read is refused.
	req, _ := http.NewRequestWithContext(withPurpose(t.Context(), purposeRead), http.MethodPost, srv.URL+"/connect/token", nil)
	if _, err := c.http.Do(req); !errors.Is(err, ErrNotReadOnly) {
		t.Errorf("POST marked as a read: got %v", err)
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("%d refused requests reached the server", n)
	}
}

func TestGuardAllowsReadsTokensAndQueries(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	_, c := newServer(t, strictServer(t, &hits))
	ctx := t.Context()
	var out map[string]any
	if err := c.GetJSON(ctx, "reading", "/xapi/v1/Users", url.Values{"$top": {"5"}}, nil, &out); err != nil {
		t.Fatal(err)
	}
	if err := c.TokenRequest(ctx, "signing in", "/connect/token", TokenBody{Form: url.Values{"grant_type": {"client_credentials"}}}, &out); err != nil {
		t.Fatal(err)
	}
	if err := c.GraphQL(ctx, "reading", "/gql", "# no mutation here\nquery { a }", nil, nil, &out); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 3 {
		t.Fatalf("got %d requests, want 3", hits.Load())
	}
}

func TestGuardRefusesGraphQLThatIsNotAQuery(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	_, c := newServer(t, strictServer(t, &hits))
	for _, doc := range []string{
		"mutation { deleteExtension(id: 1) { status } }",
		"subscription { calls { id } }",
		"query A { a } mutation B { b }",
		"{ a } mutation { b }",
		"not graphql at all {",
		"",
	} {
		err := c.GraphQL(t.Context(), "reading", "/gql", doc, nil, nil, nil)
		if !errors.Is(err, ErrNotReadOnly) {
			t.Errorf("%q: got %v, want ErrNotReadOnly", doc, err)
		}
	}
	// The transport checks the body it is about to send, not what the caller
	// said it was sending.
	body := `{"query":"mutation { b }"}`
	req, _ := http.NewRequestWithContext(withPurpose(context.Background(), purposeGraphQL), http.MethodPost, c.BaseURL()+"/gql", strings.NewReader(body))
	if _, err := c.http.Do(req); !errors.Is(err, ErrNotReadOnly) {
		t.Errorf("marked mutation: got %v", err)
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("%d refused requests reached the server", n)
	}
}

func TestTokenRequestOnlyToATokenAddress(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	_, c := newServer(t, strictServer(t, &hits))
	err := c.TokenRequest(t.Context(), "signing in", "/xapi/v1/Users", TokenBody{Form: url.Values{"a": {"b"}}}, nil)
	if !errors.Is(err, ErrNotReadOnly) {
		t.Fatalf("got %v, want ErrNotReadOnly", err)
	}
	if hits.Load() != 0 {
		t.Fatal("the request reached the server")
	}
}

func TestRequestsStayOnTheConfiguredHost(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	_, c := newServer(t, strictServer(t, &hits))
	err := c.GetJSON(t.Context(), "following a link", "https://elsewhere.example/xapi/v1/Users", nil, nil, nil)
	if !errors.Is(err, ErrRedirect) {
		t.Fatalf("got %v, want ErrRedirect", err)
	}
}

func TestQueryOnly(t *testing.T) {
	t.Parallel()
	ok := []string{
		"{ a }",
		"query { a }",
		"query Q($n: Int) { a(first: $n) { b } }",
		`query { a(note: "mutation { x }") }`,
		"# mutation { x }\n{ a }",
		"query A { a } query B { b }",
		"fragment F on T { a } query { ...F }",
	}
	for _, doc := range ok {
		if err := queryOnly(doc); err != nil {
			t.Errorf("%q refused: %v", doc, err)
		}
	}
	bad := []string{
		"mutation { a }",
		"mutation M { a }",
		"subscription { a }",
		"query { a } mutation { b }",
		"fragment F on T { a }",
		"{ a",
	}
	for _, doc := range bad {
		if err := queryOnly(doc); err == nil {
			t.Errorf("%q accepted", doc)
		}
	}
}
