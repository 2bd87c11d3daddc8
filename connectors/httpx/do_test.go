package httpx

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestHTMLInsteadOfData(t *testing.T) {
	t.Parallel()
	for _, ct := range []string{"text/html; charset=utf-8", "application/json", ""} {
		_, c := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.Write([]byte("\n<!DOCTYPE html><html><body>Sign in</body></html>"))
		}))
		var out map[string]any
		err := c.GetJSON(t.Context(), "reading users", "/xapi/v1/Users", nil, nil, &out)
		if !errors.Is(err, ErrNotData) || !strings.Contains(err.Error(), "web page instead of data") || !strings.Contains(err.Error(), "Check the URL") {
			t.Errorf("content type %q: got %v", ct, err)
		}
	}
}

func TestInvalidJSONIsReportedWithoutTheBody(t *testing.T) {
	t.Parallel()
	_, c := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"value":[{"VMPIN":"4821", "oops`))
	}))
	var out map[string]any
	err := c.GetJSON(t.Context(), "reading users", "/", nil, nil, &out)
	if !errors.Is(err, ErrBadData) {
		t.Fatalf("got %v, want ErrBadData", err)
	}
	if strings.Contains(err.Error(), "4821") || strings.Contains(err.Error(), "VMPIN") {
		t.Fatalf("the error repeats the body: %v", err)
	}
}

func TestHugeAnswerIsCutOff(t *testing.T) {
	t.Parallel()
	for _, withLength := range []bool{true, false} {
		_, c := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if withLength {
				w.Header().Set("Content-Length", fmt.Sprint(1<<30))
			}
			w.Write([]byte(`{"value":"`))
			chunk := []byte(strings.Repeat("x", 64<<10))
			for i := 0; i < (1<<30)/len(chunk); i++ {
				if _, err := w.Write(chunk); err != nil {
					return // the client gave up, as it should
				}
			}
		}))
		var out map[string]any
		err := c.GetJSON(t.Context(), "reading users", "/", nil, nil, &out)
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("content length %v: got %v, want ErrTooLarge", withLength, err)
		}
	}
}

func TestDrippingServerMeetsTheRequestDeadline(t *testing.T) {
	t.Parallel()
	stop := make(chan struct{})
	_, c := newServerWith(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		for _, b := range []byte(`{"value":[]}`) {
			w.Write([]byte{b})
			w.(http.Flusher).Flush()
			select {
			case <-time.After(time.Second):
			case <-r.Context().Done():
				return
			case <-stop:
				return
			}
		}
	}), stallLimits())
	defer close(stop)
	var out map[string]any
	err := c.GetJSON(t.Context(), "reading users", "/", nil, nil, &out)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("got %v, want ErrTimeout", err)
	}
}

func TestSilentServerMeetsTheHeaderDeadline(t *testing.T) {
	t.Parallel()
	stop := make(chan struct{})
	_, c := newServerWith(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	}), stallLimits())
	defer close(stop)
	err := c.GetJSON(t.Context(), "reading users", "/", nil, nil, nil)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("got %v, want ErrTimeout", err)
	}
}

func TestCancelledContextSaysCancelled(t *testing.T) {
	t.Parallel()
	_, c := newServer(t, http.HandlerFunc(okJSON))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := c.GetJSON(ctx, "reading users", "/", nil, nil, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestRetriesHonourRetryAfter(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	_, c := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) < 3 {
			w.Header().Set("Retry-After", "3600") // capped by MaxRetryWait
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		okJSON(w, r)
	}))
	var out map[string]any
	if err := c.GetJSON(t.Context(), "reading users", "/", nil, nil, &out); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 3 || out["ok"] != true {
		t.Fatalf("%d requests, answer %v", n.Load(), out)
	}
}

func TestStatusErrorsNameConnectorStepStatusAndWhatToCheck(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status int
		tries  int32
		want   string
	}{
		{401, 1, "3cx: reading users: the server said 401 Unauthorized. Check the client ID and secret"},
		{403, 1, "3cx: reading users: the server said 403 Forbidden. Give the API client the System Admin role."},
		{404, 1, "the server said 404 Not Found. Check the address"},
		{500, 1, "the server said 500 Internal Server Error."},
		{503, 3, "the server said 503 Service Unavailable."},
		{429, 3, "the server said 429 Too Many Requests."},
	} {
		var n atomic.Int32
		srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			http.Error(w, "client_secret=hunter2 was wrong", tc.status)
		}))
		pool := srv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs
		c, _ := New(Config{Connector: "3cx", BaseURL: srv.URL, Limits: testLimits(), RootCAs: pool, Policy: testPolicy,
			Hints: map[int]string{403: "Give the API client the System Admin role."}})
		err := c.GetJSON(t.Context(), "reading users", "/", nil, nil, nil)
		var e *Error
		if !errors.As(err, &e) || e.Status != tc.status || !errors.Is(err, ErrStatus) {
			t.Errorf("%d: got %v", tc.status, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%d: message %q", tc.status, err)
		}
		if n.Load() != tc.tries {
			t.Errorf("%d: %d tries, want %d", tc.status, n.Load(), tc.tries)
		}
	}
}

func TestRedirectToAnotherHostIsRefused(t *testing.T) {
	t.Parallel()
	other := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the client followed the redirect to %s", r.URL)
	}))
	defer other.Close()
	_, c := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+"/steal", http.StatusFound)
	}))
	err := c.GetJSON(t.Context(), "reading users", "/", nil, nil, nil)
	if !errors.Is(err, ErrRedirect) {
		t.Fatalf("got %v, want ErrRedirect", err)
	}
}

func TestRetryAfterForms(t *testing.T) {
	t.Parallel()
	if got := retryAfter("7"); got != 7*time.Second {
		t.Errorf("seconds: %v", got)
	}
	if got := retryAfter(time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)); got < 59*time.Minute {
		t.Errorf("date: %v", got)
	}
	if got := retryAfter("soon"); got != 0 {
		t.Errorf("nonsense: %v", got)
	}
}

// Advice may name only settings a user can change: there is no time limit or
// size limit setting, but there is page_size.
func TestAdviceNamesOnlySettingsThatExist(t *testing.T) {
	t.Parallel()
	_, c := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("big") {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"value":"` + strings.Repeat("x", 2<<20) + `"}`))
			return
		}
		<-r.Context().Done()
	}))
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	slow := c.GetJSON(ctx, "reading users", "/", nil, nil, nil)
	var out map[string]any
	big := c.GetJSON(t.Context(), "reading users", "/", url.Values{"big": {"1"}}, nil, &out)
	for _, err := range []error{slow, big} {
		if err == nil || strings.Contains(err.Error(), "raise the") || strings.Contains(err.Error(), "limit.") {
			t.Errorf("advice names a setting that does not exist: %v", err)
		}
	}
	if !errors.Is(big, ErrTooLarge) || !strings.Contains(big.Error(), "--option page_size=") {
		t.Errorf("too large: %v", big)
	}
	if !errors.Is(slow, ErrTimeout) {
		t.Errorf("too slow: %v", slow)
	}
}
