package yeastar

// The fake in yeastarfake follows Yeastar's P-Series developer guides on
// help.yeastar.com (get-access-token, authorization-rule, query-extension-list,
// search-specific-ip-phones, query-cdr-list, query-pbx-information, and the
// interface summary that lists extension/getpassword); see its header for what
// each one contributed.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
	"github.com/ringfence/ringfence/connectors/yeastar/yeastarfake"
)

var testNow = time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC) // a Monday

// fake serves a fake Yeastar for the test, built from the documents cited in
// yeastarfake.
func fake(t testing.TB, f *yeastarfake.Server) (*yeastarfake.Server, string) {
	return f, f.Start(t).URL
}

func newSource(t testing.TB, url string, f *yeastarfake.Server, opts Options) *Source {
	t.Helper()
	s, err := New(Config{URL: url, ClientID: f.ClientID, Secret: f.Secret, Options: opts})
	if err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return testNow }
	return s
}

func TestFetchEstateAgency(t *testing.T) {
	f, url := fake(t, yeastarfake.EstateAgency())
	var steps []string
	inv, err := newSource(t, url, f, Options{Calls: true, PageSize: 2}).Fetch(t.Context(), func(p connectors.Progress) {
		if !slices.Contains(steps, p.Step) {
			steps = append(steps, p.Step)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"extensions", "voicemail", "phones", "calls"}; !slices.Equal(steps, want) {
		t.Errorf("progress steps %v, want %v", steps, want)
	}
	if inv.PBX.Product != "Yeastar P-Series" || inv.PBX.Version != "37.12.0.30" || !strings.Contains(inv.Source.Detail, "Yeastar P550") {
		t.Errorf("PBX %+v, detail %q", inv.PBX, inv.Source.Detail)
	}
	if len(inv.Extensions) != 6 || inv.Extensions[0].Email != "desk@example.co.uk" || inv.Extensions[0].Name != "Front Desk" {
		t.Errorf("extensions %+v", inv.Extensions)
	}
	verdicts := map[string]inventory.PINVerdict{}
	for _, m := range inv.Voicemail {
		verdicts[m.Extension] = m.PIN.Verdict
	}
	want := map[string]inventory.PINVerdict{
		"1000": inventory.PINEqualsExtension, "1001": inventory.PINUnset, "1002": inventory.PINWeak,
		"1003": inventory.PINWeak, "1004": inventory.PINOK, "1005": inventory.PINUnknown,
	}
	if fmt.Sprint(verdicts) != fmt.Sprint(want) {
		t.Errorf("verdicts %v, want %v", verdicts, want)
	}
	if len(inv.Devices) != 5 {
		t.Fatalf("devices %+v", inv.Devices)
	}
	if d := inv.Devices[0]; d.MAC != "00:0B:82:AA:BB:01" || d.Owner != "1000" || d.Kind != inventory.DeviceDeskPhone {
		t.Errorf("first phone %+v", d)
	}
	if d := inv.Devices[3]; d.Owner != "" {
		t.Errorf("an unassigned phone has owner %q", d.Owner)
	}
	if d := inv.Devices[4]; d.Kind != inventory.DeviceDECT {
		t.Errorf("the W60B is kind %q", d.Kind)
	}
	if len(inv.Calls) != 3 || inv.Calls[0].From != "1001" || inv.Calls[0].To != "0088212345678" || inv.Calls[2].To != "1002" || inv.Calls[2].Answered {
		t.Errorf("calls %+v", inv.Calls)
	}

	raw, _ := json.Marshal(inv)
	for _, secret := range []string{"915372", "74019", yeastarfake.B64("915372"), f.Secret, "acc-1", "ref-1"} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("the inventory holds %q", secret)
		}
	}

	failed := map[string][]string{}
	for _, r := range checklist.Evaluate(checklist.Builtin(), &inv.Inventory, nil, nil, testNow) {
		if r.Status == checklist.StatusFail {
			for _, it := range r.Affected {
				failed[r.CheckID] = append(failed[r.CheckID], it.ID)
			}
		}
	}
	wantFailed := map[string][]string{
		"PIN-01": {"1000"},
		"PIN-02": {"1002"},
		"PIN-03": {"1000", "1003"},
		"PIN-06": {"1001"},
		"EP-01":  {"80:5E:C0:AA:BB:04"},
		"EP-03":  {"00:15:65:AA:BB:02"},
		"FW-01":  {"00:0B:82:AA:BB:01"},
		"FW-08":  {"00:0B:82:AA:BB:01", "80:5E:C0:AA:BB:03"},
		"MON-02": {"1001", "1001"}, // a satellite call at 02:00: high-cost and out of hours
	}
	if fmt.Sprint(failed) != fmt.Sprint(wantFailed) {
		t.Errorf("failed checks\n%v\nwant\n%v", failed, wantFailed)
	}
}

func TestExpiredTokenIsRefreshedOnceUnderLoad(t *testing.T) {
	f, url := fake(t, yeastarfake.New())
	for i := 0; i < 300; i++ {
		f.Exts = append(f.Exts, yeastarfake.Ext{ID: i + 1, Number: fmt.Sprint(2000 + i), PINB64: yeastarfake.B64("583920")})
	}
	f.ExpireAfter = 50
	inv, err := newSource(t, url, f, Options{Concurrency: 8}).Fetch(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Voicemail) != 300 {
		t.Fatalf("%d mailboxes", len(inv.Voicemail))
	}
	// 300 PIN reads plus a few lists at 50 reads a token: about 6 renewals.
	// Each refresh revokes the last token, so requests in flight retry with
	// the new one instead of refreshing again.
	if f.Refreshes < 5 || f.Refreshes > 9 || f.Issued != f.Refreshes+1 {
		t.Errorf("%d refreshes and %d tokens issued", f.Refreshes, f.Issued)
	}
}

func TestTokenRenewedBeforeItExpires(t *testing.T) {
	f, url := fake(t, yeastarfake.EstateAgency())
	s := newSource(t, url, f, Options{})
	// Reads within one run share a session; Test would hand it back.
	read := func() error {
		var info systemInfo
		return s.get(t.Context(), "reading", "system/information", nil, &info)
	}
	if err := read(); err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return testNow.Add(29*time.Minute + 30*time.Second) }
	if err := read(); err != nil {
		t.Fatal(err)
	}
	if f.Refreshes != 1 {
		t.Errorf("%d refreshes, want one before the 30 minutes are up", f.Refreshes)
	}
	s.now = func() time.Time { return testNow.Add(48 * time.Hour) }
	if err := read(); err != nil {
		t.Fatal(err)
	}
	if f.Issued != 3 {
		t.Errorf("%d tokens issued, want a fresh sign-in once the refresh token is stale", f.Issued)
	}
}

func TestErrorsAreClear(t *testing.T) {
	for name, tc := range map[string]struct {
		setup func(f *yeastarfake.Server)
		want  []string
	}{
		"wrong secret":          {func(f *yeastarfake.Server) { f.Secret = "another-secret" }, []string{"yeastar", "signing in", "200", "error code 40002", "client ID and secret"}},
		"too many tokens":       {func(f *yeastarfake.Server) { f.TooManyTokens = true }, []string{"yeastar", "signing in", "error code 60002", "most tokens"}},
		"extension list denied": {func(f *yeastarfake.Server) { f.Deny["extension/list"] = true }, []string{"yeastar", "reading extensions", "error code 10005", "IP address is allowed"}},
	} {
		t.Run(name, func(t *testing.T) {
			f, url := fake(t, yeastarfake.EstateAgency())
			s := newSource(t, url, f, Options{})
			tc.setup(f)
			_, err := s.Fetch(t.Context(), nil)
			if err == nil {
				t.Fatal("no error")
			}
			var he *httpx.Error
			if !errors.As(err, &he) {
				t.Errorf("%T is not an *httpx.Error", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not say %q", err, w)
				}
			}
			for _, leak := range []string{"ZLcX-yeastar-Secret-9", "another-secret", "acc-", "ACCESS DENIED", "INVALID USERNAME"} {
				if strings.Contains(err.Error(), leak) {
					t.Errorf("%q repeats %q", err, leak)
				}
			}
		})
	}
}

// Yeastar deletes extensions and revokes tokens with GET requests, so the
// connector's own list of read addresses is the only thing between a slip in
// the code and a deleted extension. It must hold before the network.
func TestOnlyTheReadAddressesCanBeCalled(t *testing.T) {
	f, url := fake(t, yeastarfake.New())
	s := newSource(t, url, f, Options{})
	for _, path := range []string{"extension/delete", "del_token", "extension/update", "../openapi/v1.0/extension/delete"} {
		var out status
		err := s.get(t.Context(), "trying "+path, path, nil, &out)
		if !errors.Is(err, httpx.ErrNotReadOnly) {
			t.Errorf("%s: %v, want a refusal", path, err)
		}
	}
	if f.Issued != 0 || len(f.Reads) != 0 {
		t.Errorf("refused requests reached the server: %d tokens, reads %v", f.Issued, f.Reads)
	}
}

// A PBX that answers every page number with the first page would have the
// list read until the page limit, or, as before, stop quietly with a third of
// the extensions shown as if they were all.
func TestAListThatRepeatsItsFirstPageIsAnError(t *testing.T) {
	f, url := fake(t, yeastarfake.EstateAgency())
	f.IgnorePage = true
	_, err := newSource(t, url, f, Options{PageSize: 2}).Fetch(t.Context(), nil)
	if !errors.Is(err, httpx.ErrPaging) || !strings.Contains(err.Error(), "page 2 of extensions brought nothing new") {
		t.Fatalf("got %v, want a paging error", err)
	}
	if f.Reads["extension/list"] != 2 {
		t.Errorf("%d pages read", f.Reads["extension/list"])
	}
}

// system/information, the phone list, PINs and call records differ between
// editions, firmware and the application's permissions: a refusal of any of
// them must not stop connect or the audit, but leave a gap with the reason.
func TestAnOptionalReadRefusedBecomesAGap(t *testing.T) {
	for path, facet := range map[string]inventory.Facet{
		"system/information": inventory.FacetPBX, "phone/search": inventory.FacetDevices,
		"extension/getpassword": inventory.FacetVoicemail, "cdr/list": inventory.FacetCalls,
	} {
		t.Run(path, func(t *testing.T) {
			f, url := fake(t, yeastarfake.EstateAgency())
			f.Deny[path] = true
			s := newSource(t, url, f, Options{Calls: true})
			if err := s.Test(t.Context()); err != nil {
				t.Fatalf("connect: %v", err)
			}
			inv, err := newSource(t, url, f, Options{Calls: true}).Fetch(t.Context(), nil)
			if err != nil {
				t.Fatalf("audit: %v", err)
			}
			reason, ok := inv.GapReason(facet)
			if !ok || inv.Has(facet) || !strings.Contains(reason, "error code 10005") {
				t.Errorf("gap %q, %v; collected %v", reason, ok, inv.Source.Collected)
			}
			if !inv.Has(inventory.FacetExtensions) || len(inv.Extensions) != 6 {
				t.Errorf("the extensions were not read: %v", inv.Source.Collected)
			}
		})
	}
}

// Yeastar lets an application hold only a few live tokens; a sign-in per run
// that is never handed back made the ninth run in half an hour fail. Each
// run must hand its token back, even one that fails or is cancelled.
func TestEachRunHandsItsTokenBack(t *testing.T) {
	f, url := fake(t, yeastarfake.EstateAgency())
	for run := range 12 {
		if err := newSource(t, url, f, Options{}).Test(t.Context()); err != nil {
			t.Fatalf("connect %d: %v", run+1, err)
		}
		if _, err := newSource(t, url, f, Options{Calls: true}).Fetch(t.Context(), nil); err != nil {
			t.Fatalf("audit %d: %v", run+1, err)
		}
	}
	f.Deny["extension/list"] = true
	if _, err := newSource(t, url, f, Options{}).Fetch(t.Context(), nil); err == nil {
		t.Fatal("a refused extension list was accepted")
	}
	// Cancelled half-way, as from the app: the token still goes back.
	delete(f.Deny, "extension/list")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	_, err := newSource(t, url, f, Options{}).Fetch(ctx, func(p connectors.Progress) {
		if p.Step == "extensions" {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled fetch: %v", err)
	}
	if f.Live() != 0 || f.Released != f.Issued {
		t.Errorf("%d tokens live, %d released of %d issued", f.Live(), f.Released, f.Issued)
	}
}

func TestCancelStopsTheFetch(t *testing.T) {
	f, url := fake(t, yeastarfake.EstateAgency())
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := newSource(t, url, f, Options{}).Fetch(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

func TestRegisteredKind(t *testing.T) {
	k := Kind()
	if !strings.Contains(k.LeastPrivilege, "no read-only") || !strings.Contains(k.LeastPrivilege, "IP restriction") {
		t.Errorf("least privilege advice: %q", k.LeastPrivilege)
	}
	site := checklist.Site{Name: "Agency", Connector: checklist.ConnectorSettings{Kind: "yeastar", URL: "https://pbx.example.co.uk:8088", ClientID: "id", Options: map[string]string{"calls": "yes", "page_size": "50"}}}
	src, err := k.New(site, "secret")
	if err != nil {
		t.Fatal(err)
	}
	if s := src.(*Source); !s.opts.Calls || s.opts.PageSize != 50 {
		t.Errorf("options %+v", s.opts)
	}
	if _, err := k.New(site, ""); err == nil {
		t.Error("an empty secret was accepted")
	}
}
