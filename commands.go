package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/demo"
	"github.com/ringfence/ringfence/export"
	"github.com/ringfence/ringfence/tui"
)

// openStore opens the data folder: --data-dir, else $RINGFENCE_HOME, else the
// user's config folder. The environment is read here, through getenv, and
// nowhere deeper.
func openStore(getenv func(string) string, dataDir string) (*sitestore.Store, error) {
	if dataDir == "" {
		dir, err := sitestore.DefaultDataDir(getenv("RINGFENCE_HOME"))
		if err != nil {
			return nil, fmt.Errorf("Could not find a folder for saved audits. Choose one with --data-dir. %w", asSentence(err))
		}
		dataDir = dir
	}
	return sitestore.OpenStore(dataDir)
}

// demoAudit runs the pipeline on the embedded demo company. It lives in memory only.
func demoAudit(ctx context.Context, cat *checklist.Catalogue, now time.Time, extra checklist.Answers) (*checklist.Audit, error) {
	return demo.Audit(ctx, cat, now, extra)
}

func newDemoCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "demo",
		Example: "ringfence demo\nringfence demo --text",
		Short:   "Open the built-in demo company (nothing real is touched)",
		Long:    "Opens Ringfence on the built-in demo company, a fictional 45-person business with\nproblems planted in every area. Nothing is saved and no real system is touched.\nWhen the output is not a terminal, or with --text, it prints the audit summary.",
		Args:    noArgs,
	}
	text := cmd.Flags().Bool("text", false, "print the summary instead of opening the app")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error { return runDemo(cmd.Context(), a, *text) }
	return cmd
}

func runDemo(ctx context.Context, a *app, text bool) error {
	e, accessible := a.e, &a.accessible
	if !text && e.interactive() {
		store, err := openStore(a.e.getenv, a.dataDir)
		if err != nil {
			return err
		}
		return tui.Run(ctx, tui.Options{Store: store, Connectors: builtin, Secrets: e.keyring(), Catalogue: e.catalogue(), Now: e.now, StartDemo: true, Accessible: *accessible})
	}
	audit, err := demoAudit(ctx, e.catalogue(), e.now(), nil)
	if err != nil {
		return err
	}
	return export.WriteSummary(e.stdout, audit, 10)
}

func newAuditCmd(ap *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "audit",
		Example: "ringfence audit --demo --pdf plan.pdf\nringfence audit --site \"Acme Ltd\" --answers answers.yaml --fail-on high",
		Short:   "Run a whole audit without the interactive screens",
		Long:    "Runs a whole audit without the interactive screens: reads the phone system,\nadds your answers, judges every check and prints or writes the results.",
		Args:    noArgs,
	}
	fs := cmd.Flags()
	useDemo := fs.Bool("demo", false, "audit the built-in demo company")
	site := fs.String("site", "", "audit a saved site (see 'ringfence sites')")
	answersFile := fs.String("answers", "", "YAML or JSON file of answers to the checks' questions")
	var out outputs
	fs.StringVar(&out.json, "json", "", "write the JSON report to file (- for standard output)")
	fs.StringVar(&out.pdf, "pdf", "", "write the PDF action plan to file")
	fs.StringVar(&out.csv, "csv", "", "write the action plan as CSV to file, for spreadsheets and ticket imports")
	fs.StringVar(&out.md, "md", "", "write the summary and plan as Markdown to file (- for standard output)")
	fs.StringVar(&out.paper, "paper", "a4", "PDF paper size: a4 or letter")
	fs.StringVar(&out.logo, "logo", "", "PNG or JPEG file to put on the PDF's cover, such as your company logo")
	failOn := fs.String("fail-on", "none", "exit with code 3 if a check fails at or above this severity (critical, high, medium, low, none)")
	auditor := fs.String("auditor", "", "your name, shown in reports as who ran the audit")
	csvKind := fs.String("connector", "", "read the inventory this time with this kind of connector (csv with --file)")
	csvFile := fs.String("file", "", "inventory file for --connector csv; the site remembers it")
	hr := fs.String("hr", "", "staff or leavers list file (CSV from HR or payroll) for the leaver checks; a site remembers it")
	hoursSpec := fs.String("hours", "", "business hours such as \"Mon-Sat 07:30-17:00\" (UK time) for the out-of-hours call checks; a site remembers them")
	completeSites(ap, cmd, "site")
	completeKinds(cmd, "connector")
	completeWords(cmd, "fail-on", severityNames...)
	completeWords(cmd, "paper", "a4", "letter")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx, e, dataDir := cmd.Context(), ap.e, &ap.dataDir
		hours := ""
		if *hoursSpec != "" {
			h, err := checklist.NormaliseHours(*hoursSpec)
			if err != nil {
				return usageWrap("--hours", err)
			}
			hours = h
		}
		threshold, err := checklist.ParseSeverity(*failOn)
		if err != nil {
			return usageWrap("--fail-on", err)
		}
		if *useDemo == (*site != "") {
			return usagef("Give audit either --demo or --site NAME, one of them but not both.")
		}
		if err := out.check(e); err != nil {
			return err
		}
		switch {
		case *csvKind != "" && *csvKind != "csv":
			return usagef("On audit, --connector is for csv files only. Use 'ringfence connect' for %s.", *csvKind)
		case *csvKind == "csv" && *csvFile == "":
			return usagef("With --connector csv, give the file as well: --file FILE.")
		case *csvFile != "" && *csvKind != "csv":
			return usagef("The --file flag needs --connector csv as well.")
		case *csvKind != "" && *useDemo:
			return usagef("The demo company has its own inventory. Drop --connector.")
		}
		cat := e.catalogue()
		now := e.now()
		var extra checklist.Answers
		if *answersFile != "" {
			if extra, err = checklist.LoadAnswersFile(*answersFile, cat); err != nil {
				return fileError("the answers file", *answersFile, err)
			}
		}
		var staff []inventory.StaffMember
		if *hr != "" {
			if staff, err = readStaffList(*hr, e); err != nil {
				return err
			}
		}
		var a, previous *checklist.Audit
		if *useDemo {
			a, err = demoAudit(ctx, cat, now, extra)
			if a != nil {
				a.Auditor = *auditor
				if staff != nil {
					a.SetStaff(cat, staff, now)
				}
				if hours != "" {
					a.Hours = hours
					a.Recompute(cat, now)
				}
			}
		} else {
			if *csvFile != "" {
				// Saved in full, so the next audit finds it from any folder.
				abs, err := filepath.Abs(*csvFile)
				if err != nil {
					return fmt.Errorf("Could not work out the full path of %s: %w", *csvFile, err)
				}
				*csvFile = abs
			}
			a, previous, err = siteAudit(ctx, cat, siteRun{dataDir: *dataDir, name: *site, auditor: *auditor, csvFile: *csvFile, staff: staff, hours: hours}, extra, now, e)
		}
		if err != nil {
			return err
		}
		if err := out.write(ctx, a, previous, cat, e); err != nil {
			return err
		}
		if !out.toStdout() && a.Inventory.Has(inventory.FacetCalls) {
			if a.Hours == "" {
				fmt.Fprintf(e.stdout, "\nOut-of-hours calls were judged against %s UK time, assumed because no business hours were given.\n"+
					"If you open at other times, run the audit again with --hours \"Mon-Sat 07:30-17:00\" (a site remembers them).\n", checklist.DefaultHours())
			} else {
				fmt.Fprintf(e.stdout, "\nOut-of-hours calls were judged against your business hours: %s UK time.\n", a.Hours)
			}
		}
		if previous != nil && !out.toStdout() {
			if err := export.WriteChanges(e.stdout, core.Changes(a, previous)); err != nil {
				return err
			}
		}
		if threshold != "" && len(a.Failing(threshold)) > 0 {
			return errFindings
		}
		return nil
	}
	return cmd
}

// siteRun says which site to audit and how.
type siteRun struct {
	dataDir, name, auditor string
	csvFile                string // read the inventory from this CSV file, and remember it
	staff                  []inventory.StaffMember
	hours                  string // business hours to use and remember, already normalised
}

// siteAudit audits a saved site and saves the new audit through the core, as
// the app does.
func siteAudit(ctx context.Context, cat *checklist.Catalogue, run siteRun, extra checklist.Answers, now time.Time, e env) (audit, previous *checklist.Audit, err error) {
	store, err := openStore(e.getenv, run.dataDir)
	if err != nil {
		return nil, nil, err
	}
	if _, err := store.Site(run.name); err != nil {
		return nil, nil, withSuggestion(store, run.name, err)
	}
	got, err := core.StartAudit(ctx, store, cat, core.AuditRun{
		Site: run.name, Open: cliOpener(e), CSVFile: run.csvFile, Hours: run.hours,
		Auditor: run.auditor, Answers: extra, Staff: run.staff,
	}, now)
	if err != nil {
		return nil, nil, err
	}
	for _, l := range got.Account {
		fmt.Fprintln(e.stderr, l)
	}
	return got.Audit, got.Previous, nil
}

// cliOpener opens a site's source for the core, printing each step of the
// fetch as it starts.
func cliOpener(e env) core.Opener {
	return func(site checklist.Site) (core.Source, error) {
		src, err := siteSource(site, e)
		if err != nil {
			return nil, err
		}
		last := ""
		return connectors.ForAudit(src, func(p connectors.Progress) {
			if p.Step != last {
				last = p.Step
				fmt.Fprintf(e.stderr, "Reading %s…\n", p.Step)
			}
		}), nil
	}
}

func newChecksCmd(ap *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "checks",
		Short: "List every check Ringfence makes",
		Long:  "Lists every check in the catalogue, by area.",
		Args:  noArgs,
	}
	asJSON := cmd.Flags().Bool("json", false, "print the catalogue as JSON")
	cmd.RunE = func(*cobra.Command, []string) error { return runChecks(ap.e, *asJSON) }
	return cmd
}

func runChecks(e env, asJSON bool) error {
	cat := checklist.Builtin()
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(cat.Checks)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for i, d := range checklist.Domains {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintf(tw, "%s\n", d.Title())
		for _, ch := range cat.InDomain(d) {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", ch.ID, ch.Severity, ch.Effort, judgedBy(ch), ch.Title)
		}
	}
	return tw.Flush()
}

func judgedBy(ch checklist.Check) string {
	switch {
	case ch.Automated && ch.Question != nil:
		return "system, else ask"
	case ch.Automated:
		return "system"
	}
	return "ask"
}

func listSites(store *sitestore.Store, e env) error {
	sites, problems := store.Sites()
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "warning: %s\n", p)
	}
	if len(sites) == 0 {
		fmt.Fprintln(e.stdout, "No saved sites yet. Try 'ringfence demo', or add one with 'ringfence sites add NAME'.")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SITE\tLAST AUDIT\tSCORE\tOPEN ACTIONS")
	for _, s := range sites {
		last, score, open := "never", "-", "-"
		if !s.LastAudit.IsZero() {
			last = s.LastAudit.Local().Format("2 Jan 2006 15:04")
			score = fmt.Sprintf("%d", s.Score)
			open = fmt.Sprintf("%d", s.OpenActions)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", safetext.Line(s.Name), last, score, open)
	}
	return tw.Flush()
}

// runHome opens the app, or lists the saved sites when there is no terminal to
// open it in (a script, a pipe, CI).
func runHome(ctx context.Context, a *app) error {
	e, accessible := a.e, &a.accessible
	store, err := openStore(a.e.getenv, a.dataDir)
	if err != nil {
		return err
	}
	if e.interactive() {
		return tui.Run(ctx, tui.Options{Store: store, Connectors: builtin, Secrets: e.keyring(), Catalogue: e.catalogue(), Now: e.now, Accessible: *accessible})
	}
	fmt.Fprintln(e.stdout, "Ringfence checks how well your business phone system is locked down.\nIt only reads: it never changes anything on your phone system.")
	fmt.Fprintln(e.stdout)
	if err := listSites(store, e); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "\nRun 'ringfence --help' for all commands.")
	return nil
}

// fileError names a file Ringfence could not open or read, as one sentence
// before the system's reason. A mistake inside the file already names the
// file and line, so it is passed on as it is.
func fileError(what, path string, err error) error {
	var pe *fs.PathError
	var errno syscall.Errno
	var why string
	switch {
	case errors.As(err, &pe) && pe.Err != nil:
		why = pe.Err.Error()
	case errors.As(err, &errno):
		why = errno.Error()
	default:
		return err
	}
	return fmt.Errorf("Could not read %s %s. %w Check the file's name and that you can read it.", what, path, sentenceError{text: sentence(why), err: err})
}
