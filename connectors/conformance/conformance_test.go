package conformance

// The fake servers are built from each vendor's documented request and
// response shapes; see the package each one comes from:
//   - 3CX: connectors/threecx/xapifake, after github.com/3cx/xapi-tutorial
//     (swagger.yaml, auth.ts).
//   - FreePBX: connectors/freepbx/freepbxfake, after the FreePBX api, core,
//     voicemail and cdr modules' Api/Gql sources.
//   - Yeastar: connectors/yeastar/yeastarfake, after the P-Series developer
//     guides on help.yeastar.com.
//   - Kamailio: connectors/kamailio/kamailiofake, after the answers of a real
//     Kamailio 5.6, which connectors/kamailio's tests also read.

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/all"
	"github.com/ringfence/ringfence/connectors/freepbx"
	"github.com/ringfence/ringfence/connectors/freepbx/freepbxfake"
	"github.com/ringfence/ringfence/connectors/kamailio"
	"github.com/ringfence/ringfence/connectors/kamailio/kamailiofake"
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
					Pins: e.Pins, RootCAs: e.RootCAs, Limits: e.Limits, Calls: true, PageSize: e.PageSize})
			},
			Secret:   xapifake.Secret,
			PINs:     xapifake.LeakPINs,
			Others:   xapifake.SecretValues(),
			Dir:      "threecx",
			Classify: classify3CX,
			Writes:   []string{"/xapi/v1/Users(1)/Pbx.ResetToken", "/xapi/v1/Users(1)", "/xapi/v1/Users/Pbx.BatchDelete", "/xapi/v1/Trunks(1)"},
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
					Pins: e.Pins, RootCAs: e.RootCAs, Limits: e.Limits, Options: freepbx.Options{Calls: true, PageSize: e.PageSize}})
			},
			Secret:   freepbxfake.Secret,
			PINs:     freepbxfake.LeakPINs,
			Dir:      "freepbx",
			Classify: classifyFreePBX,
			Writes: []string{"/admin/config.php?display=extensions&action=del&extension=100", "/admin/ajax.php?module=core&command=delete",
				"/admin/config.php?display=backup&action=delete&id=1"},
		},
		{
			Name: "yeastar",
			Fake: func(t testing.TB) http.Handler { return yeastarfake.EstateAgency().Handler(t) },
			IsAuth: func(r *http.Request) bool {
				return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "_token")
			},
			New: func(e Endpoint) (connectors.Source, error) {
				return yeastar.New(yeastar.Config{URL: e.URL, ClientID: yeastarfake.ClientID, Secret: e.Secret,
					Pins: e.Pins, RootCAs: e.RootCAs, Limits: e.Limits, Options: yeastar.Options{Calls: true, PageSize: e.PageSize}})
			},
			Secret:   yeastarfake.Secret,
			PINs:     yeastarfake.LeakPINs,
			Others:   []string{yeastarfake.B64(yeastarfake.LeakPINs[0]), yeastarfake.B64(yeastarfake.LeakPINs[1])},
			Dir:      "yeastar",
			Classify: classifyYeastar,
			Writes:   []string{"/openapi/v1.0/extension/delete?ids=1,2", "/openapi/v1.0/del_token", "/openapi/v1.0/extension/update", "/openapi/v1.0/system/reboot"},
		},
		{
			Name: kamailio.Name,
			Fake: func(t testing.TB) http.Handler { return kamailiofake.Office().Handler(t) },
			// Kamailio has no sign-in of its own; the proxy's travels with
			// every request.
			IsAuth:     func(*http.Request) bool { return false },
			IsRPC:      kamailiofake.IsRPC,
			RPCMethods: kamailiofake.Methods,
			New: func(e Endpoint) (connectors.Source, error) {
				return kamailio.New(kamailio.Config{URL: e.URL + "/RPC", User: kamailiofake.User, Secret: e.Secret,
					Pins: e.Pins, RootCAs: e.RootCAs, Limits: e.Limits})
			},
			Secret:      kamailiofake.Secret,
			NoMailboxes: true,
			Dir:         "kamailio",
			Classify:    classifyKamailio,
			// Kamailio's writes are JSON-RPC methods, posted like its reads;
			// these addresses stand for them in the redirect suite.
			Writes: []string{"/RPC?method=ul.rm", "/RPC?method=core.kill", "/RPC?method=ul.flush"},
		},
	}
}

func TestHostileServers(t *testing.T) {
	t.Parallel()
	for _, tg := range targets() {
		t.Run(tg.Name, func(t *testing.T) { RunHostile(t, tg) })
	}
}

// TestRedirectsNeverReachAWrite sends every kind of request each connector
// makes (each read, the sign-in, GraphQL queries, next pages) to a write
// address with 302, 303, 307 and 308, absolute and relative.
func TestRedirectsNeverReachAWrite(t *testing.T) {
	t.Parallel()
	for _, tg := range targets() {
		t.Run(tg.Name, func(t *testing.T) {
			cases, held := RunRedirects(t, tg)
			t.Logf("%s: %d of %d hostile redirect cases held", tg.Name, held, cases)
		})
	}
}

// TestEveryHTTPConnectorIsCovered fails when a connector that talks HTTP is
// missing from targets: by the registry (a kind with an address field) and
// by the source (a package under connectors/ that imports httpx).
func TestEveryHTTPConnectorIsCovered(t *testing.T) {
	t.Parallel()
	names, dirs := map[string]bool{}, map[string]bool{}
	for _, tg := range targets() {
		names[tg.Name], dirs[tg.Dir] = true, true
	}
	for _, k := range all.Kinds() {
		if _, http := k.Setting(connectors.KeyURL); http && !names[k.Name] {
			t.Errorf("the %s connector reads over HTTP but is not in the conformance targets", k.Name)
		}
	}
	// A target whose connector is not listed tests code no site can use.
	for name := range names {
		if _, ok := all.Kinds().Lookup(name); !ok {
			t.Errorf("%s is in the conformance targets but connectors/all does not list it", name)
		}
	}
	users, err := httpxUsers("..")
	if err != nil {
		t.Fatal(err)
	}
	if len(users) == 0 {
		t.Fatal("no package imports httpx; the scan is looking in the wrong place")
	}
	for _, dir := range users {
		if !dirs[dir] {
			t.Errorf("connectors/%s imports httpx but is not in the conformance targets", dir)
		}
	}
}

func TestReadOnly(t *testing.T) {
	t.Parallel()
	for _, tg := range targets() {
		t.Run(tg.Name, func(t *testing.T) { RunReadOnly(t, tg) })
	}
}

func TestNoLeaks(t *testing.T) {
	t.Parallel()
	for _, tg := range targets() {
		t.Run(tg.Name, func(t *testing.T) { RunLeak(t, tg) })
	}
}

func TestLooksLikeQuery(t *testing.T) {
	t.Parallel()
	for doc, want := range map[string]bool{
		"{ a }": true, `query { a(s: "mutation") }`: true, "# mutation\n{ a }": true,
		"mutation { a }": false, "query { a } subscription { b }": false,
	} {
		if got := looksLikeQuery(doc); got != want {
			t.Errorf("%q: %v", doc, got)
		}
	}
}
