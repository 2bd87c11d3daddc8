package threecx

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ringfence/ringfence/connectors/httpx"
	"github.com/ringfence/ringfence/connectors/threecx/xapifake"
)

// pagingServer signs in and answers /Users with pages made by page(skip, n),
// where n counts the requests for users so far.
func pagingServer(t *testing.T, page func(r *http.Request, skip, n int) map[string]any) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/connect/token" {
			w.Write([]byte(`{"access_token":"tok","token_type":"Bearer","expires_in":60}`))
			return
		}
		if r.URL.Path != "/xapi/v1/Users" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		count := int(n.Add(1))
		skip, _ := strconv.Atoi(r.URL.Query().Get("$skip"))
		json.NewEncoder(w).Encode(page(r, skip, count))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func users(from, count int) []map[string]any {
	var out []map[string]any
	for i := range count {
		out = append(out, map[string]any{"Id": from + i, "Number": fmt.Sprint(100 + from + i)})
	}
	return out
}

func TestPagesThatNeverEndAreStoppedWithAClearMessage(t *testing.T) {
	t.Parallel()
	for name, page := range map[string]func(r *http.Request, skip, n int) map[string]any{
		// The link points back to the page it came with.
		"next link to itself": func(r *http.Request, skip, n int) map[string]any {
			return map[string]any{"value": users(0, 1), "@odata.nextLink": "https://" + r.Host + r.URL.RequestURI()}
		},
		// The link changes but the page does not.
		"new links, the same page": func(r *http.Request, skip, n int) map[string]any {
			return map[string]any{"value": users(0, 2), "@odata.nextLink": fmt.Sprintf("https://%s/xapi/v1/Users?$skip=%d", r.Host, n*2)}
		},
		// No link and no count: $skip ignored, every page full.
		"skip ignored": func(r *http.Request, skip, n int) map[string]any {
			return map[string]any{"value": users(0, 3)}
		},
	} {
		t.Run(name, func(t *testing.T) {
			srv, n := pagingServer(t, page)
			s := newSource(t, srv.URL, poolOf(srv), xapifake.Secret, false, 3)
			_, err := s.readUsers(t.Context(), nil)
			if !errors.Is(err, httpx.ErrPaging) {
				t.Fatalf("got %v, want ErrPaging", err)
			}
			if n.Load() > 3 {
				t.Errorf("%d requests before stopping", n.Load())
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "3cx: reading users: ") || !strings.Contains(msg, "not a slow connection") {
				t.Errorf("message %q", msg)
			}
		})
	}
}

func TestPagesAreCappedPerList(t *testing.T) {
	t.Parallel()
	srv, n := pagingServer(t, func(r *http.Request, skip, _ int) map[string]any {
		return map[string]any{"value": users(skip, 2), "@odata.nextLink": fmt.Sprintf("https://%s/xapi/v1/Users?$skip=%d", r.Host, skip+2)}
	})
	lim := testLimits()
	lim.MaxPages = 7
	s, err := New(Config{URL: srv.URL, ClientID: xapifake.ClientID, Secret: xapifake.Secret, RootCAs: poolOf(srv), Limits: lim, PageSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.readUsers(t.Context(), nil)
	if !errors.Is(err, httpx.ErrPaging) || !strings.Contains(err.Error(), "7 pages") || !strings.Contains(err.Error(), "page_size") {
		t.Fatalf("got %v", err)
	}
	if n.Load() != 7 {
		t.Errorf("%d pages read, want 7", n.Load())
	}
}

func TestANextLinkToAnotherListIsRefused(t *testing.T) {
	t.Parallel()
	for _, link := range []string{"/xapi/v1/SipDevices?$skip=1", "/xapi/v1/Users(1)/Pbx.ResetToken", "/xapi/v1/Users/../Users(1)"} {
		var wrong atomic.Int32
		srv, _ := pagingServer(t, func(r *http.Request, skip, n int) map[string]any {
			if n > 1 {
				wrong.Add(1)
			}
			return map[string]any{"value": users(0, 1), "@odata.nextLink": "https://" + r.Host + link}
		})
		s := newSource(t, srv.URL, poolOf(srv), xapifake.Secret, false, 3)
		if _, err := s.readUsers(t.Context(), nil); !errors.Is(err, httpx.ErrBadData) || !strings.Contains(err.Error(), "another list") {
			t.Errorf("%s: got %v", link, err)
		}
		if wrong.Load() != 0 {
			t.Errorf("%s: the link was followed", link)
		}
	}
}
