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
	"runtime/debug"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/connectors/httpx"
	"github.com/ringfence/ringfence/connectors/secrets"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

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
	if v := buildVersion(); !strings.ContainsAny(v, " \t") {
		httpx.Version = v
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], env{stdout: os.Stdout, stderr: os.Stderr, now: time.Now, getenv: os.Getenv, interactive: isTerminal})
	stop()
	os.Exit(code)
}

// usageError marks a mistake on the command line (exit 2) as opposed to a failure
// while running (exit 1).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errFindings signals exit 3: the audit ran, and found failures at or above --fail-on.
var errFindings = errors.New("failed checks at or above the --fail-on severity")

type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, e env) error
}

func commands() []command {
	return []command{
		{"demo", "Open the built-in demo company (nothing real is touched)", runDemo},
		{"audit", "Run a whole audit without the interactive screens", runAudit},
		{"checks", "List every check Ringfence makes", runChecks},
		{"sites", "List saved sites, or add one", runSites},
		{"connect", "Connect a site to its phone system (read-only) and test it", runConnect},
		{"forget", "Remove a site's secrets from this computer's keyring", runForget},
		{"leavers", "Compare a staff or leavers list with the phone system", runLeavers},
		{"cdr", "Look through a call-record export for signs of toll fraud", runCDR},
	}
}

func run(ctx context.Context, args []string, e env) int {
	// Everything the commands print is plain text, and much of it quotes names,
	// versions and cells from outside: none of it may reach the terminal as an
	// escape sequence or a hidden character.
	out, errOut := safetext.NewWriter(e.stdout), safetext.NewWriter(e.stderr)
	defer out.Flush()
	defer errOut.Flush()
	e.stdout, e.stderr = out, errOut
	err := dispatch(ctx, args, e)
	var usage usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelpShown):
		return exitOK
	case errors.Is(err, errFindings):
		return exitFindings
	case errors.As(err, &usage):
		fmt.Fprintf(e.stderr, "ringfence: %s\nRun 'ringfence --help' for usage.\n", usage.msg)
		return exitUsage
	}
	fmt.Fprintf(e.stderr, "ringfence: %s\n", err)
	return exitError
}

func dispatch(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		return runHome(ctx, nil, e)
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		printUsage(e.stdout)
		return nil
	case "-version", "--version", "version":
		fmt.Fprintf(e.stdout, "ringfence %s\n", buildVersion())
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], e)
		}
	}
	if strings.HasPrefix(args[0], "-") {
		return runHome(ctx, args, e)
	}
	return usagef("unknown command %q", args[0])
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `Ringfence checks how well your business phone system is locked down and
writes a plan of what to fix first. It only reads: it never changes your phone system.

Usage:
  ringfence [--accessible]  open the app: your saved sites, a new audit, the demo
  ringfence <command> [options]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s  %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Options:
  --accessible  screen-reader friendly forms and no decoration
  --data-dir    folder for saved sites (default: $RINGFENCE_HOME or your config folder)
  --help        help for ringfence or any command (ringfence audit --help)
  --version     print the version

Exit codes: 0 done, 1 error, 2 bad usage, 3 failed checks at or above --fail-on.
`)
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "development build"
}

// keyring reaches the system keyring, reading the environment through e.
func (e env) keyring() secrets.Keyring { return secrets.Keyring{Getenv: e.getenv} }
