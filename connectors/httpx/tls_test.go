package httpx

import (
	"crypto/tls"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

func okJSON(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`{"ok":true}`))
}

func TestSelfSignedCertificateIsShownNotTrusted(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.HandlerFunc(okJSON))
	defer srv.Close()
	c, err := New(Config{Connector: "3cx", BaseURL: srv.URL, Limits: testLimits(), Policy: testPolicy})
	if err != nil {
		t.Fatal(err)
	}
	err = c.GetJSON(t.Context(), "checking the connection", "/", nil, nil, nil)
	var untrusted *UntrustedCertError
	if !errors.As(err, &untrusted) {
		t.Fatalf("got %v, want UntrustedCertError", err)
	}
	if want := LeafSHA256(srv.Certificate()); untrusted.SHA256 != want || untrusted.Host != "127.0.0.1" {
		t.Fatalf("got %+v, want host 127.0.0.1 and fingerprint %s", untrusted, want)
	}
	if !strings.Contains(err.Error(), Fingerprint(untrusted.SHA256)) {
		t.Errorf("the message does not show the fingerprint: %v", err)
	}
}

func TestPinnedCertificateIsTrustedAndAChangeIsRefused(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.HandlerFunc(okJSON))
	defer srv.Close()
	sum := LeafSHA256(srv.Certificate())
	pin := func(s string) []checklist.PinnedCert {
		return []checklist.PinnedCert{{Host: "127.0.0.1", SHA256: s, ConfirmedAt: time.Now()}}
	}
	c, _ := New(Config{Connector: "3cx", BaseURL: srv.URL, Limits: testLimits(), Pins: pin(Fingerprint(sum)), Policy: testPolicy})
	if err := c.GetJSON(t.Context(), "reading", "/", nil, nil, nil); err != nil {
		t.Fatalf("pinned certificate refused: %v", err)
	}

	old := strings.Repeat("ab", 32)
	c, _ = New(Config{Connector: "3cx", BaseURL: srv.URL, Limits: testLimits(), Pins: pin(old), Policy: testPolicy})
	err := c.GetJSON(t.Context(), "reading", "/", nil, nil, nil)
	var changed *ChangedCertError
	if !errors.As(err, &changed) {
		t.Fatalf("got %v, want ChangedCertError", err)
	}
	if changed.Pinned != old || changed.Presented != sum || !strings.Contains(err.Error(), "has changed") {
		t.Fatalf("unclear change report: %+v / %v", changed, err)
	}
}

func TestCertificateForAnotherNameIsRefused(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t, http.HandlerFunc(okJSON))
	// The test certificate names example.com and 127.0.0.1, not localhost.
	pool := srv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs
	c, err := New(Config{Connector: "3cx", BaseURL: strings.Replace(srv.URL, "127.0.0.1", "localhost", 1), Limits: testLimits(), RootCAs: pool, Policy: testPolicy})
	if err != nil {
		t.Fatal(err)
	}
	err = c.GetJSON(t.Context(), "reading", "/", nil, nil, nil)
	if !errors.Is(err, ErrCertName) {
		t.Fatalf("got %v, want ErrCertName", err)
	}
}

func TestPlainHTTPOnlyOnLoopback(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"http://pbx.example.com", "ftp://pbx.example.com", "https://user:pw@pbx.example.com", "",
		"https://pbx.example.com/?access_token=abc", "https://pbx.example.com/?x=1&ApiKey=abc", "https://pbx.example.com?pwd=abc"} {
		_, err := New(Config{Connector: "3cx", BaseURL: u, Policy: testPolicy})
		if err == nil {
			t.Errorf("%q accepted", u)
		} else if strings.Contains(err.Error(), "abc") || strings.Contains(err.Error(), ":pw@") {
			t.Errorf("the refusal repeats the secret: %v", err)
		}
	}
	for _, u := range []string{"http://127.0.0.1:8080", "http://[::1]:8080", "https://pbx.example.com:5001/", "pbx.example.com",
		"https://pbx.example.com:5001/#/office/dashboard", "https://pbx.example.com/?lang=en"} {
		if _, err := New(Config{Connector: "3cx", BaseURL: u, Policy: testPolicy}); err != nil {
			t.Errorf("%q refused: %v", u, err)
		}
	}
}

// A phone system offering only TLS 1.0, and one answering plain http on the
// https port, each get a message that says which, not "could not connect".
func TestOldTLSAndPlainHTTPAreNamed(t *testing.T) {
	t.Parallel()
	old := httptest.NewUnstartedServer(http.HandlerFunc(okJSON))
	old.TLS = &tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS10}
	old.StartTLS()
	defer old.Close()
	plain := httptest.NewServer(http.HandlerFunc(okJSON))
	defer plain.Close()
	for _, tc := range []struct {
		url  string
		want error
		says string
	}{
		{old.URL, ErrOldTLS, "TLS 1.2"},
		{strings.Replace(plain.URL, "http://", "https://", 1), ErrNotHTTPS, "plain http"},
	} {
		c, err := New(Config{Connector: "3cx", BaseURL: tc.url, Limits: testLimits(), Policy: testPolicy})
		if err != nil {
			t.Fatal(err)
		}
		err = c.GetJSON(t.Context(), "reading", "/", nil, nil, nil)
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: got %v, want %v", tc.url, err, tc.want)
		}
	}
}
