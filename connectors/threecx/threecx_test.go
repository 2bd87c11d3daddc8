package threecx

// The fake XAPI server (./xapifake) follows 3CX's published XAPI description:
// github.com/3cx/xapi-tutorial, swagger.yaml (Pbx.User, Pbx.UserGroup,
// Pbx.Rights, Pbx.SipDevice with Pbx.PhoneRegistrar, Pbx.OutboundRule,
// Pbx.CountryCodes, Pbx.Trunk, Pbx.SystemStatus) and auth.ts (the
// client-credentials POST to /connect/token, expires_in in seconds).
// CallHistoryView's field names (SegmentStartTime, SrcDn, DstCallerNumber,
// CallAnswered, DstExternal) follow public XAPI client code, e.g.
// github.com/luxzg/3CX-XAPI_examples.

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
	"github.com/ringfence/ringfence/connectors/threecx/xapifake"
)

func testLimits() httpx.Limits {
	return httpx.Limits{Connect: 2 * time.Second, Request: 2 * time.Second, Overall: 20 * time.Second,
		MaxBody: 8 << 20, Retries: 1, MaxConcurrent: 4, Backoff: time.Millisecond, MaxRetryWait: 5 * time.Millisecond}
}

func serve(t testing.TB, pbx *xapifake.PBX) (*httptest.Server, *x509.CertPool) {
	srv := httptest.NewTLSServer(pbx.Handler(t))
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	return srv, pool
}

func poolOf(srv *httptest.Server) *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	return pool
}

func newSource(t testing.TB, url string, pool *x509.CertPool, secret string, calls bool, pageSize int) *Source {
	s, err := New(Config{URL: url, ClientID: xapifake.ClientID, Secret: secret, RootCAs: pool,
		Limits: testLimits(), Calls: calls, PageSize: pageSize})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSmallBusiness(t *testing.T) {
	pbx := xapifake.SmallBusiness()
	pbx.PageLimit = 2 // the server pages with @odata.nextLink...
	pbx.TokenUses = 3 // ...and its tokens expire mid-fetch
	srv, pool := serve(t, pbx)
	s := newSource(t, srv.URL, pool, xapifake.Secret, true, 3) // ...and the client asks for 3 at a time
	s.now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }

	var steps []string
	inv, err := s.Fetch(t.Context(), func(p connectors.Progress) {
		if len(steps) == 0 || steps[len(steps)-1] != p.Step {
			steps = append(steps, p.Step)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"pbx", "users", "devices", "dialling", "calls"}; !slices.Equal(steps, want) {
		t.Errorf("progress steps %v, want %v", steps, want)
	}
	if pbx.TokensIssued < 2 {
		t.Errorf("the token never expired and was renewed (%d issued)", pbx.TokensIssued)
	}

	if inv.PBX.Product != "3CX" || inv.PBX.Version != "20.0.4.904" {
		t.Errorf("PBX %+v", inv.PBX)
	}
	if len(inv.Extensions) != 10 || len(inv.Voicemail) != 10 || len(inv.Devices) != 4 {
		t.Fatalf("%d extensions, %d mailboxes, %d devices; want 10, 10, 4", len(inv.Extensions), len(inv.Voicemail), len(inv.Devices))
	}
	box := map[string]inventory.Mailbox{}
	for _, m := range inv.Voicemail {
		box[m.Extension] = m
	}
	for ext, want := range map[string]inventory.PINVerdict{"201": inventory.PINOK, "203": inventory.PINEqualsExtension, "204": inventory.PINWeak} {
		if got := box[ext].PIN.Verdict; got != want {
			t.Errorf("mailbox %s: verdict %s, want %s", ext, got, want)
		}
	}
	if !box["205"].PIN.Short || box["206"].PINRequired || !box["201"].PINRequired {
		t.Errorf("short or PIN-required flags wrong: %+v %+v %+v", box["205"], box["206"], box["201"])
	}
	admins := map[string]inventory.AdminAccount{}
	for _, a := range inv.Admins {
		admins[a.Name] = a
	}
	if len(admins) != 2 || admins["Sarah Price"].MFA != inventory.MFADisabled || admins["Sarah Price"].Role != "system_owners" ||
		!admins["Reception"].Shared || admins["Reception"].MFA != inventory.MFAEnabled {
		t.Errorf("admins %+v", inv.Admins)
	}
	dev := inv.Devices[0]
	if dev.Vendor != "Yealink" || dev.Model != "T54W" || dev.Firmware != "96.86.0.70" || dev.Owner != "201" || dev.IP != "192.168.10.21" || dev.MAC == "" {
		t.Errorf("device %+v", dev)
	}
	if inv.Devices[3].Owner != "" {
		t.Errorf("the unassigned phone has an owner: %+v", inv.Devices[3])
	}
	d := inv.Dialling
	if d == nil || !d.InternationalOpen || !slices.Equal(d.BlockedPrefixes, []string{"118"}) || d.MaxConcurrentCalls != 0 {
		t.Errorf("dialling %+v", d)
	}
	if len(inv.Calls) != 1 || inv.Calls[0].From != "207" || inv.Calls[0].Duration != 40*time.Minute {
		t.Errorf("calls %+v", inv.Calls)
	}

	results := checklist.Evaluate(checklist.Builtin(), &inv.Inventory, nil, nil, s.now())
	var failed []string
	for _, r := range results {
		if r.Status == checklist.StatusFail {
			failed = append(failed, r.CheckID)
		}
	}
	for _, id := range []string{"MFA-01", "MFA-03", "PIN-01", "PIN-02", "PIN-03", "PIN-06", "TF-01", "TF-02", "TF-06", "EP-01"} {
		if !slices.Contains(failed, id) {
			t.Errorf("%s should fail; failed checks: %v", id, failed)
		}
	}
	t.Logf("failed checks: %v", failed)

	raw, _ := json.Marshal(inv)
	for _, secret := range append(xapifake.SecretValues(), xapifake.LeakPINs...) {
		if strings.Contains(string(raw), secret) {
			t.Errorf("the inventory holds %q", secret)
		}
	}
}

func TestWrongKeyIsExplained(t *testing.T) {
	srv, pool := serve(t, xapifake.SmallBusiness())
	s := newSource(t, srv.URL, pool, "not-the-key", false, 0)
	_, err := s.Fetch(t.Context(), nil)
	var he *httpx.Error
	if !errors.As(err, &he) || he.Status != http.StatusBadRequest || he.Step != "signing in" {
		t.Fatalf("got %v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "3cx: signing in: the server said 400") || !strings.Contains(msg, "Integrations > API") || strings.Contains(msg, "not-the-key") {
		t.Fatalf("message %q", msg)
	}
	if err := s.Test(t.Context()); err == nil {
		t.Fatal("Test accepted a wrong key")
	}
}

func TestTesterSignsInAndReadsOnce(t *testing.T) {
	pbx := xapifake.SmallBusiness()
	srv, pool := serve(t, pbx)
	s := newSource(t, srv.URL, pool, xapifake.Secret, false, 0)
	if err := s.Test(t.Context()); err != nil {
		t.Fatal(err)
	}
	if pbx.TokensIssued != 1 || pbx.Requests["Users"] != 1 || len(pbx.Requests) != 1 {
		t.Fatalf("tokens %d, requests %v", pbx.TokensIssued, pbx.Requests)
	}
}

func TestFetchStopsWhenCancelled(t *testing.T) {
	srv, pool := serve(t, xapifake.SmallBusiness())
	s := newSource(t, srv.URL, pool, xapifake.Secret, false, 0)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.Fetch(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestRegisteredKind(t *testing.T) {
	k := Kind()
	if k.Name != Name || k.New == nil || k.LeastPrivilege == "" {
		t.Fatalf("3cx is not registered properly: %+v", k)
	}
	var secretFields int
	for _, f := range k.Settings {
		if f.Type == connectors.Secret {
			secretFields++
		}
	}
	if secretFields != 1 {
		t.Fatalf("%d secret fields", secretFields)
	}
	site := checklist.Site{Name: "x", Connector: checklist.ConnectorSettings{Kind: Name, URL: "https://pbx.example.com", ClientID: "900"}}
	if _, err := k.New(site, "key"); err != nil {
		t.Fatal(err)
	}
	if _, err := k.New(site, ""); err == nil {
		t.Fatal("a missing key was accepted")
	}
}
