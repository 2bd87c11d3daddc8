// Package tui is Ringfence's terminal app: a guided audit from the first
// launch to an exported action plan.
package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/secrets"
	"github.com/ringfence/ringfence/connectors/sipprobe"
)

// Options configure Run.
type Options struct {
	Store     *sitestore.Store // where sites live (never nil)
	Catalogue *checklist.Catalogue
	// Connectors are the sources a site can be connected through; the
	// command line passes the same list it uses itself. Left nil, the app
	// offers none and cannot read a site saved with one.
	Connectors connectors.Registry
	Now        func() time.Time
	StartDemo  bool // open straight on the demo company
	// StartBreach is a site name: the app opens straight on that site's
	// breach screen (the first thing to do now). "" means none.
	StartBreach string
	Accessible  bool // screen-reader friendly forms, no decoration
	// Secrets keeps connector secrets; nil means the system keyring, reading
	// RINGFENCE_SECRET from this process's environment.
	Secrets Secrets
	// Probe holds the limits of "Check what the internet sees"; the zero
	// value is the probe's defaults.
	Probe sipprobe.Config
}

// Run runs the app until the user quits. Every change is already saved when
// it returns; it then prints one line saying where the audit is.
func Run(ctx context.Context, opts Options) error {
	return run(ctx, opts, os.Stdin, os.Stdout, os.Getenv("NO_COLOR") == "")
}

func run(ctx context.Context, opts Options, in io.Reader, out io.Writer, colour bool) error {
	if opts.Store == nil {
		return errors.New("tui: Options.Store is nil")
	}
	if opts.Catalogue == nil {
		opts.Catalogue = checklist.Builtin()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Secrets == nil {
		opts.Secrets = secrets.Keyring{Getenv: os.Getenv}
	}
	m := newApp(ctx, opts, colour)
	popts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out)}
	if !colour {
		popts = append(popts, tea.WithColorProfile(colorprofile.Ascii))
	}
	final, err := tea.NewProgram(m, popts...).Run()
	if fm, ok := final.(*app); ok {
		m = fm
	}
	// Saves run in the background while the app is open; the last one may
	// not have run, so save whatever is still queued before saying it is safe.
	sess := m.sh.sess
	if sess.saved() {
		if _, serr := m.sh.saver.flush(opts.Store, sess.name()); serr != nil {
			fmt.Fprintf(out, "Ringfence could not save your last change: %s\n", plainError(serr))
			sess.close()
			return serr
		}
	}
	sess.close()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, tea.ErrInterrupted) && !errors.Is(err, context.Canceled) {
		return err
	}
	fmt.Fprintln(out, farewell(sess, opts.Store))
	return nil
}

func farewell(sess *session, store *sitestore.Store) string {
	switch {
	case sess == nil:
		return "Nothing to save. Nothing on any phone system was changed."
	case sess.demo:
		return "The demo audit was not saved. Nothing on any phone system was changed."
	}
	return fmt.Sprintf("Your audit of %s is saved in %s. Run ringfence again to carry on.", safetext.Line(sess.name()), safetext.Line(store.Dir()))
}
