package kamailio

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/connectors/httpx"
)

// shortLimits cap answers at a megabyte. Each request may take 20 seconds, so
// that a busy machine (or the race detector) reading a megabyte slowly is not
// taken for a slow server; the slow-server case sets its own short deadline.
// The tests assert the kind of error, never how long it took.
func shortLimits() httpx.Limits {
	return httpx.Limits{Connect: 2 * time.Second, Request: 20 * time.Second, Overall: 60 * time.Second,
		MaxBody: 1 << 20, Retries: 1, MaxConcurrent: 2, Backoff: time.Millisecond, MaxRetryWait: 5 * time.Millisecond}
}

// liar serves core.version honestly and answers ul.dump with dump.
func liar(t *testing.T, limits httpx.Limits, dump func(w http.ResponseWriter, r *http.Request)) *Source {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Method string }
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			t.Errorf("a request that is not JSON: %v", err)
		}
		w.Header().Set("Content-Type", "application/json")
		switch req.Method {
		case methodVersion:
			fmt.Fprint(w, `{"jsonrpc":"2.0","result":"kamailio 5.6.3 (x86_64/linux)","id":1}`)
		case methodDump:
			dump(w, r)
		default:
			t.Errorf("the connector called %q", req.Method)
		}
	}))
	t.Cleanup(srv.Close)
	src, err := New(Config{URL: srv.URL + "/RPC", Limits: limits})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func answer(body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, body) }
}

// wrap puts AoRs into ul.dump's envelope.
func wrap(aors string) string {
	return `{"jsonrpc":"2.0","result":{"Domains":[{"Domain":{"Domain":"location","AoRs":[` + aors + `]}}]},"id":1}`
}

func TestLyingServersGetClearErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		answer func(http.ResponseWriter, *http.Request)
		want   error
	}{
		{"a body without end", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"jsonrpc":"2.0","result":{"Domains":[{"Domain":{"AoRs":[`)
			row := []byte(strings.Repeat(`{"Info":{"AoR":"1001","Contacts":[{"Contact":{"User-Agent":"Yealink SIP-T46S 66.86.0.15"}}]}},`, 512))
			for sent := 0; sent < 1<<30; sent += len(row) {
				if _, err := w.Write(row); err != nil {
					return
				}
			}
		}, httpx.ErrTooLarge},
		{"an AoR that is not text", answer(wrap(`{"Info":{"AoR":{"secret":"hunter2"},"Contacts":[]}}`)), httpx.ErrBadData},
		{"contacts that are not a list", answer(wrap(`{"Info":{"AoR":"1001","Contacts":{"Contact":"hunter2"}}}`)), httpx.ErrBadData},
		{"a user agent that is a number", answer(wrap(`{"Info":{"AoR":"1001","Contacts":[{"Contact":{"User-Agent":31337}}]}}`)), httpx.ErrBadData},
		{"domains that are text", answer(`{"jsonrpc":"2.0","result":{"Domains":"hunter2"},"id":1}`), httpx.ErrBadData},
		{"a result that is text", answer(`{"jsonrpc":"2.0","result":"hunter2","id":1}`), httpx.ErrBadData},
		{"no result", answer(`{"jsonrpc":"2.0","id":1}`), httpx.ErrBadData},
		{"nesting without end", answer(`{"jsonrpc":"2.0","result":` + strings.Repeat("[", 200000) + `}`), httpx.ErrBadData},
		{"an error in place of the result", answer(`{"jsonrpc":"2.0","error":{"code":-32601,"message":"\u001b[2Jhunter2"},"id":1}`), httpx.ErrRPCRefused},
		{"a web page", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html>hunter2</html>")
		}, httpx.ErrNotData},
		{"one byte a second", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusOK)
			for _, b := range []byte(wrap("")) {
				w.Write([]byte{b})
				w.(http.Flusher).Flush()
				select {
				case <-time.After(time.Second):
				case <-r.Context().Done():
					return
				}
			}
		}, httpx.ErrTimeout},
		{"500, as Kamailio answers a method it lacks", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, `{"jsonrpc":"2.0","error":{"code":500,"message":"hunter2"},"id":1}`)
		}, httpx.ErrStatus},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			limits := shortLimits()
			if errors.Is(tc.want, httpx.ErrTimeout) {
				limits.Request = 2 * time.Second
			}
			_, err := liar(t, limits, tc.answer).Fetch(t.Context(), nil)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "kamailio: reading the registrations: ") {
				t.Errorf("the error does not say what was being read: %q", msg)
			}
			if strings.Contains(msg, "hunter2") || strings.ContainsFunc(msg, safetext.Unsafe) {
				t.Errorf("the error repeats the server's text: %q", msg)
			}
		})
	}
}

// Whatever text the server puts in a registration comes out safe to show
// and of bounded length, and the phone is still listed.
func TestHostileTextIsMadeSafe(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("Ж", 5000)
	aors := strings.Join([]string{
		`{"Info":{"AoR":"10\u001b[31m01","Contacts":[{"Contact":{"Address":"sip:1001@\u202e1.2.3.4","User-Agent":"Yealink SIP-T46S 66.86.0.15\u001b]0;owned\u0007","Received":"\u0000","Last-Modified":"yesterday"}}]}}`,
		`{"Info":{"AoR":"sip:1002@example.com","Contacts":[{"Contact":{"Address":"sip:1002@[2001:db8::1]:5060;transport=tls","User-Agent":"` + long + `","Last-Modified":-5}}]}}`,
		`{"Info":{"AoR":"` + "\xff\xfe" + `","Contacts":[{"Contact":{"User-Agent":"\u2028\u200b"}}]}}`,
	}, ",")
	res, err := liar(t, shortLimits(), answer(wrap(aors))).Fetch(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Devices) != 3 {
		t.Fatalf("%d devices, want 3: %+v", len(res.Devices), res.Devices)
	}
	for _, d := range res.Devices {
		for _, s := range []string{d.UserAgent, d.Owner, d.Vendor, d.Model, d.Firmware, d.IP} {
			if strings.ContainsFunc(s, safetext.Unsafe) || !utf8.ValidString(s) {
				t.Errorf("unsafe text reached the inventory: %q", s)
			}
			if len(s) > 4*maxUserAgent {
				t.Errorf("%d bytes of text reached the inventory", len(s))
			}
		}
		if !d.LastSeen.IsZero() {
			t.Errorf("a date that is not one became %v", d.LastSeen)
		}
	}
	if d := res.Devices[1]; d.IP != "2001:db8::1" || d.Owner != "1002" {
		t.Errorf("device %+v: want owner 1002 at 2001:db8::1", d)
	}
	// A user agent with escape codes in it was tampered with somewhere, so
	// what it claims is not taken as a verdict: the phone stays unchecked.
	if v := checklist.DeviceFirmware(res.Devices[0]); v.Status != firmware.StatusUnknown {
		t.Errorf("a tampered user agent was judged %s", v.Status)
	}
}

// A version answer that lies costs only the version, recorded as a gap.
func TestALyingVersionIsAGap(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Method string }
		json.NewDecoder(r.Body).Decode(&req)
		w.Header().Set("Content-Type", "application/json")
		if req.Method == methodVersion {
			fmt.Fprint(w, `{"jsonrpc":"2.0","result":{"hunter2":true},"id":1}`)
			return
		}
		fmt.Fprint(w, wrap(`{"Info":{"AoR":"1001","Contacts":[{"Contact":{"User-Agent":"Yealink SIP-T46S 66.86.0.15"}}]}}`))
	}))
	t.Cleanup(srv.Close)
	src, err := New(Config{URL: srv.URL, Limits: shortLimits()})
	if err != nil {
		t.Fatal(err)
	}
	res, err := src.Fetch(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	reason, ok := res.GapReason(inventory.FacetPBX)
	if !ok || strings.Contains(reason, "hunter2") || len(res.Devices) != 1 {
		t.Fatalf("gap %q (%v), devices %d", reason, ok, len(res.Devices))
	}
}
