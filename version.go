package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/buildinfo"
)

// adviceMaxAgeEnv sets the age, in days, past which the firmware advisories
// count as stale, for every command; --advice-max-age overrides it.
const adviceMaxAgeEnv = "RINGFENCE_ADVICE_MAX_AGE"

// versionReport is what 'ringfence version --json' prints. The field names are
// an interface scripts rely on: add fields, never rename or remove one.
type versionReport struct {
	// Version is the release, "" for a build that is not one.
	Version string `json:"version"`
	// Release names the build as reports do: the release, "source build
	// <commit>" or "development build".
	Release   string `json:"release"`
	Commit    string `json:"commit"`
	Date      string `json:"date"`
	Modified  bool   `json:"modified"`
	GoVersion string `json:"go"`
	Catalogue int    `json:"catalogue_version"`
	Checked   string `json:"advisories_checked_up_to"`
	MaxAge    int    `json:"advice_max_age_days"`
	Stale     bool   `json:"advice_stale"`
}

func newVersionReport(cat *checklist.Catalogue, now time.Time) versionReport {
	b := buildinfo.Read()
	j := cat.Judge(now)
	return versionReport{
		Version: b.Version, Release: b.Release(), Commit: b.Commit, Date: b.Date, Modified: b.Modified,
		GoVersion: b.GoVersion, Catalogue: j.Catalogue, Checked: j.AdvisoriesCheckedUpTo,
		MaxAge: j.AdviceMaxAgeDays, Stale: j.AdviceStale,
	}
}

func writeVersion(w io.Writer, v versionReport) error {
	orNot := func(s string) string { return cmp.Or(s, "not known") }
	commit := orNot(v.Commit)
	if v.Modified {
		commit += " (with uncommitted changes)"
	}
	day, _ := time.Parse(time.DateOnly, v.Checked)
	lines := []string{
		"ringfence " + v.Release,
		"commit:      " + commit,
		"built:       " + orNot(v.Date),
		"go:          " + orNot(v.GoVersion),
		"catalogue:   version " + strconv.Itoa(v.Catalogue),
		"advisories:  checked up to " + day.Format("2 January 2006"),
	}
	if v.Stale {
		lines = append(lines, fmt.Sprintf("The firmware advisories are more than %d days old. Update Ringfence before your next audit.", v.MaxAge))
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n")+"\n")
	return err
}

func newVersionCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "version",
		Short:   "Print the version, the check catalogue's version and the advisories' date",
		Example: "ringfence version\nringfence version --json",
		Long: "Prints which Ringfence this is (release, commit, build date, Go version), the\n" +
			"version of its check catalogue and the day its firmware advisories were last\n" +
			"checked, and says so when they are older than --advice-max-age.",
		Args: noArgs,
	}
	asJSON := cmd.Flags().Bool("json", false, "print it as JSON for scripts")
	cmd.RunE = func(*cobra.Command, []string) error { return runVersion(a.e, *asJSON) }
	return cmd
}

func runVersion(e env, asJSON bool) error {
	v := newVersionReport(e.catalogue(), e.now())
	if asJSON {
		return writeJSONDoc(e.stdout, v)
	}
	return writeVersion(e.stdout, v)
}

const adviceMaxAgeHint = "Give a whole number of days from 1 to 3650, such as 120."

// adviceDays is the value of --advice-max-age. It checks what was typed
// itself, so that a word or an overlong number gets the same plain hint as a
// number out of range, not the Go parser's message.
type adviceDays int

func (d *adviceDays) String() string { return strconv.Itoa(int(*d)) }
func (d *adviceDays) Type() string   { return "days" }
func (d *adviceDays) Set(s string) error {
	n, ok := parseAdviceDays(s)
	if !ok {
		return errors.New(adviceMaxAgeHint)
	}
	*d = adviceDays(n)
	return nil
}

func parseAdviceDays(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil && n >= 1 && n <= 3650
}

// resolveAdviceMaxAge reads the stale-advice limit: the flag, else the
// environment, else the default.
func resolveAdviceMaxAge(cmd *cobra.Command, days adviceDays, getenv func(string) string) (time.Duration, error) {
	switch {
	case cmd.Flags().Changed("advice-max-age"):
		if days < 1 || days > 3650 {
			return 0, usagef("Check the value of --advice-max-age. %s", adviceMaxAgeHint)
		}
	case getenv(adviceMaxAgeEnv) != "":
		raw := getenv(adviceMaxAgeEnv)
		n, ok := parseAdviceDays(raw)
		if !ok {
			return 0, usagef("Check %s (now %q). %s", adviceMaxAgeEnv, raw, adviceMaxAgeHint)
		}
		days = adviceDays(n)
	default:
		return checklist.DefaultAdviceMaxAge, nil
	}
	return time.Duration(days) * 24 * time.Hour, nil
}
