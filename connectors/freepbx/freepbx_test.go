package freepbx

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

// dentalPractice is a small dental practice's FreePBX with the problems such
// systems really have.
func dentalPractice(f *fakeFreePBX) {
	f.exts = []fakeExt{
		{id: "200", name: "Reception", vm: "default", pin: pin("200")},         // PIN is the extension
		{id: "201", name: "Dr Aisha Patel", vm: "default", pin: pin("")},       // no PIN at all
		{id: "202", name: "Zoë Ward / Nurse", vm: "default", pin: pin("1234")}, // the commonest PIN
		{id: "203", name: "Practice Manager", vm: "default", pin: pin("8305")}, // only short
		{id: "204", name: "Hygienist", vm: "default", pin: pin("583920")},      // fine
		{id: "205", name: "Old Locum", vm: "novm"},                             // no voicemail: never asked
		{id: "206", name: "Spare Room", vm: "default"},                         // context set, no box
		{id: "299", name: "Fax", vm: "novm"},
	}
	sunday3am := time.Date(2025, 6, 1, 3, 0, 0, 0, time.UTC).Unix()
	f.cdrs = []map[string]any{
		{"calldate": "2025-06-01 03:00:00", "timestamp": sunday3am, "src": "201", "cnum": "201", "dst": "00881234567890", "billsec": 1800, "disposition": ""},
		{"calldate": "2025-05-30 10:00:00", "timestamp": sunday3am - 150000, "src": "200", "cnum": "200", "dst": "01612345678", "billsec": 120, "disposition": ""},
		{"calldate": "2025-05-30 11:00:00", "timestamp": 0, "src": "202", "cnum": "", "dst": "07700900123", "billsec": 0, "disposition": ""},
	}
}

func newSource(t testing.TB, url string, f *fakeFreePBX, opts Options) *Source {
	t.Helper()
	s, err := New(Config{URL: url, ClientID: f.clientID, Secret: f.secret, Options: opts})
	if err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return testNow }
	return s
}

func TestFetchDentalPractice(t *testing.T) {
	f, srv := newFakeFreePBX(t)
	dentalPractice(f)
	s := newSource(t, srv.URL, f, Options{Calls: true})
	var steps []string
	inv, err := s.Fetch(t.Context(), func(p connectors.Progress) {
		if !slices.Contains(steps, p.Step) {
			steps = append(steps, p.Step)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"extensions", "voicemail", "calls"}; !slices.Equal(steps, want) {
		t.Errorf("progress steps %v, want %v", steps, want)
	}

	if inv.PBX.Product != "FreePBX" || inv.Source.Connector != "freepbx" {
		t.Errorf("PBX %+v, source %+v", inv.PBX, inv.Source)
	}
	for _, facet := range []checklist.Facet{checklist.FacetPBX, checklist.FacetExtensions, checklist.FacetVoicemail, checklist.FacetCalls} {
		if !inv.Has(facet) {
			t.Errorf("facet %s not collected", facet)
		}
	}
	if inv.Has(checklist.FacetDevices) || inv.Has(checklist.FacetAdmins) {
		t.Error("FreePBX's API gives no devices or admins, yet they are claimed")
	}
	if len(inv.Extensions) != 8 || inv.Extensions[2].Name != "Zoë Ward / Nurse" || !inv.Extensions[2].Enabled {
		t.Errorf("extensions %+v", inv.Extensions)
	}

	verdicts := map[string]checklist.PINVerdict{}
	for _, m := range inv.Voicemail {
		verdicts[m.Extension] = m.PIN.Verdict
	}
	want := map[string]checklist.PINVerdict{
		"200": checklist.PINEqualsExtension, "201": checklist.PINUnset, "202": checklist.PINWeak,
		"203": checklist.PINWeak, "204": checklist.PINOK,
	}
	if fmt.Sprint(verdicts) != fmt.Sprint(want) {
		t.Errorf("verdicts %v, want %v", verdicts, want)
	}
	if f.mailboxHits != 6 {
		t.Errorf("%d mailbox queries, want 6 (none for novm extensions)", f.mailboxHits)
	}

	if len(inv.Calls) != 3 {
		t.Fatalf("calls %+v", inv.Calls)
	}
	if c := inv.Calls[0]; c.From != "201" || !c.Answered || c.Duration != 30*time.Minute || c.Start.Weekday() != time.Sunday {
		t.Errorf("first call %+v", c)
	}
	if c := inv.Calls[2]; c.From != "202" || c.Answered || c.Start.IsZero() {
		t.Errorf("unanswered call without a timestamp %+v", c)
	}

	// No PIN and no secret may survive anywhere in what is kept.
	raw, _ := json.Marshal(inv)
	for _, secret := range []string{"583920", "8305", f.secret, "tok-1"} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("the inventory holds %q", secret)
		}
	}
	for _, q := range f.queries {
		if strings.Contains(q, "extPassword") {
			t.Errorf("query selected the SIP secret: %s", q)
		}
	}

	results := checklist.Evaluate(checklist.Builtin(), &inv, nil, nil, testNow)
	failed := map[string][]string{}
	for _, r := range results {
		if r.Status == checklist.StatusFail {
			for _, it := range r.Affected {
				failed[r.CheckID] = append(failed[r.CheckID], it.ID)
			}
		}
	}
	wantFailed := map[string][]string{
		"PIN-01": {"200"},
		"PIN-02": {"202"},
		"PIN-03": {"200", "202", "203"},
		"PIN-06": {"201"},
		"MON-02": {"201"},
	}
	if fmt.Sprint(failed) != fmt.Sprint(wantFailed) {
		t.Errorf("failed checks %v, want %v", failed, wantFailed)
	}
}

func TestPagingSurvivesEveryPageInfoShape(t *testing.T) {
	for name, mode := range map[string]pageMode{
		"relay": pagesRelay, "null pageInfo": pagesNullInfo,
		"pageInfo fails with 400": pagesInfoFails400, "pageInfo fails with 200": pagesInfoFails200,
	} {
		t.Run(name, func(t *testing.T) {
			f, srv := newFakeFreePBX(t)
			f.mode = mode
			for i := 0; i < 1234; i++ {
				f.exts = append(f.exts, fakeExt{id: fmt.Sprint(1000 + i), name: "User", vm: "novm"})
			}
			inv, err := newSource(t, srv.URL, f, Options{PageSize: 100}).Fetch(t.Context(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(inv.Extensions) != 1234 || inv.Extensions[0].Number != "1000" || inv.Extensions[1233].Number != "2233" {
				t.Fatalf("%d extensions", len(inv.Extensions))
			}
		})
	}
}

func TestPagingStopsWhenTheServerIgnoresTheCursor(t *testing.T) {
	f, srv := newFakeFreePBX(t)
	f.mode = pagesIgnoreAfter
	for i := 0; i < 30; i++ {
		f.exts = append(f.exts, fakeExt{id: fmt.Sprint(100 + i), vm: "novm"})
	}
	inv, err := newSource(t, srv.URL, f, Options{PageSize: 10}).Fetch(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Extensions) != 10 || len(f.queries) != 2 {
		t.Fatalf("%d extensions after %d queries: it should stop at the first repeated page", len(inv.Extensions), len(f.queries))
	}
}

func TestExpiredTokenSignsInAgainOnce(t *testing.T) {
	f, srv := newFakeFreePBX(t)
	dentalPractice(f)
	f.expireAfter = 3
	inv, err := newSource(t, srv.URL, f, Options{Concurrency: 4}).Fetch(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Voicemail) != 5 {
		t.Errorf("%d mailboxes", len(inv.Voicemail))
	}
	if f.tokens < 2 || f.tokens > 4 {
		t.Errorf("%d sign-ins for 7 queries with a token that lasts 3", f.tokens)
	}
}

func TestErrorsAreClear(t *testing.T) {
	cases := map[string]struct {
		setup func(f *fakeFreePBX)
		want  []string
	}{
		"wrong secret": {
			setup: func(f *fakeFreePBX) { f.secret = "a-different-secret" },
			want:  []string{"freepbx", "signing in", "401", "client ID and secret", Scopes},
		},
		"scope missing, errors with 200": {
			setup: func(f *fakeFreePBX) {
				f.vmErrors200 = "You are not authorized to access this scope (gql:voicemail:read)"
			},
			want: []string{"freepbx", "reading voicemail for extension", "200", "answered the query with an error", "gql:voicemail:read"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f, srv := newFakeFreePBX(t)
			dentalPractice(f)
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
			for _, secret := range []string{"s3cret-Client-Value", "a-different-secret", "not authorized to access"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("%q repeats %q", err, secret)
				}
			}
		})
	}
}

func TestTestSignsInAndReadsOneExtension(t *testing.T) {
	f, srv := newFakeFreePBX(t)
	dentalPractice(f)
	if err := newSource(t, srv.URL, f, Options{}).Test(t.Context()); err != nil {
		t.Fatal(err)
	}
	if len(f.queries) != 1 || f.mailboxHits != 0 {
		t.Errorf("Test sent %d queries", len(f.queries))
	}
}

func TestCancelStopsTheFetch(t *testing.T) {
	f, srv := newFakeFreePBX(t)
	dentalPractice(f)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := newSource(t, srv.URL, f, Options{}).Fetch(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

func TestRegisteredKind(t *testing.T) {
	k, ok := connectors.Lookup("freepbx")
	if !ok {
		t.Fatal("freepbx is not registered")
	}
	var secretFields []string
	for _, fl := range k.Fields {
		if fl.Secret {
			secretFields = append(secretFields, fl.Key)
		}
	}
	if !slices.Equal(secretFields, []string{SecretField}) || !strings.Contains(k.LeastPrivilege, "gql:core:read") {
		t.Errorf("kind %+v", k)
	}
	site := checklist.Site{Name: "Dental", Connector: checklist.ConnectorSettings{Kind: "freepbx", URL: "https://pbx.example.co.uk", ClientID: "id", Options: map[string]string{"calls": "yes"}}}
	src, err := k.New(site, "secret")
	if err != nil {
		t.Fatal(err)
	}
	if s := src.(*Source); !s.opts.Calls {
		t.Error("the calls option was not read")
	}
	site.Connector.Options = map[string]string{"calls": "perhaps"}
	if _, err := k.New(site, "secret"); err == nil {
		t.Error("a bad option was accepted")
	}
	site.Connector.Options = nil
	if _, err := k.New(site, ""); err == nil {
		t.Error("an empty secret was accepted")
	}
}
