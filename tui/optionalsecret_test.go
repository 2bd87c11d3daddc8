package tui

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors/kamailio/kamailiofake"
)

// A Kamailio site reconnected with the proxy password left empty connects
// without one: a password saved earlier is neither sent nor kept, in the app
// as on the command line.
func TestReconnectWithoutAnOptionalSecretForgetsTheOldOne(t *testing.T) {
	t.Parallel()
	var authorised atomic.Int32
	fake := kamailiofake.Office()
	fake.Protected = false // the proxy in front was taken away
	handler := fake.Handler(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			authorised.Add(1)
		}
		handler.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)

	h := newHarness(t, false, 100, 40)
	keys := &fakeKeyring{stored: map[string]string{"Kam Lab/kamailio": "old-proxy-password"}}
	h.app.sh.opts.Secrets = keys
	site := checklist.Site{Name: "Kam Lab", Connector: checklist.ConnectorSettings{Kind: "kamailio", URL: srv.URL + "/RPC"}}
	if err := h.store.CreateSite(site); err != nil {
		t.Fatal(err)
	}
	sites, errs := h.store.Sites()
	if len(errs) != 0 || len(sites) != 1 {
		t.Fatalf("sites: %v %v", sites, errs)
	}
	h.run(push(newSiteMenu(h.app.sh, sites[0])))
	h.press("down", "down", "enter") // change where its facts come from
	h.press("enter")                 // keeps Kamailio, chosen already
	h.mustSee("JSON-RPC address")
	h.press("enter", "enter", "enter") // the address as saved, no user name, no password
	h.mustSee("Kam Lab")
	if _, err := keys.Get("Kam Lab", "kamailio"); err == nil {
		t.Errorf("the old proxy password is still kept after connecting without one")
	}
	if n := authorised.Load(); n != 0 {
		t.Errorf("the old proxy password was sent %d times after it was left empty", n)
	}
}
