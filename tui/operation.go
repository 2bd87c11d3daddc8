package tui

import (
	"context"
	"fmt"
	"sync/atomic"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/connectors"
)

var opCounter atomic.Int64

// operation is a piece of background work the user is waiting for: it shows
// a spinner and can be cancelled with esc. Each run gets a new id so that the
// answer of a cancelled run is recognised and dropped.
type operation struct {
	id      int
	label   string
	spin    spinner.Model
	cancel  context.CancelFunc
	running bool
	// progress is the latest report from a connector's fetch, written by the
	// background work and read when the spinner redraws.
	progress *atomic.Pointer[connectors.Progress]
}

func newOperation() operation {
	return operation{spin: spinner.New(spinner.WithSpinner(spinner.Line))}
}

// start begins a run and returns its context and the spinner's first tick.
func (o *operation) start(parent context.Context, label string) (context.Context, tea.Cmd) {
	o.stop()
	o.id = int(opCounter.Add(1))
	o.label, o.running = label, true
	o.progress = new(atomic.Pointer[connectors.Progress])
	ctx, cancel := context.WithCancel(parent)
	o.cancel = cancel
	return ctx, o.spin.Tick
}

// stop cancels the run if it is still going, and forgets it.
func (o *operation) stop() {
	if o.cancel != nil {
		o.cancel()
	}
	o.cancel, o.running = nil, false
}

// reporter returns a progress callback for this run's background work.
func (o *operation) reporter() func(connectors.Progress) {
	p := o.progress
	return func(pr connectors.Progress) { p.Store(&pr) }
}

// progressText says how far a fetch has got: "users: 500 of 10,000".
func progressText(p connectors.Progress) string {
	switch {
	case p.Total > 0:
		return fmt.Sprintf("%s: %s of %s", p.Step, thousands(p.Done), thousands(p.Total))
	case p.Done > 0:
		return fmt.Sprintf("%s: %s", p.Step, thousands(p.Done))
	}
	return p.Step
}

// owns reports whether a result belongs to the current run.
func (o *operation) owns(id int) bool { return o.running && o.id == id }

func (o *operation) Update(msg tea.Msg) tea.Cmd {
	if !o.running {
		return nil
	}
	var cmd tea.Cmd
	o.spin, cmd = o.spin.Update(msg)
	return cmd
}

func (o *operation) View(st styles) string {
	if !o.running {
		return ""
	}
	label := o.label
	if o.progress != nil {
		if p := o.progress.Load(); p != nil && p.Step != "" {
			label += " " + progressText(*p)
		}
	}
	return o.spin.View() + " " + label + st.muted.Render("  (esc to cancel)")
}
