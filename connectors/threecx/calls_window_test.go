package threecx

import (
	"crypto/x509"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/threecx/xapifake"
)

// TestCallWindowIsAnOptionAndIsRecorded: the call history read goes back a
// quarter by default (the audit cadence), calls_days changes it, and the
// inventory says which window was read.
func TestCallWindowIsAnOptionAndIsRecorded(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		days int // 0: the default
		want int
	}{{0, 90}, {7, 7}, {365, 365}} {
		pbx := xapifake.SmallBusiness()
		inner := pbx.Handler(t)
		var mu sync.Mutex
		var filters []string
		srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/CallHistoryView") {
				mu.Lock()
				filters = append(filters, r.URL.Query().Get("$filter"))
				mu.Unlock()
			}
			inner.ServeHTTP(w, r)
		}))
		pool := x509.NewCertPool()
		pool.AddCert(srv.Certificate())
		s, err := New(Config{URL: srv.URL, ClientID: xapifake.ClientID, Secret: xapifake.Secret, RootCAs: pool,
			Limits: testLimits(), Calls: true, CallDays: tc.days})
		if err != nil {
			t.Fatal(err)
		}
		s.now = func() time.Time { return now }
		inv, err := s.Fetch(t.Context(), nil)
		srv.Close()
		if err != nil {
			t.Fatal(err)
		}
		since := now.AddDate(0, 0, -tc.want)
		if len(filters) == 0 || !strings.Contains(filters[0], "SegmentStartTime ge "+since.Format(time.RFC3339)) {
			t.Errorf("days %d: filters %q, want calls since %s", tc.days, filters, since.Format(time.RFC3339))
		}
		if inv.Source.CallDays != tc.want || !inv.Source.CallsSince.Equal(since) {
			t.Errorf("days %d: inventory says %d days since %v, want %d since %v", tc.days, inv.Source.CallDays, inv.Source.CallsSince, tc.want, since)
		}
	}
}

func TestCallDaysOption(t *testing.T) {
	t.Parallel()
	o, err := connectors.ParseFetchOptions(Name, map[string]string{"calls": "yes", "calls_days": "30"})
	if err != nil || o.CallDays != 30 {
		t.Errorf("calls_days=30: %+v %v", o, err)
	}
	for _, bad := range []string{"0", "-3", "ninety", "100000", "1.5"} {
		if _, err := connectors.ParseFetchOptions(Name, map[string]string{"calls_days": bad}); err == nil || !strings.Contains(err.Error(), "calls_days") {
			t.Errorf("calls_days=%q: %v, want a refusal naming the option", bad, err)
		}
	}
}
