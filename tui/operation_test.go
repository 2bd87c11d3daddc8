package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/connectors"
)

func TestOperationShowsHowFarAFetchHasGot(t *testing.T) {
	t.Parallel()
	op := newOperation()
	op.start(context.Background(), "Reading the phone system…")
	st := newStyles(false, true)
	if v := op.View(st); !strings.Contains(v, "Reading the phone system…") || strings.Contains(v, "users") {
		t.Fatalf("before any report: %q", v)
	}
	report := op.reporter()
	report(connectors.Progress{Step: "users", Done: 1500, Total: 10000})
	if v := op.View(st); !strings.Contains(v, "users: 1,500 of 10,000") {
		t.Errorf("after a report: %q", v)
	}
	report(connectors.Progress{Step: "devices", Done: 20})
	if v := op.View(st); !strings.Contains(v, "devices: 20") || strings.Contains(v, "users") {
		t.Errorf("the latest report should replace the last: %q", v)
	}
	// A new run starts with no progress, and a late report from the old run
	// cannot reach it.
	op.start(context.Background(), "Connecting…")
	report(connectors.Progress{Step: "users", Done: 1, Total: 2})
	if v := op.View(st); strings.Contains(v, "users") {
		t.Errorf("an old run's report leaked into the new one: %q", v)
	}
}
