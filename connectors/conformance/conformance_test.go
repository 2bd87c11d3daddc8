package conformance

// The fake servers are built from each vendor's documented request and
// response shapes; see the package each one comes from:
//   - 3CX: connectors/threecx/xapifake, after github.com/3cx/xapi-tutorial
//     (swagger.yaml, auth.ts).

import (
	"net/http"
	"testing"

	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/threecx"
	"github.com/ringfence/ringfence/connectors/threecx/xapifake"
)

// targets lists every HTTP connector. Adding one is a fake server, a
// constructor and the secrets its fake holds.
func targets() []Target {
	return []Target{
		{
			Name: threecx.Name,
			Fake: func(t testing.TB) http.Handler { return xapifake.SmallBusiness().Handler(t) },
			IsAuth: func(r *http.Request) bool {
				return r.Method == http.MethodPost && r.URL.Path == "/connect/token"
			},
			New: func(e Endpoint) (connectors.Source, error) {
				return threecx.New(threecx.Config{URL: e.URL, ClientID: xapifake.ClientID, Secret: e.Secret,
					Pins: e.Pins, RootCAs: e.RootCAs, Limits: e.Limits, Calls: true})
			},
			Secret: xapifake.Secret,
			PINs:   xapifake.LeakPINs,
			Others: xapifake.SecretValues(),
		},
	}
}

func TestHostileServers(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.Name, func(t *testing.T) { RunHostile(t, tg) })
	}
}

func TestReadOnly(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.Name, func(t *testing.T) { RunReadOnly(t, tg) })
	}
}

func TestNoLeaks(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.Name, func(t *testing.T) { RunLeak(t, tg) })
	}
}

func TestLooksLikeQuery(t *testing.T) {
	for doc, want := range map[string]bool{
		"{ a }": true, `query { a(s: "mutation") }`: true, "# mutation\n{ a }": true,
		"mutation { a }": false, "query { a } subscription { b }": false,
	} {
		if got := looksLikeQuery(doc); got != want {
			t.Errorf("%q: %v", doc, got)
		}
	}
}
