package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/callscan"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/reconcile"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors/cdr"
	"github.com/ringfence/ringfence/connectors/hrlist"
)

// readStaffList reads an HR export, printing each skipped row with its line.
func readStaffList(path string, e env) ([]inventory.StaffMember, error) {
	staff, rep, err := hrlist.ReadFile(path)
	if err != nil {
		return nil, fileError("the staff list", path, err)
	}
	for _, s := range rep.Skips {
		fmt.Fprintf(e.stderr, "%s: skipped %s\n", safetext.Line(path), safetext.Line(fmt.Sprint(s)))
	}
	if n := rep.Unlisted(); n > 0 {
		fmt.Fprintf(e.stderr, "%s: %d more %s skipped\n", safetext.Line(path), n, plural(n, "line", "lines"))
	}
	fmt.Fprintf(e.stderr, "%s: %s (read as %s)\n", safetext.Line(path), rep.Summary(), rep.Layout)
	for _, n := range rep.Notes {
		fmt.Fprintf(e.stderr, "%s: note: %s\n", safetext.Line(path), safetext.Line(n))
	}
	return staff, nil
}

// subject is what the leavers and cdr commands look at: the demo company's
// audit, or a site's most recent one. store and site are set only for a site.
type subject struct {
	audit *checklist.Audit
	store *sitestore.Store
	site  *checklist.Site
}

func loadSubject(ctx context.Context, cat *checklist.Catalogue, useDemo bool, site, dataDir string, now time.Time, getenv func(string) string) (subject, error) {
	if useDemo {
		a, err := demoAudit(ctx, cat, now, nil)
		if err != nil {
			return subject{}, err
		}
		return subject{audit: a}, nil
	}
	store, err := openStore(getenv, dataDir)
	if err != nil {
		return subject{}, err
	}
	s, latest, err := core.OpenSite(store, site)
	if err != nil {
		return subject{}, withSuggestion(store, site, err)
	}
	if latest == nil {
		return subject{}, fmt.Errorf("The site %q has no audit yet. Run 'ringfence audit --site %q' first.", s.Name, s.Name)
	}
	return subject{audit: latest, store: store, site: &s}, nil
}

func newLeaversCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "leavers",
		Example: "ringfence leavers --site \"Acme Ltd\" --hr staff.csv --role 204,205",
		Short:   "Compare a staff or leavers list with the phone system",
		Args:    noArgs,
		Long: "Compares your staff or leavers list (a CSV export from HR or payroll) with every\n" +
			"extension, mailbox, phone and call forward, and lists leavers who can still use\n" +
			"the phone system, extensions nobody on the list owns, role and shared lines\n" +
			"(Reception, Pharmacy), forwards to outside numbers and matches you should\n" +
			"confirm. A site is compared as its last audit found it, and keeps the staff\n" +
			"list in that audit for later audits and the leaver checks. --role and\n" +
			"--person settle what a line is; a site keeps them for later audits.",
	}
	fs := cmd.Flags()
	useDemo := fs.Bool("demo", false, "use the built-in demo company")
	site := fs.String("site", "", "use a saved site's last audit")
	hr := fs.String("hr", "", "staff list file (CSV: name or first/last name, e-mail, status, leave date)")
	jsonOut := fs.String("json", "", "write the report as JSON to file (- for standard output)")
	var roles, people extensionList
	fs.Var(&roles, "role", "mark extensions (such as 204,205) as role or shared lines, nobody's in particular")
	fs.Var(&people, "person", "mark extensions as one person's line, whatever their names suggest")
	completeSites(a, cmd, "site")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx, e, dataDir := cmd.Context(), a.e, &a.dataDir
		if *useDemo == (*site != "") {
			return usagef("Give leavers either --demo or --site NAME, one of them but not both.")
		}
		if *hr == "" {
			return usagef("Leavers needs --hr FILE, your staff or leavers list.")
		}
		marks, err := lineMarks(roles, people)
		if err != nil {
			return err
		}
		now := e.now()
		subj, err := loadSubject(ctx, e.catalogue(), *useDemo, *site, *dataDir, now, e.getenv)
		if err != nil {
			return err
		}
		staff, err := readStaffList(*hr, e)
		if err != nil {
			return err
		}
		if err := keepLeavers(e.catalogue(), &subj, staff, marks, now); err != nil {
			return err
		}
		rep := core.Leavers(subj.audit, staff, now)
		switch *jsonOut {
		case "":
			if err := writeLeavers(e.stdout, subj.audit.Site, len(staff), rep); err != nil {
				return err
			}
			return writeMarks(e.stdout, subj, marks)
		case "-":
			if err := writeJSONDoc(e.stdout, rep); err != nil {
				return err
			}
			return writeStaffKept(e.stderr, subj)
		}
		if err := sitestore.WriteFileAtomic(*jsonOut, func(w io.Writer) error { return writeJSONDoc(w, rep) }); err != nil {
			return fmt.Errorf("Could not write the leavers report. %w", asSentence(err))
		}
		if err := writeLeavers(e.stdout, subj.audit.Site, len(staff), rep); err != nil {
			return err
		}
		if err := writeMarks(e.stdout, subj, marks); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\nJSON report written to %s\n", *jsonOut)
		return nil
	}
	return cmd
}

func writeJSONDoc(w io.Writer, v any) error {
	enc := json.NewEncoder(safetext.NewJSONWriter(w))
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func writeLeavers(w io.Writer, name string, staff int, rep reconcile.Report) error {
	var b strings.Builder
	people, exts := "people", "extensions"
	if staff == 1 {
		people = "person"
	}
	if rep.Personal == 1 {
		exts = "extension"
	}
	fmt.Fprintf(&b, "Leavers check: %s (%d %s on the staff list, %d personal %s)\n", safetext.Line(name), staff, people, rep.Personal, exts)
	section := func(title string, n int) bool {
		fmt.Fprintf(&b, "\n%s: %d\n", title, n)
		return n > 0
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	if section("Leavers who can still use the phone system", len(rep.Leavers)) {
		for _, l := range rep.Leavers {
			fmt.Fprintf(tw, "  %s\t%s\tleft %s (%d %s ago)\n", safetext.Line(l.Extension), safetext.Line(l.Name), l.Left.Format("2 Jan 2006"), l.DaysSinceLeft, plural(l.DaysSinceLeft, "day", "days"))
			for _, live := range l.Live {
				fmt.Fprintf(tw, "  \t\t- %s\n", safetext.Line(live))
			}
		}
		tw.Flush()
	}
	list := func(title string, findings []reconcile.Finding) bool {
		if !section(title, len(findings)) {
			return false
		}
		for _, f := range findings {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", safetext.Line(f.Extension), safetext.Line(f.Name), safetext.Line(f.Reason))
		}
		tw.Flush()
		return true
	}
	if list("Extensions nobody on the staff list owns", rep.Unowned) {
		fmt.Fprintln(&b, "  One of these is a room, team or device rather than a person's? Mark it with --role NUMBER.")
	}
	if list("Lines that may be role lines", rep.MaybeRole) {
		fmt.Fprintln(&b, "  These count as personal until you say: --role NUMBER for a role or shared line, --person NUMBER for one person's.")
	}
	fmt.Fprintf(&b, "\nRole and shared lines: %d%s\n", len(rep.Shared), roleLineNames(rep.Shared))
	list("Mailboxes and phones for extensions that no longer exist", rep.Orphans)
	if section("Calls forwarded outside the business", len(rep.Forwards)) {
		for _, f := range rep.Forwards {
			fmt.Fprintf(tw, "  %s\t%s\tto %s (%s)\n", safetext.Line(f.Extension), safetext.Line(f.Name), safetext.Line(f.Destination), safetext.Line(f.Owner))
		}
		tw.Flush()
	}
	if section("Matches to confirm", len(rep.ToConfirm)) {
		for _, m := range rep.ToConfirm {
			fmt.Fprintf(tw, "  %s\t%s\t→ %s\t%s: %s\n", safetext.Line(m.Extension), safetext.Line(m.ExtensionName), safetext.Line(m.Name), m.Confidence, safetext.Line(m.Reason))
		}
		tw.Flush()
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// roleLineNames sums up the role and shared lines in a few words:
// " (Pharmacy, On-call Vet, Kennels)". They need no action, so they are named,
// not listed.
func roleLineNames(fs []reconcile.Finding) string {
	const most = 8
	if len(fs) == 0 {
		return ""
	}
	var names []string
	for _, f := range fs[:min(len(fs), most)] {
		names = append(names, safetext.Line(firstNonBlank(f.Name, f.Extension)))
	}
	if len(fs) > most {
		names = append(names, fmt.Sprintf("and %d more", len(fs)-most))
	}
	return " (" + strings.Join(names, ", ") + ")"
}

func newCDRCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "cdr [FILE]",
		Example: "ringfence cdr calls.csv --site \"Acme Ltd\" --fail-on high\nringfence cdr smdr.csv --map start=Date,from=Ext,to=Number,duration=Secs\nringfence cdr --demo",
		Short:   "Look through a call-record export for signs of toll fraud",
		// With --demo and no file, the demo company's own call records are read.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && cmd.Flags().Changed("demo") {
				return nil
			}
			return exactArgs("Give cdr the call-record file to read, as in: ringfence cdr calls.csv, or ringfence cdr --demo for the demo company's own call records.", 1)(cmd, args)
		},
		Long: "Looks through a call-record export (3CX, FreePBX, Asterisk or FreeSWITCH Master.csv,\n" +
			"Avaya IP Office SMDR, Yeastar,\n" +
			"or any CSV with --map) for signs of toll fraud: calls abroad or to premium\n" +
			"numbers, calls out of hours, bursts, many short calls, too many calls at once,\n" +
			"and calls from a leaver's extension. The file is read as a stream, so it can be\n" +
			"any size. With --site, the site's dialling rules, leavers and business hours are\n" +
			"used and the result is recorded against its last audit. With --fail-on, it\n" +
			"exits with code 3 if anything at or above that severity is found. With --demo and no\n" +
			"FILE, the demo company's own call records are read: the same findings as its audit's MON-02.",
	}
	fs := cmd.Flags()
	site := fs.String("site", "", "use a saved site's allowed countries and leavers, and record the result")
	useDemo := fs.Bool("demo", false, "use the demo company's allowed countries and leavers")
	hoursSpec := fs.String("hours", "", "business hours such as \"Mon-Fri 08:00-18:00\" (UK time); with --site, the site remembers them")
	mapSpec := fs.String("map", "", "column mapping for other CSV files, e.g. start=Date,from=Ext,to=Number,duration=Secs")
	jsonOut := fs.String("json", "", "write the incidents as JSON to file (- for standard output)")
	failOn := fs.String("fail-on", "none", "exit with code 3 if an incident is at or above this severity (critical, high, medium, low, none)")
	completeSites(a, cmd, "site")
	completeWords(cmd, "fail-on", severityNames...)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx, e, dataDir := cmd.Context(), a.e, &a.dataDir
		path := ""
		if len(args) > 0 {
			path = args[0]
		}
		threshold, err := checklist.ParseSeverity(*failOn)
		if err != nil {
			return usageWrap("--fail-on", err)
		}
		if *useDemo && *site != "" {
			return usagef("Give cdr --demo or --site, not both.")
		}
		var layout cdr.Layout
		if *mapSpec != "" {
			m, err := cdr.ParseMapping(*mapSpec)
			if err != nil {
				return usageWrap("--map", err)
			}
			layout = cdr.Layout{Format: cdr.Generic, Map: &m}
		}
		hours := ""
		if *hoursSpec != "" {
			var err error
			if hours, err = checklist.NormaliseHours(*hoursSpec); err != nil {
				return usageWrap("--hours", err)
			}
		}
		now := e.now()
		subj := subject{audit: &checklist.Audit{}}
		if *useDemo || *site != "" {
			var err error
			if subj, err = loadSubject(ctx, e.catalogue(), *useDemo, *site, *dataDir, now, e.getenv); err != nil {
				return err
			}
		}
		switch {
		case hours != "":
			subj.audit.Hours = hours
		case subj.site != nil && subj.site.Hours != "":
			subj.audit.Hours = subj.site.Hours
		}
		file := &cdr.File{Path: path, Layout: layout}
		scan, own := file.Scan, path == ""
		if own {
			if layout.Map != nil {
				return usagef("--map is for a file; the demo company's own call records need none.")
			}
			scan = core.OwnCalls(subj.audit.Inventory.Calls)
			file.Stats = ownCallStats(subj.audit.Inventory.Calls)
			path = "the demo company's own call records"
		}
		incidents, err := core.ReviewCalls(ctx, subj.audit.CallScanConfig(now), scan, nil)
		// The skipped lines come first, even when none could be read: they
		// are what says what is wrong with the file.
		stats, skipped := file.Stats, file.Skipped
		for _, s := range skipped {
			fmt.Fprintf(e.stderr, "%s: skipped %s\n", safetext.Line(path), safetext.Line(fmt.Sprint(s)))
		}
		if stats.Rejected > len(skipped) {
			more := stats.Rejected - len(skipped)
			fmt.Fprintf(e.stderr, "%s: %d more %s skipped\n", safetext.Line(path), more, plural(more, "line", "lines"))
		}
		if err != nil {
			return fileError("the call records", path, err)
		}
		if !own {
			fmt.Fprintf(e.stderr, "%s: %s\n", safetext.Line(path), stats.Summary())
		}
		doc := struct {
			Stats     cdr.Stats           `json:"stats"`
			Incidents []callscan.Incident `json:"incidents"`
		}{stats, incidents}
		if doc.Incidents == nil {
			doc.Incidents = []callscan.Incident{}
		}
		switch *jsonOut {
		case "":
			err = writeIncidents(e.stdout, path, stats, incidents)
		case "-":
			err = writeJSONDoc(e.stdout, doc)
		default:
			if err = sitestore.WriteFileAtomic(*jsonOut, func(w io.Writer) error { return writeJSONDoc(w, doc) }); err != nil {
				return fmt.Errorf("Could not write the incidents. %w", asSentence(err))
			}
			err = writeIncidents(e.stdout, path, stats, incidents)
		}
		if err != nil {
			return err
		}
		if subj.site != nil {
			if err := recordCallReview(subj, path, incidents, hours, now, e); err != nil {
				return err
			}
		}
		if incidentsAtOrAbove(incidents, threshold) {
			return errFindings
		}
		return nil
	}
	return cmd
}

// incidentsAtOrAbove reports whether any incident reaches the --fail-on
// threshold. Incidents are critical, high or medium, named as check
// severities are, so they compare by the same ranks; "low" therefore fails
// on any incident, and "none" (an empty threshold) on none.
func incidentsAtOrAbove(incidents []callscan.Incident, threshold checklist.Severity) bool {
	if threshold == "" {
		return false
	}
	for _, in := range incidents {
		if checklist.Severity(in.Severity).Rank() >= threshold.Rank() {
			return true
		}
	}
	return false
}

func writeIncidents(w io.Writer, path string, st cdr.Stats, incidents []callscan.Incident) error {
	var b strings.Builder
	layout := firstNonBlank(string(st.Format), "detected") + " layout, "
	if st.Format == ownCalls {
		layout = ""
	}
	fmt.Fprintf(&b, "Call records: %s (%s%d %s", safetext.Line(path), layout, st.Calls, plural(st.Calls, "call", "calls"))
	if !st.First.IsZero() {
		fmt.Fprintf(&b, " from %s to %s", st.First.Format("2 Jan 2006"), st.Last.Format("2 Jan 2006"))
	}
	fmt.Fprintln(&b, ")")
	switch {
	case st.DateOrderAssumed:
		fmt.Fprintf(&b, "Dates such as 05/03/2026 could be read either way in this file, so they were read %s (5 March), the UK way. If your phone system writes the month first, set its date format to YYYY-MM-DD and export again.\n", st.DateOrder)
	case st.DateOrder != "":
		fmt.Fprintf(&b, "Dates were read %s, as the file itself shows.\n", st.DateOrder)
	}
	if len(incidents) == 0 {
		fmt.Fprintln(&b, "\nNothing that looks like fraud was found.")
	} else {
		fmt.Fprintf(&b, "\nPossible fraud: %d\n", len(incidents))
		for i, in := range incidents {
			cost := ""
			if in.CostKnown {
				cost = fmt.Sprintf(", about £%.2f", float64(in.CostPence)/100)
			}
			fmt.Fprintf(&b, "\n%d. [%s] %s: %d %s, %.0f %s%s, %s to %s\n   %s\n", i+1, in.Severity,
				safetext.Line(strings.Join(in.Extensions, ", ")), in.Calls, plural(in.Calls, "call", "calls"), in.Minutes, plural(int(math.Round(in.Minutes)), "minute", "minutes"), cost,
				in.Start.Format("2 Jan 2006 15:04"), in.End.Format("2 Jan 2006 15:04"), safetext.Line(in.Explanation))
		}
	}
	for _, in := range incidents {
		if in.HoursAssumed {
			fmt.Fprintf(&b, "\nYour business hours were never given, so %s UK time was assumed for the out-of-hours findings.\n"+
				"If you open at other times, give your hours with --hours \"Mon-Sat 07:30-17:00\" (with --site, the site remembers them).\n", checklist.DefaultHours())
			break
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func firstNonBlank(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// recordCallReview answers MON-02 in the site's last audit from the analysis.
// The audit and site are read again under the site's lock, so anything saved
// while the file was being scanned (an answer in the app, say) is kept.
// hours, when given on the command line, become the site's business hours.
func recordCallReview(subj subject, path string, incidents []callscan.Incident, hours string, now time.Time, e env) error {
	name := subj.site.Name
	a, err := core.RecordCalls(subj.store, e.catalogue(), name, path, len(incidents), hours, now)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nRecorded against the audit of %s started %s (check MON-02).\n", name, a.Started.Local().Format("2 Jan 2006 15:04"))
	return nil
}

// ownCalls marks the stats of call records an audit's source gave itself,
// which have no file layout to name.
const ownCalls cdr.Format = "own"

// ownCallStats describes call records that came with the inventory, as a
// file's stats would.
func ownCallStats(calls []inventory.Call) cdr.Stats {
	st := cdr.Stats{Format: ownCalls, Rows: len(calls), Calls: len(calls)}
	for _, c := range calls {
		if st.First.IsZero() || c.Start.Before(st.First) {
			st.First = c.Start
		}
		if c.Start.After(st.Last) {
			st.Last = c.Start
		}
	}
	return st
}
