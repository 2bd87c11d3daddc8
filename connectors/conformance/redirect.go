package conformance

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
)

// trapParam marks every write address a hostile server redirects to. A
// request carrying it means a redirect was followed to a write.
const trapParam = "rf_trap"

// redirectStatuses are every status that tells a client to go elsewhere.
var redirectStatuses = []int{http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect}

// locationForms build the Location header three ways, because clients
// resolve each differently.
var locationForms = []struct {
	name  string
	build func(r *http.Request, write string) string
}{
	{"absolute", func(r *http.Request, write string) string { return "https://" + r.Host + write }},
	{"root-relative", func(r *http.Request, write string) string { return write }},
	{"path-relative", func(r *http.Request, write string) string {
		depth := strings.Count(strings.TrimPrefix(r.URL.Path, "/"), "/")
		return strings.Repeat("../", depth) + strings.TrimPrefix(write, "/")
	}},
}

// recorder notes the kind of every request, in the order first seen.
type recorder struct {
	mu    sync.Mutex
	kinds []string
}

func (rc *recorder) add(k string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, seen := range rc.kinds {
		if seen == k {
			return
		}
	}
	rc.kinds = append(rc.kinds, k)
}

// readBody gives the classifier the body and puts it back for the fake.
func readBody(r *http.Request) []byte {
	if r.Body == nil {
		return nil
	}
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body
}

// The two things a front end does with a connector: test the connection
// (connect) and read the whole inventory (audit).
const (
	phaseFetch = "fetch"
	phaseTest  = "connection test"
)

// phaseKind is one kind of request in one phase.
type phaseKind struct{ phase, kind string }

// runPhase builds a fresh source and runs one phase. ok is false when the
// connector cannot test a connection.
func runPhase(t *testing.T, tg Target, e Endpoint, phase string) (err error, ok bool) {
	src, err := tg.New(e)
	if err != nil {
		t.Fatal(err)
	}
	if phase == phaseTest {
		tester, ok := src.(connectors.Tester)
		if !ok {
			return nil, false
		}
		return tester.Test(t.Context()), true
	}
	_, err = src.Fetch(t.Context(), nil)
	return err, true
}

// RedirectKinds runs a healthy fetch and connection test with small pages and
// lists the kinds of request the connector sent in each, as Classify names them.
func RedirectKinds(t *testing.T, tg Target) []phaseKind {
	var out []phaseKind
	for _, phase := range []string{phaseFetch, phaseTest} {
		rc := &recorder{}
		healthy := tg.Fake(t)
		srv, pool := start(t, Watch(t, tg, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rc.add(tg.Classify(r, readBody(r)))
			healthy.ServeHTTP(w, r)
		})))
		err, _ := runPhase(t, tg, Endpoint{URL: srv.URL, RootCAs: pool, Limits: HealthyLimits(), Secret: tg.Secret, PageSize: 2}, phase)
		if err != nil {
			t.Fatalf("healthy %s: %v", phase, err)
		}
		for _, k := range rc.kinds {
			out = append(out, phaseKind{phase, k})
		}
	}
	return out
}

// RunRedirects sends each kind of request the connector makes, in a fetch and
// in a connection test, to a write address, with every redirect status and
// every form of Location, and fails if the server ever sees the write. Apart
// from the release of a sign-in, which may fail quietly, each run must end in
// a refusal naming the connector. It returns the number of cases and how many
// held.
func RunRedirects(t *testing.T, tg Target) (cases, held int) {
	kinds := RedirectKinds(t, tg)
	if len(kinds) < 3 {
		t.Fatalf("only %d kinds of request were seen (%v); the suite would prove little", len(kinds), kinds)
	}
	n := 0
	for _, pk := range kinds {
		for _, code := range redirectStatuses {
			for _, form := range locationForms {
				write := tg.Writes[n%len(tg.Writes)]
				n++
				cases++
				ok := t.Run(fmt.Sprintf("%s/%s/%d/%s", pk.phase, pk.kind, code, form.name), func(t *testing.T) {
					redirectCase(t, tg, pk, code, form.build, write)
				})
				if ok {
					held++
				}
			}
		}
	}
	return cases, held
}

func redirectCase(t *testing.T, tg Target, pk phaseKind, code int, build func(*http.Request, string) string, write string) {
	healthy := Watch(t, tg, tg.Fake(t))
	var mu sync.Mutex
	var redirected bool
	trap := write + sep(write) + trapParam + "=1"
	srv, pool := start(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has(trapParam) {
			t.Errorf("%s: the phone system received %s %s after a %d redirect from %q", tg.Name, r.Method, r.URL.RequestURI(), code, pk.kind)
			http.Error(w, "", http.StatusTeapot)
			return
		}
		body := readBody(r)
		mu.Lock()
		hit := !redirected && tg.Classify(r, body) == pk.kind
		if hit {
			redirected = true
		}
		mu.Unlock()
		if hit {
			w.Header().Set("Location", build(r, trap))
			w.WriteHeader(code)
			return
		}
		healthy.ServeHTTP(w, r)
	}))
	err, _ := runPhase(t, tg, Endpoint{URL: srv.URL, RootCAs: pool, Limits: HealthyLimits(), Secret: tg.Secret, PageSize: 2}, pk.phase)
	mu.Lock()
	fired := redirected
	mu.Unlock()
	if !fired {
		t.Fatalf("%s: no %q request was sent, so nothing was redirected", tg.Name, pk.kind)
	}
	if strings.HasPrefix(pk.kind, "release") {
		return // a release that fails leaves a token to expire on its own; nothing more
	}
	if err == nil {
		t.Errorf("%s: the redirect of %q ended without an error", tg.Name, pk.kind)
		return
	}
	if !errors.Is(err, httpx.ErrNotReadOnly) && !errors.Is(err, httpx.ErrRedirect) {
		t.Errorf("%s: got %v, want a read-only or redirect refusal", tg.Name, err)
	}
	checkMessage(t, tg, err)
}

func sep(addr string) string {
	if strings.Contains(addr, "?") {
		return "&"
	}
	return "?"
}
