package tui

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// fatalRecorder stands in for the test so that a harness failure can be seen
// rather than ending this test.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func hangForever(release chan struct{}) tea.Cmd {
	return func() tea.Msg { <-release; return nil }
}

// A command that never returns would leave the screen as it was and let a
// test pass on a state the user never reaches, so the harness must fail.
func TestHarnessFailsOnACommandThatHangs(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	rec := &fatalRecorder{TB: t}
	h := &harness{t: rec, cmdDeadline: 50 * time.Millisecond}
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.exec(hangForever(release))
	}()
	<-done
	if !strings.Contains(rec.msg, "hangForever") {
		t.Errorf("a hanging command was not reported by name; the harness said %q", rec.msg)
	}
}
