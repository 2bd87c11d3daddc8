package conformance

import (
	"bytes"
	"encoding/json"
	"log"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/ringfence/ringfence/connectors"
)

// syncBuffer collects log output from any goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// RunLeak fetches with the known secret and PINs and searches everything the
// connector produced: the inventory as JSON, every progress report, every log
// line, and the errors from a wrong secret. None may contain a secret or PIN.
// It changes the process-wide loggers, so it must not run in parallel.
func RunLeak(t *testing.T, tg Target) {
	logs := &syncBuffer{}
	oldLog, oldFlags, oldSlog := log.Writer(), log.Flags(), slog.Default()
	log.SetOutput(logs)
	slog.SetDefault(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() {
		log.SetOutput(oldLog)
		log.SetFlags(oldFlags)
		slog.SetDefault(oldSlog)
	})

	srv, pool := start(t, Watch(t, tg, tg.Fake(t)))
	var seen strings.Builder
	src, err := tg.New(Endpoint{URL: srv.URL, RootCAs: pool, Limits: HealthyLimits(), Secret: tg.Secret})
	if err != nil {
		t.Fatal(err)
	}
	inv, err := src.Fetch(t.Context(), func(p connectors.Progress) {
		seen.WriteString(p.Step + "\n")
	})
	if err != nil {
		t.Fatalf("fetch: %v", err)
	}
	raw, err := json.Marshal(inv)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Voicemail) == 0 && !tg.NoMailboxes {
		t.Errorf("the fake's mailboxes did not arrive, so the PIN check proves nothing")
	}

	wrong, err := tg.New(Endpoint{URL: srv.URL, RootCAs: pool, Limits: HealthyLimits(), Secret: tg.Secret + "-wrong"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wrong.Fetch(t.Context(), nil); err == nil {
		t.Errorf("a wrong secret was accepted")
	} else {
		seen.WriteString(err.Error() + "\n")
	}
	if tester, ok := wrong.(connectors.Tester); ok {
		if err := tester.Test(t.Context()); err != nil {
			seen.WriteString(err.Error() + "\n")
		}
	}

	for where, text := range map[string]string{"inventory JSON": string(raw), "progress and errors": seen.String(), "log output": logs.String()} {
		for _, s := range tg.secrets() {
			if ContainsSecret(text, s) {
				t.Errorf("the %s contains %q", where, s)
			}
		}
	}
	// The wrong secret is a secret too.
	if strings.Contains(seen.String(), tg.Secret+"-wrong") {
		t.Errorf("an error contains the secret that was tried")
	}
}

// ContainsSecret reports whether text holds secret. A PIN is digits, and the
// digits of a timestamp's nanoseconds can spell it by chance, so a secret made
// only of digits counts only where it is not part of a longer run of digits.
func ContainsSecret(text, secret string) bool {
	if secret == "" {
		return false
	}
	if strings.Trim(secret, "0123456789") != "" {
		return strings.Contains(text, secret)
	}
	for i := 0; ; {
		j := strings.Index(text[i:], secret)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(secret)
		if (start == 0 || !isDigit(text[start-1])) && (end == len(text) || !isDigit(text[end])) {
			return true
		}
		i = start + 1
	}
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
