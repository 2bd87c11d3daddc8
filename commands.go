package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/demo"
	"github.com/ringfence/ringfence/export"
	"github.com/ringfence/ringfence/tui"
)

var errHelpShown = errors.New("help shown")

// newFlags makes a flag set whose parse errors become usage errors and whose
// --help prints to stdout and ends the command quietly.
func newFlags(e env, name, synopsis, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: ringfence %s\n\n%s\n\nOptions:\n", synopsis, about)
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.Usage()
			return errHelpShown
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usagef("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}

func openStore(getenv func(string) string, dataDir string) (*sitestore.Store, error) {
	if dataDir == "" {
		dir, err := sitestore.DefaultDataDir(getenv("RINGFENCE_HOME"))
		if err != nil {
			return nil, fmt.Errorf("could not find a folder for saved audits (use --data-dir): %w", err)
		}
		dataDir = dir
	}
	return sitestore.OpenStore(dataDir)
}

// demoAudit runs the pipeline on the embedded demo company. It lives in memory only.
func demoAudit(ctx context.Context, cat *checklist.Catalogue, now time.Time, extra checklist.Answers) (*checklist.Audit, error) {
	src := demo.New(now)
	inv, err := src.Fetch(ctx, nil)
	if err != nil {
		return nil, err
	}
	answers := demo.Answers(now)
	for id, a := range extra {
		answers[id] = a
	}
	a := checklist.NewAudit(cat, demo.SiteName, inv, answers, now)
	a.Demo = true
	return a, nil
}

func runDemo(ctx context.Context, args []string, e env) error {
	fs := newFlags(e, "demo", "demo [--accessible] [--text]",
		"Opens Ringfence on the built-in demo company, a fictional 45-person business with\nproblems planted in every area. Nothing is saved and no real system is touched.\nWhen the output is not a terminal, or with --text, it prints the audit summary.")
	accessible := fs.Bool("accessible", false, "screen-reader friendly forms and no decoration")
	text := fs.Bool("text", false, "print the summary instead of opening the app")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !*text && e.interactive() {
		store, err := openStore(e.getenv, "")
		if err != nil {
			return err
		}
		return tui.Run(ctx, tui.Options{Store: store, Catalogue: checklist.Builtin(), Now: e.now, StartDemo: true, Accessible: *accessible})
	}
	a, err := demoAudit(ctx, checklist.Builtin(), e.now(), nil)
	if err != nil {
		return err
	}
	return export.WriteSummary(e.stdout, a, 10)
}

func runAudit(ctx context.Context, args []string, e env) error {
	fs := newFlags(e, "audit", "audit (--demo | --site NAME) [options]",
		"Runs a whole audit without the interactive screens: reads the phone system,\nadds your answers, judges every check and prints or writes the results.")
	useDemo := fs.Bool("demo", false, "audit the built-in demo company")
	site := fs.String("site", "", "audit a saved site (see 'ringfence sites')")
	answersFile := fs.String("answers", "", "YAML or JSON `file` of answers to the checks' questions")
	var out outputs
	fs.StringVar(&out.json, "json", "", "write the JSON report to `file` (- for standard output)")
	fs.StringVar(&out.pdf, "pdf", "", "write the PDF action plan to `file`")
	fs.StringVar(&out.csv, "csv", "", "write the action plan as CSV to `file`, for spreadsheets and ticket imports")
	fs.StringVar(&out.md, "md", "", "write the summary and plan as Markdown to `file` (- for standard output)")
	fs.StringVar(&out.paper, "paper", "a4", "PDF paper `size`: a4 or letter")
	fs.StringVar(&out.logo, "logo", "", "PNG or JPEG `file` to put on the PDF's cover, such as your company logo")
	failOn := fs.String("fail-on", "none", "exit with code 3 if a check fails at or above this `severity` (critical, high, medium, low, none)")
	dataDir := fs.String("data-dir", "", "`folder` for saved sites (default: $RINGFENCE_HOME or your config folder)")
	auditor := fs.String("auditor", "", "your `name`, shown in reports as who ran the audit")
	csvKind := fs.String("connector", "", "read the inventory this time with this `kind` of connector (csv with --file)")
	csvFile := fs.String("file", "", "inventory `file` for --connector csv; the site remembers it")
	hr := fs.String("hr", "", "staff or leavers list `file` (CSV from HR or payroll) for the leaver checks; a site remembers it")
	hoursSpec := fs.String("hours", "", "business `hours` such as \"Mon-Sat 07:30-17:00\" (UK time) for the out-of-hours call checks; a site remembers them")
	if err := parse(fs, args); err != nil {
		return err
	}
	hours := ""
	if *hoursSpec != "" {
		h, err := checklist.NormaliseHours(*hoursSpec)
		if err != nil {
			return usageError{"--hours: " + err.Error()}
		}
		hours = h
	}
	threshold, err := checklist.ParseSeverity(*failOn)
	if err != nil {
		return usageError{"--fail-on: " + err.Error()}
	}
	if *useDemo == (*site != "") {
		return usagef("audit needs exactly one of --demo or --site NAME")
	}
	if err := out.check(); err != nil {
		return err
	}
	switch {
	case *csvKind != "" && *csvKind != "csv":
		return usagef("--connector on audit is for csv files; use 'ringfence connect' for %s", *csvKind)
	case *csvKind == "csv" && *csvFile == "":
		return usagef("--connector csv needs --file FILE")
	case *csvFile != "" && *csvKind != "csv":
		return usagef("--file needs --connector csv")
	case *csvKind != "" && *useDemo:
		return usagef("the demo company has its own inventory: drop --connector")
	}
	cat := checklist.Builtin()
	now := e.now()
	var extra checklist.Answers
	if *answersFile != "" {
		if extra, err = checklist.LoadAnswersFile(*answersFile, cat); err != nil {
			return err
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
		a, previous, err = siteAudit(ctx, cat, siteRun{dataDir: *dataDir, name: *site, auditor: *auditor, csvFile: *csvFile, staff: staff, hours: hours}, extra, now, e)
	}
	if err != nil {
		return err
	}
	if err := out.write(a, previous, cat, now, e); err != nil {
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
		if err := export.WriteChanges(e.stdout, checklist.Compare(previous.Results, a.Results)); err != nil {
			return err
		}
	}
	if threshold != "" && len(a.Failing(threshold)) > 0 {
		return errFindings
	}
	return nil
}

// siteRun says which site to audit and how.
type siteRun struct {
	dataDir, name, auditor string
	csvFile                string // read the inventory from this CSV file, and remember it
	staff                  []inventory.StaffMember
	hours                  string // business hours to use and remember, already normalised
}

// siteAudit audits a saved site and saves the new audit. Answers, accepted risks
// and action owners carry over from the site's last audit as it is once the
// phone system has been read, so a headless re-run never loses what someone
// decided, even in an app open on the same site meanwhile.
func siteAudit(ctx context.Context, cat *checklist.Catalogue, run siteRun, extra checklist.Answers, now time.Time, e env) (audit, previous *checklist.Audit, err error) {
	store, err := openStore(e.getenv, run.dataDir)
	if err != nil {
		return nil, nil, err
	}
	site, err := store.Site(run.name)
	if err != nil {
		return nil, nil, err
	}
	if run.csvFile != "" {
		site.Connector = checklist.ConnectorSettings{Kind: "csv", File: run.csvFile}
	}
	inv, err := fetchInventory(ctx, site, now, e)
	if err != nil {
		return nil, nil, err
	}
	if run.hours != "" {
		site.Hours = run.hours
	}
	if run.csvFile != "" || run.hours != "" {
		if _, err := store.UpdateSite(site.Name, func(s *checklist.Site) error {
			if run.csvFile != "" {
				s.Connector = site.Connector
			}
			if run.hours != "" {
				s.Hours = run.hours
			}
			return nil
		}); err != nil {
			return nil, nil, err
		}
	}
	audit, err = store.StartAudit(site.Name, func(site checklist.Site, latest *checklist.Audit) (*checklist.Audit, error) {
		previous = latest
		a := checklist.ContinueAudit(cat, site, inv, latest, now)
		a.Auditor = run.auditor
		for id, ans := range extra {
			ans.At = now
			a.Answers[id] = ans
		}
		if run.staff != nil {
			a.Inventory = checklist.WithStaff(a.Inventory, run.staff)
		}
		a.Recompute(cat, now)
		return a, nil
	})
	if err != nil {
		return nil, nil, err
	}
	return audit, previous, nil
}

// fetchInventory reads the site's phone system through its connector. A site with
// no connector is audited from answers alone.
func fetchInventory(ctx context.Context, site checklist.Site, now time.Time, e env) (inventory.Inventory, error) {
	if site.Connector.Kind == "" {
		return inventory.Inventory{Source: inventory.SourceInfo{Connector: "answers only", FetchedAt: now}}, nil
	}
	src, err := siteSource(site, e)
	if err != nil {
		return inventory.Inventory{}, err
	}
	last := ""
	inv, err := src.Fetch(ctx, func(p connectors.Progress) {
		if p.Step != last {
			last = p.Step
			fmt.Fprintf(e.stderr, "Reading %s…\n", p.Step)
		}
	})
	if err != nil {
		return inventory.Inventory{}, err
	}
	reportProblems(src, e)
	reportGaps(inv, e)
	return inv, nil
}

func runChecks(ctx context.Context, args []string, e env) error {
	fs := newFlags(e, "checks", "checks [--json]", "Lists every check in the catalogue, by area.")
	asJSON := fs.Bool("json", false, "print the catalogue as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	cat := checklist.Builtin()
	if *asJSON {
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

func runSites(ctx context.Context, args []string, e env) error {
	if len(args) > 0 && args[0] == "add" {
		return runSitesAdd(args[1:], e)
	}
	fs := newFlags(e, "sites", "sites [--data-dir FOLDER]\n       ringfence sites add NAME [--contact TEXT]",
		"Lists saved sites with the date and score of their last audit.")
	dataDir := fs.String("data-dir", "", "`folder` for saved sites (default: $RINGFENCE_HOME or your config folder)")
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := openStore(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	return listSites(store, e)
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

func runSitesAdd(args []string, e env) error {
	fs := newFlags(e, "sites add", "sites add NAME [--contact TEXT] [--data-dir FOLDER]",
		"Adds a site to audit. Without a connector, its audits are made from your answers.")
	contact := fs.String("contact", "", "who to talk to at the site")
	dataDir := fs.String("data-dir", "", "`folder` for saved sites")
	// The name comes first so that "sites add Acme --contact x" reads naturally.
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if err := parse(fs, args); err != nil {
			return err
		}
		return usagef("sites add needs a site name")
	}
	name := strings.TrimSpace(args[0])
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if name == "" {
		return usagef("sites add needs a site name")
	}
	store, err := openStore(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	site := checklist.Site{Schema: checklist.SiteSchema, Name: name, Contact: *contact, Created: e.now()}
	if err := store.CreateSite(site); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Added site %q. Audit it with: ringfence audit --site %q --answers FILE\n", name, name)
	return nil
}

// runHome opens the app, or lists the saved sites when there is no terminal to
// open it in (a script, a pipe, CI).
func runHome(ctx context.Context, args []string, e env) error {
	fs := newFlags(e, "", "[--accessible] [--data-dir FOLDER]", "Opens the app: your saved sites, a new audit, or the demo company.")
	accessible := fs.Bool("accessible", false, "screen-reader friendly forms and no decoration")
	dataDir := fs.String("data-dir", "", "`folder` for saved sites (default: $RINGFENCE_HOME or your config folder)")
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := openStore(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	if e.interactive() {
		return tui.Run(ctx, tui.Options{Store: store, Catalogue: checklist.Builtin(), Now: e.now, Accessible: *accessible})
	}
	fmt.Fprintln(e.stdout, "Ringfence checks how well your business phone system is locked down.\nIt only reads: it never changes anything on your phone system.")
	fmt.Fprintln(e.stdout)
	if err := listSites(store, e); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "\nRun 'ringfence --help' for all commands.")
	return nil
}
