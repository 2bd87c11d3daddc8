package tui

import (
	"context"
	"sync/atomic"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
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
}

func newOperation() operation {
	return operation{spin: spinner.New(spinner.WithSpinner(spinner.Line))}
}

// start begins a run and returns its context and the spinner's first tick.
func (o *operation) start(parent context.Context, label string) (context.Context, tea.Cmd) {
	o.stop()
	o.id = int(opCounter.Add(1))
	o.label, o.running = label, true
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
	return o.spin.View() + " " + o.label + st.muted.Render("  (esc to cancel)")
}
