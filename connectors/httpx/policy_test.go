package httpx

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

// A redirect to a write address, for every kind of request and every
// redirect status: the server must never see the write.
func TestRedirectsNeverReachAWriteAddress(t *testing.T) {
	t.Parallel()
	for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		for _, kind := range []string{"read", "sign-in", "query"} {
			var writes atomic.Int32
			_, c := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.Contains(r.URL.Path, "ResetToken") || strings.Contains(r.URL.Path, "config.php") {
					writes.Add(1)
					okJSON(w, r)
					return
				}
				target := "/xapi/v1/Users(1)/Pbx.ResetToken"
				if kind == "query" {
					target = "/admin/config.php?display=extensions&action=del"
				}
				http.Redirect(w, r, target, code)
			}))
			var err error
			switch kind {
			case "read":
				err = c.GetJSON(t.Context(), "reading", "/xapi/v1/Users", nil, nil, nil)
			case "sign-in":
				err = c.TokenRequest(t.Context(), "signing in", "/connect/token", TokenBody{Form: url.Values{"client_secret": {"hunter2"}}}, nil)
			case "query":
				err = c.GraphQL(t.Context(), "reading", "/gql", "{ a }", nil, http.Header{"Authorization": {"Bearer tok"}}, nil)
			}
			if writes.Load() != 0 {
				t.Errorf("%d %s: the server saw the write address", code, kind)
			}
			if !errors.Is(err, ErrNotReadOnly) && !errors.Is(err, ErrRedirect) {
				t.Errorf("%d %s: got %v, want a refusal", code, kind, err)
			}
			if err != nil && strings.Contains(err.Error(), "hunter2") {
				t.Errorf("the error repeats the secret: %v", err)
			}
		}
	}
}

func TestPolicyPathsAreExact(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv, c := newServer(t, strictServer(t, &hits))
	for _, path := range []string{
		"/xapi/v1/Users(1)/Pbx.ResetToken", "/xapi/v1/Users/../Users(1)", "/XAPI/v1/Users", "/xapi/v1/Users/",
		"/xapi/v1/Users%2F..%2FUsers(1)", "/xapi/v1/UsersX",
	} {
		u, _ := url.Parse(srv.URL + path)
		req, _ := http.NewRequestWithContext(withPurpose(t.Context(), purposeRead), http.MethodGet, u.String(), nil)
		if _, err := c.http.Do(req); !errors.Is(err, ErrNotReadOnly) {
			t.Errorf("GET %s: got %v, want a refusal", path, err)
		}
	}
	for _, path := range []string{"/xapi/v1/Users(1)/Pbx.ResetToken", "/connect/token/x", "/gql"} {
		if err := c.TokenRequest(t.Context(), "signing in", path, TokenBody{Form: url.Values{"a": {"b"}}}, nil); !errors.Is(err, ErrNotReadOnly) {
			t.Errorf("sign-in to %s: got %v, want a refusal", path, err)
		}
	}
	if err := c.GraphQL(t.Context(), "reading", "/admin/config.php", "{ a }", nil, nil, nil); !errors.Is(err, ErrNotReadOnly) {
		t.Errorf("a query to another path: got %v", err)
	}
	if err := c.Release(t.Context(), "signing out", nil, nil); !errors.Is(err, ErrNotReadOnly) {
		t.Errorf("a release without a release address: got %v", err)
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("%d refused requests reached the server", n)
	}
}

func TestPolicyUnderABasePath(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv, _ := newServer(t, strictServer(t, &hits))
	c, err := New(Config{Connector: "test", BaseURL: srv.URL + "/pbx", Limits: testLimits(), RootCAs: srvPool(srv), Policy: testPolicy})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.GetJSON(t.Context(), "reading", "/xapi/v1/Users", nil, nil, nil); err != nil {
		t.Fatalf("a read under the base path: %v", err)
	}
	if err := c.GetJSON(t.Context(), "reading", srv.URL+"/xapi/v1/Users", nil, nil, nil); !errors.Is(err, ErrNotReadOnly) {
		t.Fatalf("a read outside the base path: %v", err)
	}
}

func TestReleaseGoesOnlyToItsAddress(t *testing.T) {
	t.Parallel()
	var paths []string
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.Method+" "+r.URL.Path)
		if r.URL.Path == "/openapi/v1.0/del_token" && r.URL.Query().Has("again") {
			t.Error("the release was redirected and followed")
		}
		if !r.URL.Query().Has("bounce") {
			okJSON(w, r)
			return
		}
		http.Redirect(w, r, "/openapi/v1.0/del_token?again=1", http.StatusFound)
	}))
	p := Policy{Reads: []string{"/openapi/v1.0/extension/list"}, Release: "/openapi/v1.0/del_token"}
	c, err := New(Config{Connector: "yeastar", BaseURL: srv.URL, Limits: testLimits(), RootCAs: srvPool(srv), Policy: p})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Release(t.Context(), "signing out", url.Values{"access_token": {"t"}}, nil); err != nil {
		t.Fatal(err)
	}
	// A read may not be sent to the release address, nor redirected there.
	if err := c.GetJSON(t.Context(), "reading", "/openapi/v1.0/del_token", nil, nil, nil); !errors.Is(err, ErrNotReadOnly) {
		t.Errorf("a read of the release address: %v", err)
	}
	if err := c.GetJSON(t.Context(), "reading", "/openapi/v1.0/extension/list", url.Values{"bounce": {"1"}}, nil, nil); !errors.Is(err, ErrNotReadOnly) {
		t.Errorf("a read redirected to the release address: %v", err)
	}
	if err := c.Release(t.Context(), "signing out", url.Values{"bounce": {"1"}}, nil); !errors.Is(err, ErrRedirect) {
		t.Errorf("a redirected release: %v", err)
	}
	if len(paths) != 3 {
		t.Errorf("requests %v", paths)
	}
}

func TestAClientNeedsAPolicy(t *testing.T) {
	t.Parallel()
	if _, err := New(Config{Connector: "x", BaseURL: "https://pbx.example.com"}); !errors.Is(err, errNoPolicy) {
		t.Fatalf("got %v", err)
	}
}
