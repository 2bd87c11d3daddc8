package conformance

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors/httpx"
)

// misbehaviour is how a hostile server answers a data request.
type misbehaviour func(w http.ResponseWriter, r *http.Request, echo string)

func status(code int) misbehaviour {
	return func(w http.ResponseWriter, r *http.Request, echo string) {
		// Error pages that repeat the request are common; this one repeats
		// the secrets, which the connector must not pass on.
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		fmt.Fprintf(w, `{"error":"denied","request":%q}`, echo)
	}
}

var hostileCases = []struct {
	name   string
	answer misbehaviour
	want   error
	status int
}{
	{"invalid JSON", func(w http.ResponseWriter, r *http.Request, echo string) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"value":[{"note":%q,`, echo)
	}, httpx.ErrBadData, 0},
	{"web page with 200", func(w http.ResponseWriter, r *http.Request, echo string) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<html><body>Please sign in %s</body></html>", echo)
	}, httpx.ErrNotData, 0},
	{"web page labelled JSON", func(w http.ResponseWriter, r *http.Request, echo string) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, "<!doctype html><p>%s</p>", echo)
	}, httpx.ErrNotData, 0},
	{"1 GB body", func(w http.ResponseWriter, r *http.Request, echo string) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"value":[`))
		row := []byte(strings.Repeat(`{"Id":1,"Number":"100"},`, 2048))
		for sent := 0; sent < 1<<30; sent += len(row) {
			if _, err := w.Write(row); err != nil {
				return // streamed, never held: the client hung up
			}
		}
	}, httpx.ErrTooLarge, 0},
	{"one byte a second", func(w http.ResponseWriter, r *http.Request, echo string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		for _, b := range []byte(`{"value":[]}`) {
			w.Write([]byte{b})
			w.(http.Flusher).Flush()
			select {
			case <-time.After(time.Second):
			case <-r.Context().Done():
				return
			}
		}
	}, httpx.ErrTimeout, 0},
	{"401", status(http.StatusUnauthorized), httpx.ErrStatus, 401},
	{"403", status(http.StatusForbidden), httpx.ErrStatus, 403},
	{"404", status(http.StatusNotFound), httpx.ErrStatus, 404},
	{"429", func(w http.ResponseWriter, r *http.Request, echo string) {
		w.Header().Set("Retry-After", "120")
		status(http.StatusTooManyRequests)(w, r, echo)
	}, httpx.ErrStatus, 429},
	{"500", status(http.StatusInternalServerError), httpx.ErrStatus, 500},
}

// RunHostile points the connector at servers that misbehave after sign-in,
// and at certificates it must not trust. Every case must end in a clear
// error of the right kind, naming the connector, without a secret in it.
func RunHostile(t *testing.T, tg Target) {
	echo := strings.Join(tg.secrets(), " ")
	for _, hc := range hostileCases {
		t.Run(hc.name, func(t *testing.T) {
			healthy := tg.Fake(t)
			srv, pool := start(t, Watch(t, tg, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tg.IsAuth(r) {
					healthy.ServeHTTP(w, r)
					return
				}
				hc.answer(w, r, echo)
			})))
			err := fetch(t, tg, Endpoint{URL: srv.URL, RootCAs: pool, Limits: HostileLimits(), Secret: tg.Secret})
			if !errors.Is(err, hc.want) {
				t.Fatalf("got %v, want %v", err, hc.want)
			}
			var he *httpx.Error
			if hc.status != 0 && (!errors.As(err, &he) || he.Status != hc.status) {
				t.Fatalf("got %v, want HTTP status %d in the error", err, hc.status)
			}
			checkMessage(t, tg, err)
		})
	}

	t.Run("redirect to another host", func(t *testing.T) {
		other := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			t.Errorf("the connector followed a redirect to %s", r.URL)
		}))
		defer other.Close()
		healthy := tg.Fake(t)
		srv, pool := start(t, Watch(t, tg, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if tg.IsAuth(r) {
				healthy.ServeHTTP(w, r)
				return
			}
			http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+r.URL.Path, http.StatusTemporaryRedirect)
		})))
		err := fetch(t, tg, Endpoint{URL: srv.URL, RootCAs: pool, Limits: HostileLimits(), Secret: tg.Secret})
		if !errors.Is(err, httpx.ErrRedirect) {
			t.Fatalf("got %v, want ErrRedirect", err)
		}
		checkMessage(t, tg, err)
	})

	t.Run("certificate for another name", func(t *testing.T) {
		srv, pool := start(t, Watch(t, tg, tg.Fake(t)))
		// The test certificate names 127.0.0.1 and example.com, not localhost.
		url := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
		err := fetch(t, tg, Endpoint{URL: url, RootCAs: pool, Limits: HostileLimits(), Secret: tg.Secret})
		if !errors.Is(err, httpx.ErrCertName) {
			t.Fatalf("got %v, want ErrCertName", err)
		}
		checkMessage(t, tg, err)
	})

	t.Run("self-signed and not pinned", func(t *testing.T) {
		srv, _ := start(t, Watch(t, tg, tg.Fake(t)))
		err := fetch(t, tg, Endpoint{URL: srv.URL, Limits: HostileLimits(), Secret: tg.Secret})
		var untrusted *httpx.UntrustedCertError
		if !errors.As(err, &untrusted) {
			t.Fatalf("got %v, want UntrustedCertError", err)
		}
		if want := httpx.LeafSHA256(srv.Certificate()); untrusted.SHA256 != want {
			t.Fatalf("fingerprint %s, want %s", untrusted.SHA256, want)
		}
		checkMessage(t, tg, err)
	})

	t.Run("pinned, and the certificate changed", func(t *testing.T) {
		srv, _ := start(t, Watch(t, tg, tg.Fake(t)))
		pins := []checklist.PinnedCert{{Host: "127.0.0.1", SHA256: strings.Repeat("0f", 32), ConfirmedAt: time.Now()}}
		err := fetch(t, tg, Endpoint{URL: srv.URL, Pins: pins, Limits: HostileLimits(), Secret: tg.Secret})
		var changed *httpx.ChangedCertError
		if !errors.As(err, &changed) || changed.Presented != httpx.LeafSHA256(srv.Certificate()) {
			t.Fatalf("got %v, want ChangedCertError", err)
		}
		checkMessage(t, tg, err)
	})

	t.Run("pinned and unchanged", func(t *testing.T) {
		srv, _ := start(t, Watch(t, tg, tg.Fake(t)))
		pins := []checklist.PinnedCert{{Host: "127.0.0.1", SHA256: httpx.LeafSHA256(srv.Certificate()), ConfirmedAt: time.Now()}}
		if err := fetch(t, tg, Endpoint{URL: srv.URL, Pins: pins, Limits: HealthyLimits(), Secret: tg.Secret}); err != nil {
			t.Fatalf("a pinned self-signed certificate was refused: %v", err)
		}
	})
}

func fetch(t *testing.T, tg Target, e Endpoint) error {
	src, err := tg.New(e)
	if err != nil {
		t.Fatal(err)
	}
	_, err = src.Fetch(t.Context(), nil)
	return err
}

// checkMessage asserts the error names the connector and carries no secret.
func checkMessage(t *testing.T, tg Target, err error) {
	t.Helper()
	msg := err.Error()
	if !strings.HasPrefix(msg, tg.Name+": ") {
		t.Errorf("the error does not name the connector: %q", msg)
	}
	for _, s := range tg.secrets() {
		if strings.Contains(msg, s) {
			t.Errorf("the error contains the secret %q: %q", s, msg)
		}
	}
}
