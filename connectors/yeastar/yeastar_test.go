package yeastar

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
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
)

var testNow = time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC) // a Monday

// estateAgency is a small estate agency's Yeastar P550 with the problems such
// systems really have.
func estateAgency(f *fakeYeastar) {
	f.exts = []fakeExt{
		{id: 1, number: "1000", name: "Front Desk", email: "desk@example.co.uk", pinB64: b64("1000")}, // PIN is the extension
		{id: 2, number: "1001", name: "Sales", email: "sales@example.co.uk", pinB64: b64("")},         // no PIN
		{id: 3, number: "1002", name: "Lettings", email: "lets@example.co.uk", pinB64: b64("000000")}, // one digit repeated
		{id: 4, number: "1003", name: "Branch Manager", pinB64: b64("74019")},                         // only short
		{id: 5, number: "1004", name: "Valuer", pinB64: b64("915372")},                                // fine
		{id: 6, number: "1005", name: "Mortgages", pinB64: "%%not-base64%%"},                          // cannot be judged
	}
	f.phones = []fakePhone{
		{id: 1, mac: "000b82aabb01", vendor: "Grandstream", model: "GXP1625", fw: "1.0.4.106", ip: "192.168.5.21", owner: "1000"}, // old firmware
		{id: 2, mac: "00:15:65:AA:BB:02", vendor: "Yealink", model: "SIP-T38G", fw: "38.70.0.185", owner: "1001"},                 // end of life
		{id: 3, mac: "80:5E:C0:AA:BB:03", vendor: "Yealink", model: "SIP-T54W", fw: "96.86.0.100", owner: "1002"},
		{id: 4, mac: "80:5E:C0:AA:BB:04", vendor: "Yealink", model: "SIP-T46S", fw: "66.86.0.15"}, // nobody's
		{id: 5, mac: "80:5E:C0:AA:BB:05", vendor: "Yealink", model: "W60B", fw: "77.85.0.25", owner: "1003"},
	}
	saturday2am := time.Date(2025, 5, 31, 2, 0, 0, 0, time.UTC).Unix()
	f.cdrs = []map[string]any{
		{"id": 3, "time": "31/05/2025 02:00:00", "timestamp": saturday2am, "call_from": "Sales<1001>", "call_to": "0088212345678", "talk_duration": 2400, "disposition": "ANSWERED", "call_type": "Outbound"},
		{"id": 2, "time": "30/05/2025 10:00:00", "timestamp": saturday2am - 57600, "call_from": "Front Desk<1000>", "call_to": "01612345678", "talk_duration": 60, "disposition": "ANSWERED", "call_type": "Outbound"},
		{"id": 1, "time": "30/05/2025 09:00:00", "timestamp": saturday2am - 61200, "call_from": "07700900123", "call_to": "Lettings<1002>", "talk_duration": 0, "disposition": "NO ANSWER", "call_type": "Inbound"},
	}
}

func newSource(t testing.TB, url string, f *fakeYeastar, opts Options) *Source {
	t.Helper()
	s, err := New(Config{URL: url, ClientID: f.clientID, Secret: f.secret, Options: opts})
	if err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return testNow }
	return s
}

func TestFetchEstateAgency(t *testing.T) {
	f, srv := newFakeYeastar(t)
	estateAgency(f)
	var steps []string
	inv, err := newSource(t, srv.URL, f, Options{Calls: true, PageSize: 2}).Fetch(t.Context(), func(p connectors.Progress) {
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
	verdicts := map[string]checklist.PINVerdict{}
	for _, m := range inv.Voicemail {
		verdicts[m.Extension] = m.PIN.Verdict
	}
	want := map[string]checklist.PINVerdict{
		"1000": checklist.PINEqualsExtension, "1001": checklist.PINUnset, "1002": checklist.PINWeak,
		"1003": checklist.PINWeak, "1004": checklist.PINOK, "1005": checklist.PINUnknown,
	}
	if fmt.Sprint(verdicts) != fmt.Sprint(want) {
		t.Errorf("verdicts %v, want %v", verdicts, want)
	}
	if len(inv.Devices) != 5 {
		t.Fatalf("devices %+v", inv.Devices)
	}
	if d := inv.Devices[0]; d.MAC != "00:0B:82:AA:BB:01" || d.Owner != "1000" || d.Kind != checklist.DeviceDeskPhone {
		t.Errorf("first phone %+v", d)
	}
	if d := inv.Devices[3]; d.Owner != "" {
		t.Errorf("an unassigned phone has owner %q", d.Owner)
	}
	if d := inv.Devices[4]; d.Kind != checklist.DeviceDECT {
		t.Errorf("the W60B is kind %q", d.Kind)
	}
	if len(inv.Calls) != 3 || inv.Calls[0].From != "1001" || inv.Calls[0].To != "0088212345678" || inv.Calls[2].To != "1002" || inv.Calls[2].Answered {
		t.Errorf("calls %+v", inv.Calls)
	}

	raw, _ := json.Marshal(inv)
	for _, secret := range []string{"915372", "74019", b64("915372"), f.secret, "acc-1", "ref-1"} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("the inventory holds %q", secret)
		}
	}

	failed := map[string][]string{}
	for _, r := range checklist.Evaluate(checklist.Builtin(), &inv, nil, nil, testNow) {
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
		"MON-02": {"1001"},
	}
	if fmt.Sprint(failed) != fmt.Sprint(wantFailed) {
		t.Errorf("failed checks\n%v\nwant\n%v", failed, wantFailed)
	}
}

func TestExpiredTokenIsRefreshedOnceUnderLoad(t *testing.T) {
	f, srv := newFakeYeastar(t)
	for i := 0; i < 300; i++ {
		f.exts = append(f.exts, fakeExt{id: i + 1, number: fmt.Sprint(2000 + i), pinB64: b64("583920")})
	}
	f.expireAfter = 50
	inv, err := newSource(t, srv.URL, f, Options{Concurrency: 8}).Fetch(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Voicemail) != 300 {
		t.Fatalf("%d mailboxes", len(inv.Voicemail))
	}
	// 300 PIN reads plus a few lists at 50 reads a token: about 6 renewals.
	// Each refresh revokes the last token, so requests in flight retry with
	// the new one instead of refreshing again.
	if f.refreshes < 5 || f.refreshes > 9 || f.issued != f.refreshes+1 {
		t.Errorf("%d refreshes and %d tokens issued", f.refreshes, f.issued)
	}
}

func TestTokenRenewedBeforeItExpires(t *testing.T) {
	f, srv := newFakeYeastar(t)
	estateAgency(f)
	s := newSource(t, srv.URL, f, Options{})
	if err := s.Test(t.Context()); err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return testNow.Add(29*time.Minute + 30*time.Second) }
	if err := s.Test(t.Context()); err != nil {
		t.Fatal(err)
	}
	if f.refreshes != 1 {
		t.Errorf("%d refreshes, want one before the 30 minutes are up", f.refreshes)
	}
	s.now = func() time.Time { return testNow.Add(48 * time.Hour) }
	if err := s.Test(t.Context()); err != nil {
		t.Fatal(err)
	}
	if f.issued != 3 {
		t.Errorf("%d tokens issued, want a fresh sign-in once the refresh token is stale", f.issued)
	}
}

func TestErrorsAreClear(t *testing.T) {
	for name, tc := range map[string]struct {
		setup func(f *fakeYeastar)
		want  []string
	}{
		"wrong secret":      {func(f *fakeYeastar) { f.secret = "another-secret" }, []string{"yeastar", "signing in", "200", "error code 40002", "client ID and secret"}},
		"too many tokens":   {func(f *fakeYeastar) { f.tooManyTokens = true }, []string{"yeastar", "signing in", "error code 60002", "most tokens"}},
		"PIN read denied":   {func(f *fakeYeastar) { f.deny["extension/getpassword"] = true }, []string{"yeastar", "reading the voicemail PIN of extension", "error code 10005", "IP address is allowed"}},
		"phone list denied": {func(f *fakeYeastar) { f.deny["phone/search"] = true }, []string{"reading phones", "10005"}},
	} {
		t.Run(name, func(t *testing.T) {
			f, srv := newFakeYeastar(t)
			estateAgency(f)
			s := newSource(t, srv.URL, f, Options{})
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
	f, srv := newFakeYeastar(t)
	s := newSource(t, srv.URL, f, Options{})
	for _, path := range []string{"extension/delete", "del_token", "extension/update", "../openapi/v1.0/extension/delete"} {
		var out status
		err := s.get(t.Context(), "trying "+path, path, nil, &out)
		if !errors.Is(err, httpx.ErrNotReadOnly) {
			t.Errorf("%s: %v, want a refusal", path, err)
		}
	}
	if f.issued != 0 || len(f.reads) != 0 {
		t.Errorf("refused requests reached the server: %d tokens, reads %v", f.issued, f.reads)
	}
}

func TestCancelStopsTheFetch(t *testing.T) {
	f, srv := newFakeYeastar(t)
	estateAgency(f)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := newSource(t, srv.URL, f, Options{}).Fetch(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

func TestRegisteredKind(t *testing.T) {
	k, ok := connectors.Lookup("yeastar")
	if !ok {
		t.Fatal("yeastar is not registered")
	}
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
