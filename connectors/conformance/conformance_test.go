package conformance

// The fake servers are built from each vendor's documented request and
// response shapes; see the package each one comes from:
//   - 3CX: connectors/threecx/xapifake, after github.com/3cx/xapi-tutorial
//     (swagger.yaml, auth.ts).
//   - FreePBX: connectors/freepbx/freepbxfake, after the FreePBX api, core,
//     voicemail and cdr modules' Api/Gql sources.
//   - Yeastar: connectors/yeastar/yeastarfake, after the P-Series developer
//     guides on help.yeastar.com.

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/freepbx"
	"github.com/ringfence/ringfence/connectors/freepbx/freepbxfake"
	"github.com/ringfence/ringfence/connectors/threecx"
	"github.com/ringfence/ringfence/connectors/threecx/xapifake"
	"github.com/ringfence/ringfence/connectors/yeastar"
	"github.com/ringfence/ringfence/connectors/yeastar/yeastarfake"
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
		{
			Name: "freepbx",
			Fake: func(t testing.TB) http.Handler { return freepbxfake.DentalPractice().Handler(t) },
			IsAuth: func(r *http.Request) bool {
				return r.Method == http.MethodPost && r.URL.Path == "/admin/api/api/token"
			},
			IsGraphQL: func(r *http.Request) bool {
				return r.Method == http.MethodPost && r.URL.Path == "/admin/api/api/gql"
			},
			New: func(e Endpoint) (connectors.Source, error) {
				return freepbx.New(freepbx.Config{URL: e.URL, ClientID: freepbxfake.ClientID, Secret: e.Secret,
					Pins: e.Pins, RootCAs: e.RootCAs, Limits: e.Limits, Options: freepbx.Options{Calls: true}})
			},
			Secret: freepbxfake.Secret,
			PINs:   freepbxfake.LeakPINs,
		},
		{
			Name: "yeastar",
			Fake: func(t testing.TB) http.Handler { return yeastarfake.EstateAgency().Handler(t) },
			IsAuth: func(r *http.Request) bool {
				return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "_token")
			},
			New: func(e Endpoint) (connectors.Source, error) {
				return yeastar.New(yeastar.Config{URL: e.URL, ClientID: yeastarfake.ClientID, Secret: e.Secret,
					Pins: e.Pins, RootCAs: e.RootCAs, Limits: e.Limits, Options: yeastar.Options{Calls: true}})
			},
			Secret: yeastarfake.Secret,
			PINs:   yeastarfake.LeakPINs,
			Others: []string{yeastarfake.B64(yeastarfake.LeakPINs[0]), yeastarfake.B64(yeastarfake.LeakPINs[1])},
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
