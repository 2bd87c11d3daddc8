package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/firmware"
)

// The app says the advisories are out of date exactly past the limit: on the
// home screen by the clock, in an open audit as it was judged, in the usual
// and the accessible view.
func TestAppSaysWhenAdviceIsStale(t *testing.T) {
	t.Parallel()
	limit := checklist.DefaultAdviceMaxAge
	edge := firmware.CheckedUpTo().Add(limit)
	const mark = "Update Ringfence"
	for _, accessible := range []bool{false, true} {
		h := newHarness(t, false, 100, 30)
		h.app.sh.opts.Accessible = accessible
		for _, tt := range []struct {
			now   time.Time
			stale bool
		}{{edge, false}, {edge.Add(time.Second), true}, {fixedNow, false}} {
			h.app.sh.opts.Now = func() time.Time { return tt.now }
			screen := strings.Join(strings.Fields(h.screen()), " ")
			if strings.Contains(screen, mark) != tt.stale {
				t.Errorf("accessible %v, home at %s: notice %v, want %v:\n%s", accessible, tt.now, !tt.stale, tt.stale, h.screen())
			}
		}
	}

	h := newHarness(t, true, 100, 30)
	if strings.Contains(h.screen(), mark) {
		t.Fatalf("a fresh demo audit says the advisories are stale:\n%s", h.screen())
	}
	h.app.sh.sess.audit.Recompute(checklist.Builtin(), edge.Add(time.Hour))
	screen := strings.Join(strings.Fields(h.screen()), " ")
	if !strings.Contains(screen, "Firmware advisories out of date: last checked "+firmware.CheckedUpTo().Format("2 Jan 2006")) || !strings.Contains(screen, mark) {
		t.Errorf("an audit judged by stale advisories does not say so:\n%s", h.screen())
	}
}
