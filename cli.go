package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/sitestore"

	mango "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// app holds what every command shares: the outside world and the global flags.
type app struct {
	e          env
	dataDir    string
	accessible bool
	// adviceMaxAge is --advice-max-age, in days.
	adviceMaxAge adviceDays
	// showVersion is --version.
	showVersion bool
}

const about = `Ringfence checks how well your business phone system is locked down and
writes a plan of what to fix first. It only reads: it never changes your phone system.

With no command it opens the app: your saved sites, a new audit, the demo.
Exit codes: 0 done, 1 error, 2 bad usage, 3 findings at or above --fail-on.`

// newRoot builds the whole command tree. Each run gets a fresh one, so flags
// never carry over from one run to the next (tests run many in one process).
func newRoot(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "ringfence",
		Short: "Audit how well your business phone system is locked down",
		Long:  about,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.showVersion {
				return runVersion(a.e, false)
			}
			return runHome(cmd.Context(), a)
		},
		// Settings every command shares are read once the flags are parsed.
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			maxAge, err := resolveAdviceMaxAge(cmd, a.adviceMaxAge, a.e.getenv)
			if err != nil {
				return err
			}
			a.e.cat = checklist.Builtin().WithAdviceMaxAge(maxAge)
			return nil
		},
		// Unknown words are caught before flags are read, so "audti --demo"
		// gets a suggestion rather than a complaint about --demo.
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(flagError)
	pf := root.PersistentFlags()
	pf.StringVar(&a.dataDir, "data-dir", "", "folder for saved sites (default: $RINGFENCE_HOME or your config folder)")
	pf.BoolVar(&a.accessible, "accessible", false, "plain prompts for screen readers, with no decoration")
	pf.Var(&a.adviceMaxAge, "advice-max-age", "days after which the firmware advisories count as out of date (default: $"+adviceMaxAgeEnv+" or 120)")
	root.Flags().BoolVarP(&a.showVersion, "version", "v", false, "print the version (the same as 'ringfence version')")
	root.AddCommand(
		newDemoCmd(a), newAuditCmd(a), newChecksCmd(a), newSitesCmd(a), newConnectCmd(a),
		newForgetCmd(a), newLeaversCmd(a), newCDRCmd(a), newProbeCmd(a), newBreachCmd(a), newManCmd(a), newVersionCmd(a),
	)
	return root
}

// newManCmd prints the manual page. Fang has one too, but it writes straight
// to the process's standard output, past the output sanitiser and any test.
func newManCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print the manual page (ringfence man > ringfence.1)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			page, err := mango.NewManPage(1, cmd.Root())
			if err != nil {
				return fmt.Errorf("Could not make the manual page. %w", asSentence(err))
			}
			_, err = io.WriteString(a.e.stdout, page.Build(roff.NewDocument()))
			return err
		},
	}
}

// usageError marks a mistake on the command line (exit 2) as opposed to a
// failure while running (exit 1).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// usageWrap names the flag whose value is wrong, then says why.
func usageWrap(flag string, err error) error {
	return usageError{fmt.Errorf("Check the value of %s. %w", flag, asSentence(err))}
}

// flagError makes a flag mistake a usage error, suggesting the nearest flag
// for one that does not exist.
func flagError(cmd *cobra.Command, err error) error {
	var bad *pflag.InvalidValueError
	if errors.As(err, &bad) && bad.GetFlag() != nil && bad.Unwrap() != nil {
		why := sentenceError{text: sentence(bad.Unwrap().Error()), err: bad}
		return usageError{fmt.Errorf("Check the value %q given to --%s. %w", bad.GetValue(), bad.GetFlag().Name, why)}
	}
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return usageError{err}
	}
	best, bestDist := "", 3
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if d := editDistance(name, f.Name); d < bestDist {
			best, bestDist = f.Name, d
		}
	})
	if best == "" {
		return usageError{err}
	}
	return usageError{fmt.Errorf("%w Did you mean --%s?", asSentence(err), best)}
}

// errFindings signals exit 3: the work was done, and found something at or
// above --fail-on.
var errFindings = errors.New("There are findings at or above the --fail-on severity.")

// isUsageError reports a mistake on the command line, ours or one cobra found
// (it reports those as plain errors).
func isUsageError(err error) bool {
	if errors.As(err, new(usageError)) {
		return true
	}
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires "} {
		if strings.HasPrefix(err.Error(), prefix) {
			return true
		}
	}
	return false
}

// errorText is the one-paragraph message for an error, in the one style all
// of Ringfence's errors share: sentences for people, each starting with a
// capital letter and ending with a full stop or question mark.
//
// The joining rule: an error that wraps a lower-level one is a sentence of its
// own, ending in a full stop, and the wrapped error follows after a space as
// the next sentence, through asSentence ("Could not read the answers file
// a.yaml. No such file or directory."), never as a "…: …: …" chain. The outer
// sentence names the file, flag or site, so the inner one need not.
//
// Errors made elsewhere (cobra, pflag, the standard library, other packages)
// may still be lowercase fragments or colon chains; here they get their
// capital and full stop, and a colon followed by a whole sentence becomes a
// full stop. Cobra's suggestion for an unknown command spans several lines;
// it is folded into one sentence.
func errorText(err error) string {
	msg := outsideQuotes(strings.TrimSpace(err.Error()), func(s string) string {
		return colonBeforeSentence.ReplaceAllString(s, ". $1")
	})
	if first, rest, ok := strings.Cut(msg, "\n\nDid you mean this?\n"); ok {
		msg = sentence(first) + " Did you mean " + strings.Join(strings.Fields(rest), " or ") + "?"
	}
	return sentence(msg)
}

// colonBeforeSentence finds ": " joining a fragment to a sentence that starts
// with a capitalised word (not an acronym such as SIP).
var colonBeforeSentence = regexp.MustCompile(`: (\p{Lu}\p{Ll})`)

// outsideQuotes applies change to the parts of text that are not inside
// double quotes, so a quoted name (a site called "Acme: Main Office") is
// left exactly as it was given. Quotes escaped as %q writes them do not count.
func outsideQuotes(text string, change func(string) string) string {
	var out strings.Builder
	start, quoted := 0, false
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\\':
			if quoted {
				i++
			}
		case '"':
			part := text[start:i]
			if !quoted {
				part = change(part)
			}
			out.WriteString(part)
			start, quoted = i, !quoted
		}
	}
	part := text[start:]
	if !quoted {
		part = change(part)
	}
	out.WriteString(part)
	return out.String()
}

// sentence gives text a capital first letter and a full stop, unless it
// already ends as a sentence does.
func sentence(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return text
	}
	r, size := utf8.DecodeRuneInString(text)
	text = string(unicode.ToUpper(r)) + text[size:]
	if !strings.HasSuffix(text, ".") && !strings.HasSuffix(text, "?") && !strings.HasSuffix(text, "!") {
		text += "."
	}
	return text
}

// asSentence presents a lower-level error as a sentence to follow an outer
// one, keeping the whole error underneath for errors.Is and errors.As. A
// file error gives only its reason, as the outer sentence names the file.
func asSentence(err error) error {
	text := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Err != nil && strings.HasSuffix(text, pe.Error()) {
		text = pe.Err.Error()
	}
	return sentenceError{text: sentence(text), err: err}
}

type sentenceError struct {
	text string
	err  error
}

func (e sentenceError) Error() string { return e.text }
func (e sentenceError) Unwrap() error { return e.err }

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if near := cmd.SuggestionsFor(args[0]); len(near) > 0 {
		return usagef("There is no command %q in '%s'. Did you mean %s?", args[0], cmd.CommandPath(), strings.Join(near, " or "))
	}
	return usagef("The command '%s' takes no argument, so %q is not expected. Put a value after its flag, and quote it if it has spaces.", cmd.CommandPath(), args[0])
}

// exactArgs wants n arguments, explaining what they are when they are missing.
func exactArgs(missing string, n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < n:
			return usageError{errors.New(missing)}
		case len(args) > n:
			return usagef("The command '%s' was given one argument too many, %q. Quote a name that has spaces.", cmd.CommandPath(), args[n])
		}
		return nil
	}
}

var severityNames = []string{"critical", "high", "medium", "low", "none"}

// savedSiteNames lists the sites in the data folder, for completion and
// suggestions. Problems are ignored: completion must never print errors.
func savedSiteNames(a *app) []string {
	store, err := openStore(a.e.getenv, a.dataDir)
	if err != nil {
		return nil
	}
	sites, _ := store.Sites()
	var names []string
	for _, s := range sites {
		// Completions reach the terminal past the output sanitiser, and a
		// site file edited by hand could hold a name that was never checked.
		names = append(names, safetext.Line(s.Name))
	}
	return names
}

func completeSites(a *app, cmd *cobra.Command, flag string) {
	cmd.RegisterFlagCompletionFunc(flag, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return savedSiteNames(a), cobra.ShellCompDirectiveNoFileComp
	})
}

// siteNameArgs completes a command's first argument with saved site names.
func siteNameArgs(a *app) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return savedSiteNames(a), cobra.ShellCompDirectiveNoFileComp
	}
}

func completeKinds(cmd *cobra.Command, flag string) {
	cmd.RegisterFlagCompletionFunc(flag, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		var names []string
		for _, k := range builtin.Sorted() {
			names = append(names, k.Name+"\t"+k.Title)
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	})
}

func completeWords(cmd *cobra.Command, flag string, words ...string) {
	cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(words, cobra.ShellCompDirectiveNoFileComp))
}

// closestSite is the saved site whose name is nearest to a mistyped one, or ""
// when none is near enough to be a likely typo.
func closestSite(store *sitestore.Store, name string) string {
	sites, _ := store.Sites()
	best, bestDist := "", 0
	want := strings.ToLower(name)
	for _, s := range sites {
		have := strings.ToLower(s.Name)
		d := editDistance(want, have)
		if len(want) >= 3 && strings.HasPrefix(have, want) {
			d = 1 // the start of a longer name, as a shortened name often is
		}
		if best == "" || d < bestDist {
			best, bestDist = s.Name, d
		}
	}
	if best == "" || bestDist > max(2, len([]rune(name))/3) {
		return ""
	}
	return best
}

// withSuggestion adds the closest saved name to an unknown site's error.
func withSuggestion(store *sitestore.Store, name string, err error) error {
	if !errors.Is(err, sitestore.ErrNoSite) {
		return err
	}
	if near := closestSite(store, name); near != "" {
		return fmt.Errorf("%w Did you mean %q?", asSentence(err), near)
	}
	return err
}

// editDistance counts the single-letter edits that turn a into b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = slices.Min([]int{prev[j] + 1, cur[j-1] + 1, prev[j-1] + cost})
		}
		prev = cur
	}
	return prev[len(rb)]
}
