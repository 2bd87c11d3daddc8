// Command ringfence audits the security hygiene of a business phone system and
// writes an action plan. This file parses the command line and wires the
// packages together; the work happens in checklist, connectors and export.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"charm.land/fang/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/buildinfo"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/connectors/httpx"
	"github.com/ringfence/ringfence/connectors/secrets"
)

// Exit codes are part of the command-line interface: scripts rely on them.
const (
	exitOK       = 0
	exitError    = 1
	exitUsage    = 2
	exitFindings = 3
)

// env is what a command needs from the outside world, so tests can supply their own.
type env struct {
	stdout, stderr io.Writer
	now            func() time.Time
	getenv         func(string) string
	// interactive reports whether the app can take over a terminal.
	interactive func() bool
	// stdin is read only to confirm a deletion, and only when interactive.
	stdin io.Reader
	// cat is the check catalogue with this run's settings; nil until the
	// command line is read, when the built-in one serves.
	cat *checklist.Catalogue
}

// catalogue is the check catalogue every command judges with.
func (e env) catalogue() *checklist.Catalogue {
	if e.cat != nil {
		return e.cat
	}
	return checklist.Builtin()
}

// isTerminal reports whether both standard input and output are terminals, so
// the app opens for a person and scripts get plain text.
func isTerminal() bool {
	for _, f := range []*os.File{os.Stdin, os.Stdout} {
		info, err := f.Stat()
		if err != nil || info.Mode()&os.ModeCharDevice == 0 {
			return false
		}
	}
	return true
}

func main() {
	if v := buildinfo.Read().Version; v != "" {
		httpx.Version = v
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], env{stdout: os.Stdout, stderr: os.Stderr, now: time.Now, getenv: os.Getenv, interactive: isTerminal, stdin: os.Stdin})
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, e env) int {
	// Everything the commands print quotes names, versions and cells from
	// outside, so it all passes the sanitiser: none of it may reach the
	// terminal as an escape sequence or a hidden character. Help, usage and
	// the version are Ringfence's own words, so fang may style them; errors can
	// quote a file or a cell, so their text is sanitised before fang styles it.
	rawOut, rawErr := e.stdout, e.stderr
	out, errOut := safetext.NewWriter(e.stdout), safetext.NewWriter(e.stderr)
	defer out.Flush()
	defer errOut.Flush()
	e.stdout, e.stderr = out, errOut
	if e.stdin == nil {
		e.stdin = strings.NewReader("")
	}
	root := newRoot(&app{e: e})
	root.SetArgs(args)
	root.SetOut(rawOut)
	root.SetErr(rawErr)
	root.SetIn(e.stdin)
	err := fang.Execute(ctx, root,
		// --version is Ringfence's own flag, the same as the version command.
		fang.WithoutVersion(),
		fang.WithoutManpage(),
		fang.WithErrorHandler(func(w io.Writer, styles fang.Styles, err error) {
			if errors.Is(err, errFindings) {
				return
			}
			// One style for every error: sentences, each wrapped error a
			// sentence of its own after the outer one, never a "…: …: …"
			// chain. errorText holds the rule and finishes other packages' text.
			text := safetext.Text(errorText(err))
			if !styledTerminal(rawErr) {
				fmt.Fprintf(w, "ringfence: %s\n", text)
				if isUsageError(err) {
					fmt.Fprintln(w, "Run 'ringfence --help' for usage.")
				}
				return
			}
			fmt.Fprintln(w, styles.ErrorHeader.String())
			fmt.Fprintln(w, styles.ErrorText.Render(text))
			if isUsageError(err) {
				fmt.Fprintln(w, styles.ErrorText.Render("Run 'ringfence --help' for usage."))
			}
		}))
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFindings):
		return exitFindings
	case isUsageError(err):
		return exitUsage
	}
	return exitError
}

// styledTerminal reports whether w is a terminal, where fang's styling helps;
// anywhere else (a pipe, a log, a test) errors stay one plain line.
func styledTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// keyring reaches the system keyring, reading the environment through e.
func (e env) keyring() secrets.Keyring { return secrets.Keyring{Getenv: e.getenv} }
