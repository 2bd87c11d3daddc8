package freepbx

// The fake in freepbxfake follows the FreePBX module sources: FreePBX/api
// (Oauth/Oauth.php, Includes/ApiBase.php), FreePBX/core Api/Gql/Extensions.php
// and Users.php, FreePBX/voicemail Api/Gql/Voicemail.php and FreePBX/cdr
// Api/Gql/Cdr.php; see its header for what each one contributed.

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
	"github.com/ringfence/ringfence/connectors/freepbx/freepbxfake"
	"github.com/ringfence/ringfence/connectors/httpx"
)

var testNow = time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC) // a Monday

// fake serves a fake FreePBX for the test, built from the sources cited in
// freepbxfake.
func fake(t testing.TB, f *freepbxfake.Server) (*freepbxfake.Server, string) {
	return f, f.Start(t).URL
}

func newSource(t testing.TB, url string, f *freepbxfake.Server, opts Options) *Source {
	t.Helper()
	s, err := New(Config{URL: url, ClientID: f.ClientID, Secret: f.Secret, Options: opts})
	if err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return testNow }
	return s
}

func TestFetchDentalPractice(t *testing.T) {
	f, url := fake(t, freepbxfake.DentalPractice())
	s := newSource(t, url, f, Options{Calls: true})
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
	for _, facet := range []inventory.Facet{inventory.FacetPBX, inventory.FacetExtensions, inventory.FacetVoicemail, inventory.FacetCalls} {
		if !inv.Has(facet) {
			t.Errorf("facet %s not collected", facet)
		}
	}
	if inv.Has(inventory.FacetDevices) || inv.Has(inventory.FacetAdmins) {
		t.Error("FreePBX's API gives no devices or admins, yet they are claimed")
	}
	if len(inv.Extensions) != 8 || inv.Extensions[2].Name != "Zoë Ward / Nurse" || !inv.Extensions[2].Enabled {
		t.Errorf("extensions %+v", inv.Extensions)
	}

	verdicts := map[string]inventory.PINVerdict{}
	for _, m := range inv.Voicemail {
		verdicts[m.Extension] = m.PIN.Verdict
	}
	want := map[string]inventory.PINVerdict{
		"200": inventory.PINEqualsExtension, "201": inventory.PINUnset, "202": inventory.PINWeak,
		"203": inventory.PINWeak, "204": inventory.PINOK,
	}
	if fmt.Sprint(verdicts) != fmt.Sprint(want) {
		t.Errorf("verdicts %v, want %v", verdicts, want)
	}
	if f.MailboxHits != 6 {
		t.Errorf("%d mailbox queries, want 6 (none for novm extensions)", f.MailboxHits)
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
	for _, secret := range []string{"583920", "8305", f.Secret, "tok-1"} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("the inventory holds %q", secret)
		}
	}
	for _, q := range f.Queries {
		if strings.Contains(q, "extPassword") {
			t.Errorf("query selected the SIP secret: %s", q)
		}
	}

	results := checklist.Evaluate(checklist.Builtin(), &inv.Inventory, nil, nil, testNow)
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
		"MON-02": {"201", "201"}, // a satellite call at 03:00: high-cost and out of hours
	}
	if fmt.Sprint(failed) != fmt.Sprint(wantFailed) {
		t.Errorf("failed checks %v, want %v", failed, wantFailed)
	}
}

func TestPagingSurvivesEveryPageInfoShape(t *testing.T) {
	for name, mode := range map[string]freepbxfake.PageMode{
		"relay": freepbxfake.PagesRelay, "null pageInfo": freepbxfake.PagesNullInfo,
		"pageInfo fails with 400": freepbxfake.PagesInfoFails400, "pageInfo fails with 200": freepbxfake.PagesInfoFails200,
	} {
		t.Run(name, func(t *testing.T) {
			f, url := fake(t, freepbxfake.New())
			f.Mode = mode
			for i := 0; i < 1234; i++ {
				f.Exts = append(f.Exts, freepbxfake.Ext{ID: fmt.Sprint(1000 + i), Name: "User", VM: "novm"})
			}
			inv, err := newSource(t, url, f, Options{PageSize: 100}).Fetch(t.Context(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(inv.Extensions) != 1234 || inv.Extensions[0].Number != "1000" || inv.Extensions[1233].Number != "2233" {
				t.Fatalf("%d extensions", len(inv.Extensions))
			}
		})
	}
}

// A server that ignores the cursor sends the first page for ever. Stopping
// quietly would show 10 of 30 extensions as if they were all; the fetch must
// fail and say why, after the first repeated page.
func TestPagingStopsWhenTheServerIgnoresTheCursor(t *testing.T) {
	f, url := fake(t, freepbxfake.New())
	f.Mode = freepbxfake.PagesIgnoreAfter
	for i := 0; i < 30; i++ {
		f.Exts = append(f.Exts, freepbxfake.Ext{ID: fmt.Sprint(100 + i), VM: "novm"})
	}
	_, err := newSource(t, url, f, Options{PageSize: 10}).Fetch(t.Context(), nil)
	if !errors.Is(err, httpx.ErrPaging) || !strings.Contains(err.Error(), "page 2 of extensions brought nothing new") {
		t.Fatalf("got %v, want a paging error", err)
	}
	if len(f.Queries) != 2 {
		t.Fatalf("%d queries: it should stop at the first repeated page", len(f.Queries))
	}
}

// A cursor that never moves, with fresh extensions on every page, would be
// read until the deadline.
func TestPagingStopsWhenTheCursorRepeats(t *testing.T) {
	f, url := fake(t, freepbxfake.New())
	f.Mode = freepbxfake.PagesStuckCursor
	_, err := newSource(t, url, f, Options{PageSize: 5}).Fetch(t.Context(), nil)
	if !errors.Is(err, httpx.ErrPaging) || !strings.Contains(err.Error(), "repeated itself") {
		t.Fatalf("got %v, want a paging error", err)
	}
	if len(f.Queries) > 3 {
		t.Fatalf("%d queries before stopping", len(f.Queries))
	}
}

// Voicemail needs its own scope, which an application may lack; the
// extensions are still worth auditing, so the mailboxes become a gap that
// says which scope is missing.
func TestAVoicemailScopeMissingBecomesAGap(t *testing.T) {
	f, url := fake(t, freepbxfake.DentalPractice())
	f.VMErrors200 = "You are not authorized to access this scope (gql:voicemail:read)"
	inv, err := newSource(t, url, f, Options{}).Fetch(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	reason, ok := inv.GapReason(inventory.FacetVoicemail)
	if !ok || inv.Has(inventory.FacetVoicemail) || len(inv.Voicemail) != 0 {
		t.Fatalf("gap %q, %v; collected %v", reason, ok, inv.Source.Collected)
	}
	for _, w := range []string{"Reading voicemail for extension", "answered the query with an error", "gql:voicemail:read"} {
		if !strings.Contains(reason, w) {
			t.Errorf("%q does not say %q", reason, w)
		}
	}
	if len(inv.Extensions) == 0 || !inv.Has(inventory.FacetExtensions) {
		t.Errorf("the extensions were lost: %v", inv.Source.Collected)
	}
}

func TestExpiredTokenSignsInAgainOnce(t *testing.T) {
	f, url := fake(t, freepbxfake.DentalPractice())
	f.ExpireAfter = 3
	inv, err := newSource(t, url, f, Options{Concurrency: 4}).Fetch(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Voicemail) != 5 {
		t.Errorf("%d mailboxes", len(inv.Voicemail))
	}
	if f.Tokens < 2 || f.Tokens > 4 {
		t.Errorf("%d sign-ins for 7 queries with a token that lasts 3", f.Tokens)
	}
}

func TestErrorsAreClear(t *testing.T) {
	cases := map[string]struct {
		setup func(f *freepbxfake.Server)
		want  []string
	}{
		"wrong secret": {
			setup: func(f *freepbxfake.Server) { f.Secret = "a-different-secret" },
			want:  []string{"freepbx", "signing in", "401", "client ID and secret", Scopes},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f, url := fake(t, freepbxfake.DentalPractice())
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
			for _, secret := range []string{"s3cret-Client-Value", "a-different-secret", "not authorized to access"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("%q repeats %q", err, secret)
				}
			}
		})
	}
}

func TestTestSignsInAndReadsOneExtension(t *testing.T) {
	f, url := fake(t, freepbxfake.DentalPractice())
	if err := newSource(t, url, f, Options{}).Test(t.Context()); err != nil {
		t.Fatal(err)
	}
	if len(f.Queries) != 1 || f.MailboxHits != 0 {
		t.Errorf("Test sent %d queries", len(f.Queries))
	}
}

func TestCancelStopsTheFetch(t *testing.T) {
	f, url := fake(t, freepbxfake.DentalPractice())
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := newSource(t, url, f, Options{}).Fetch(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

func TestRegisteredKind(t *testing.T) {
	k := Kind()
	var secretFields []string
	for _, fl := range k.Settings {
		if fl.Type == connectors.Secret {
			secretFields = append(secretFields, fl.Key)
		}
	}
	if !slices.Equal(secretFields, []string{connectors.KeySecret}) || !strings.Contains(k.LeastPrivilege, "gql:core:read") {
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
