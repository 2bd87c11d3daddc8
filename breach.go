package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/cdr"
	"github.com/ringfence/ringfence/connectors/secrets"
	"github.com/ringfence/ringfence/export"
	"github.com/ringfence/ringfence/tui"
)

// breachFlags are the headless ways to record an incident; any of them set
// means the app is not opened.
type breachFlags struct {
	site, incident        string
	logs, records, signs  []string
	note, by              string
	decide, reason        string
	answers               []string
	calls, mapSpec        string
	callsFromSystem       bool
	closeIt, newOne, list bool
	report, paper         string
	fraudDesk             string
	fraudDeskSet          bool
}

func (f *breachFlags) headless() bool {
	return len(f.logs) > 0 || len(f.signs) > 0 || len(f.records) > 0 || f.decide != "" || len(f.answers) > 0 || f.calls != "" ||
		f.callsFromSystem || f.closeIt || f.newOne || f.list || f.report != "" || f.fraudDeskSet || f.incident != ""
}

// recording reports whether the run changes the incident.
func (f *breachFlags) recording() bool {
	return len(f.logs) > 0 || len(f.signs) > 0 || len(f.records) > 0 || f.decide != "" || len(f.answers) > 0 || f.calls != "" || f.callsFromSystem || f.closeIt
}

func newBreachCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "breach",
		Short: "Respond to a hacked phone system, step by step, and keep a record",
		Long: "Walks you through what to do when your phone system may have been hacked: stop the\n" +
			"calls first, then contain, isolate, notify, review the call records, assess the\n" +
			"cost, change credentials, decide who to report to, find the root cause, recover\n" +
			"and learn. Every action you record is saved at once, with the time, under the site;\n" +
			"run it again to carry on. In a terminal it opens the app on the breach screen;\n" +
			"with a flag below, or in a script, it works without the app.",
		Example: "ringfence breach --site \"Acme Ltd\"\n" +
			"ringfence breach --site \"Acme Ltd\" --record now/bar-calls=done --by \"Jo\" --note \"Provider barred 00 and 09\"\n" +
			"ringfence breach --site \"Acme Ltd\" --calls calls.csv\n" +
			"ringfence breach --site \"Acme Ltd\" --decide ico=no --reason \"No voicemail or recordings on the system\"\n" +
			"ringfence breach --site \"Acme Ltd\" --report incident.pdf",
		Args: noArgs,
	}
	f := &breachFlags{}
	fs := cmd.Flags()
	fs.StringVar(&f.site, "site", "", "the saved site whose phone system may have been hacked")
	fs.StringVar(&f.incident, "incident", "", "work on this incident (an ID from --list) instead of the newest open one")
	fs.StringArrayVar(&f.logs, "log", nil, "add a note to the incident's timeline (repeatable)")
	fs.StringArrayVar(&f.signs, "sign", nil, "what you noticed, such as \"calls to Latvia on the bill\" (repeatable)")
	fs.StringArrayVar(&f.records, "record", nil, "record an action: STEP/ACTION=done|not-needed|couldnt (repeatable)")
	fs.StringVar(&f.note, "note", "", "a note for --record")
	fs.StringVar(&f.by, "by", "", "who did what --record records")
	fs.StringVar(&f.decide, "decide", "", "record a reporting decision: BODY=yes|no (report-fraud, ico, bank, provider), with --reason")
	fs.StringVar(&f.reason, "reason", "", "why, for --decide")
	fs.StringArrayVar(&f.answers, "answer", nil, "answer a root-cause question: QUESTION=TEXT (repeatable)")
	fs.StringVar(&f.calls, "calls", "", "review a call-record file for the incident")
	fs.StringVar(&f.mapSpec, "map", "", "column mapping for --calls, as for 'ringfence cdr'")
	fs.BoolVar(&f.callsFromSystem, "calls-from-system", false, "review the phone system's own call history, read through the site's connector")
	fs.BoolVar(&f.closeIt, "close", false, "close the incident")
	fs.BoolVar(&f.newOne, "new", false, "start a new incident even if one is open")
	fs.BoolVar(&f.list, "list", false, "list the site's incidents")
	fs.StringVar(&f.report, "report", "", "write the incident report: FILE.pdf (owner and insurer) or FILE.json (the record)")
	fs.StringVar(&f.paper, "paper", "", "paper size for the PDF report: a4 (default) or letter")
	fs.StringVar(&f.fraudDesk, "fraud-desk", "", "save your phone provider's fraud desk with the site: \"Name, number\"")
	completeSites(a, cmd, "site")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		f.fraudDeskSet = cmd.Flags().Changed("fraud-desk")
		return runBreach(cmd.Context(), a, f)
	}
	return cmd
}

func runBreach(ctx context.Context, a *app, f *breachFlags) error {
	e := a.e
	if err := f.check(); err != nil {
		return err
	}
	if f.site == "" {
		if f.headless() {
			return usagef("Give --site NAME: the saved site whose phone system may have been hacked.")
		}
		store, err := openStore(e.getenv, a.dataDir)
		if err != nil {
			return err
		}
		if e.interactive() {
			return tui.Run(ctx, tui.Options{Store: store, Connectors: builtin, Secrets: e.keyring(), Catalogue: e.catalogue(), Now: e.now, Accessible: a.accessible, AskBreachSite: true})
		}
		return printGenericBreach(store, e)
	}
	store, err := openStore(e.getenv, a.dataDir)
	if err != nil {
		return err
	}
	site, err := store.Site(f.site)
	if err != nil {
		return withSuggestion(store, f.site, err)
	}
	if !f.headless() && e.interactive() {
		return tui.Run(ctx, tui.Options{Store: store, Connectors: builtin, Secrets: e.keyring(), Catalogue: e.catalogue(), Now: e.now, Accessible: a.accessible, StartBreach: site.Name})
	}
	now := e.now()
	if f.fraudDeskSet {
		desk, _ := checklist.ParseFraudDesk(f.fraudDesk)
		if site, err = store.UpdateSite(site.Name, func(s *checklist.Site) error { s.FraudDesk = desk; return nil }); err != nil {
			return err
		}
		if desk.Phone == "" {
			fmt.Fprintf(e.stdout, "Removed the fraud desk saved for %s.\n", site.Name)
		} else {
			fmt.Fprintf(e.stdout, "Saved %s's fraud desk: %s.\n", site.Name, safetext.Line(desk.String()))
		}
	}
	if f.list {
		if err := listIncidents(store, site.Name, e); err != nil {
			return err
		}
		if !f.recording() && f.report == "" && !f.newOne && f.incident == "" {
			return nil
		}
	}
	if f.fraudDeskSet && !f.recording() && f.report == "" && !f.newOne && f.incident == "" {
		return nil
	}
	inc, err := pickIncident(store, site.Name, f, now, e)
	if err != nil {
		return err
	}
	changes, err := f.changes(now)
	if err != nil {
		return err
	}
	if f.calls != "" || f.callsFromSystem {
		found, err := breachCalls(ctx, store, site, f, now, e)
		if err != nil {
			return err
		}
		changes = append(changes, core.SetCallFindings(found, now))
		for _, l := range found.Summary {
			fmt.Fprintf(e.stdout, "%s\n", safetext.Line(l))
		}
	}
	if f.closeIt {
		changes = append(changes, core.CloseIncident(now))
	}
	if len(changes) > 0 {
		if inc, err = core.ApplyIncident(store, site.Name, inc.ID, changes...); err != nil {
			if _, closed := errors.AsType[*core.ClosedError](err); closed {
				return fmt.Errorf("%w (--log adds a note, --new starts a new incident)", err)
			}
			return err
		}
		fmt.Fprintf(e.stdout, "Saved to incident %s of %s at %s.\n", inc.ID, site.Name, breach.UKTime(now).Format("15:04:05"))
	}
	if f.report != "" {
		if err := export.WriteIncident(ctx, site, inc, export.IncidentRequest{Path: f.report, Paper: f.paper, Now: now, Stdout: e.stdout}); err != nil {
			return fmt.Errorf("Could not write the incident report. %w", asSentence(err))
		}
		if f.report != export.Stdout {
			fmt.Fprintf(e.stdout, "Incident report written to %s\n", safetext.Line(f.report))
		}
		return nil
	}
	if f.recording() && !f.closeIt {
		return printNext(inc, site, e)
	}
	if f.closeIt {
		fmt.Fprintf(e.stdout, "Incident %s is closed. Now run a full audit so the weakness is fixed, not just the passwords changed: ringfence audit --site %q\n", inc.ID, site.Name)
		return nil
	}
	return printBreach(inc, site, breachFacts(ctx, store, site, inc, now, e), now, e)
}

// accountsWait is how long the steps wait for the phone system to say which
// accounts exist. A hacked or overloaded system can take its full timeout to
// fail, and every minute of toll fraud costs money: the first step matters
// more than the names in it.
const accountsWait = 3 * time.Second

// unasked opens the site's phone system only with a secret already to hand:
// the status is no place to ask for one, behind a prompt nobody sees.
func unasked(e env) core.Opener {
	return func(site checklist.Site) (core.Source, error) {
		_, err := connectors.Open(builtin, site, connectors.Secrets{Keyring: e.keyring()})
		if need, ok := errors.AsType[*connectors.NeedSecretError](err); ok {
			return nil, fmt.Errorf("the site needs the secret for its %s connector, and none is to hand: set %s, or run 'ringfence connect' again", need.Kind.Name, secrets.EnvVar)
		}
		return cliOpener(e)(site)
	}
}

// breachFacts is what the site knows about its accounts, from the phone
// system when it answers in time, else from the last audit.
func breachFacts(ctx context.Context, store *sitestore.Store, site checklist.Site, inc *breach.Incident, now time.Time, e env) core.IncidentFacts {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // a phone system that has not answered is left
	done := make(chan core.IncidentFacts, 1)
	go func() {
		facts, _ := core.IncidentKnown(ctx, store, site.Name, unasked(quiet(e)), inc, now)
		done <- facts
	}()
	select {
	case facts := <-done:
		return facts
	case <-time.After(accountsWait):
	}
	facts, _ := core.IncidentKnown(ctx, store, site.Name, nil, inc, now)
	slow := "The phone system has not answered yet, so its accounts are not named here; run this again in a minute to see them."
	if facts.From != "" {
		slow = "The phone system has not answered yet, so this is " + strings.ToLower(facts.From[:1]) + facts.From[1:]
	}
	facts.From = slow
	return facts
}

// quiet is e with progress messages dropped, for reading the phone system
// while the steps are printed.
func quiet(e env) env {
	e.stderr = io.Discard
	return e
}

// check refuses flag combinations that cannot mean anything, before any work.
func (f *breachFlags) check() error {
	if (f.note != "" || f.by != "") && len(f.records) == 0 {
		return usagef("--note and --by go with --record, as in: --record now/bar-calls=done --by \"Jo\".")
	}
	if (f.decide == "") != (f.reason == "") {
		return usagef("--decide and --reason go together, as in: --decide ico=no --reason \"No personal data on the system\".")
	}
	if f.calls != "" && f.callsFromSystem {
		return usagef("Give --calls FILE or --calls-from-system, not both.")
	}
	if f.mapSpec != "" && f.calls == "" {
		return usagef("--map describes the columns of a --calls file. Add --calls FILE.")
	}
	if f.paper != "" && f.report == "" {
		return usagef("--paper is for the PDF report. Add --report FILE.pdf.")
	}
	if f.newOne && f.incident != "" {
		return usagef("Give --new or --incident, not both.")
	}
	if f.fraudDeskSet {
		if _, err := checklist.ParseFraudDesk(f.fraudDesk); err != nil {
			return usageWrap("--fraud-desk", err)
		}
	}
	if f.report != "" {
		if _, err := (export.IncidentRequest{Path: f.report}).IncidentFormat(); err != nil {
			return usageWrap("--report", err)
		}
		if _, err := export.ParsePaper(f.paper); err != nil {
			return usageWrap("--paper", err)
		}
	}
	_, err := f.changes(time.Time{})
	return err
}

// changes turns the recording flags into the core's changes, checking each.
func (f *breachFlags) changes(now time.Time) ([]core.IncidentChange, error) {
	var out []core.IncidentChange
	steps := breach.Steps()
	try := func(flag string, c core.IncidentChange) error {
		// A change refuses bad input when run; run it on a scratch incident
		// so the mistake is reported before anything is read or saved.
		if err := c(&breach.Incident{}); err != nil {
			return usageWrap(flag, err)
		}
		out = append(out, c)
		return nil
	}
	for _, r := range f.records {
		target, outcome, ok := strings.Cut(r, "=")
		step, action, ok2 := strings.Cut(target, "/")
		if !ok || !ok2 {
			return nil, usagef("Write --record as STEP/ACTION=OUTCOME, as in: --record now/bar-calls=done. %q is not in that form.", r)
		}
		if err := try("--record", core.RecordAction(steps, strings.TrimSpace(step), strings.TrimSpace(action), breach.Outcome(strings.TrimSpace(outcome)), f.note, f.by, now)); err != nil {
			return nil, err
		}
	}
	for _, sign := range f.signs {
		if err := try("--sign", core.AddSign(sign)); err != nil {
			return nil, err
		}
	}
	for _, l := range f.logs {
		if err := try("--log", core.LogLine(l, now)); err != nil {
			return nil, err
		}
	}
	if f.decide != "" {
		body, answer, ok := strings.Cut(f.decide, "=")
		var report bool
		switch strings.ToLower(strings.TrimSpace(answer)) {
		case "yes", "y", "report":
			report = true
		case "no", "n", "dont", "don't":
		default:
			ok = false
		}
		if !ok {
			return nil, usagef("Write --decide as BODY=yes or BODY=no, as in: --decide ico=no. %q is not in that form.", f.decide)
		}
		if err := try("--decide", core.DecideReport(breach.Body(strings.TrimSpace(body)), report, f.reason, now)); err != nil {
			return nil, err
		}
	}
	for _, ans := range f.answers {
		id, text, ok := strings.Cut(ans, "=")
		if !ok {
			return nil, usagef("Write --answer as QUESTION=TEXT, as in: --answer way-in=\"guessed SIP password\". %q is not in that form.", ans)
		}
		if err := try("--answer", core.AnswerRootCause(strings.TrimSpace(id), text, now)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// pickIncident is the incident the run works on: a new one, the one named,
// or the newest open one. Recording something, or looking at the steps,
// starts an incident when none is open; closing one or writing a report
// never does: a report with nothing open is of the newest incident.
func pickIncident(store *sitestore.Store, site string, f *breachFlags, now time.Time, e env) (*breach.Incident, error) {
	switch {
	case f.newOne:
		inc, err := core.NewIncident(store, site, now)
		if err == nil {
			fmt.Fprintf(e.stdout, "Started incident %s of %s.\n", inc.ID, site)
		}
		return inc, err
	case f.incident != "":
		return store.LoadIncident(site, f.incident)
	}
	adds := len(f.logs) > 0 || len(f.signs) > 0 || len(f.records) > 0 || f.decide != "" || len(f.answers) > 0 || f.calls != "" || f.callsFromSystem
	if !adds && (f.closeIt || f.report != "") {
		all, err := store.Incidents(site)
		if err != nil {
			return nil, err
		}
		for _, inc := range all {
			if inc.Open() {
				return inc, nil
			}
		}
		switch {
		case len(all) == 0:
			return nil, fmt.Errorf("%s has no incident yet. Start one with: ringfence breach --site %q", site, site)
		case f.closeIt:
			return nil, fmt.Errorf("%s has no open incident to close. List its incidents with: ringfence breach --site %q --list", site, site)
		}
		return all[0], nil
	}
	inc, resumed, err := core.OpenIncident(store, site, now)
	if err == nil && !resumed {
		fmt.Fprintf(e.stdout, "Started incident %s of %s.\n", inc.ID, site)
	}
	return inc, err
}

// breachCalls reviews a call-record file, or the phone system's own call
// history, against what the site's latest audit knows (allowed countries,
// leavers, business hours).
func breachCalls(ctx context.Context, store *sitestore.Store, site checklist.Site, f *breachFlags, now time.Time, e env) (breach.CallFindings, error) {
	var base checklist.Audit
	if latest, err := store.LatestAudit(site.Name); err == nil && latest != nil {
		base = *latest
	}
	base.Hours = site.Hours
	if f.callsFromSystem {
		if site.Connector.Kind == "" {
			return breach.CallFindings{}, fmt.Errorf("The site %q has no phone system connected, so there is no call history to read. Give a call-record file with --calls FILE.", site.Name)
		}
		src, err := cliOpener(e)(site)
		if err != nil {
			return breach.CallFindings{}, err
		}
		got, err := src.Fetch(ctx)
		if err != nil {
			return breach.CallFindings{}, err
		}
		if !got.Inventory.Has(inventory.FacetCalls) {
			return breach.CallFindings{}, fmt.Errorf("The phone system of %q did not give its call history. Connect it with --option calls=yes (ringfence connect --site %q ...), or give a call-record file with --calls FILE.", site.Name, site.Name)
		}
		staff := base.Inventory.Staff
		base.Inventory = checklist.WithStaff(got.Inventory, staff)
		if len(staff) == 0 {
			base.Inventory = got.Inventory
		}
		found, err := core.IncidentCalls(ctx, base.CallScanConfig(now), core.OwnCalls(got.Inventory.Calls), now)
		if err == nil {
			fmt.Fprintf(e.stdout, "Read the phone system's call history: %d %s.\n", found.Read, plural(found.Read, "call", "calls"))
		}
		return found, err
	}
	var layout cdr.Layout
	if f.mapSpec != "" {
		m, err := cdr.ParseMapping(f.mapSpec)
		if err != nil {
			return breach.CallFindings{}, usageWrap("--map", err)
		}
		layout = cdr.Layout{Format: cdr.Generic, Map: &m}
	}
	path := f.calls
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	file := &cdr.File{Path: path, Layout: layout}
	found, err := core.IncidentCalls(ctx, base.CallScanConfig(now), file.Scan, now)
	for _, s := range file.Skipped {
		fmt.Fprintf(e.stderr, "%s: skipped %s\n", safetext.Line(f.calls), safetext.Line(fmt.Sprint(s)))
	}
	if more := file.Stats.Rejected - len(file.Skipped); more > 0 {
		fmt.Fprintf(e.stderr, "%s: %d more %s skipped\n", safetext.Line(f.calls), more, plural(more, "line", "lines"))
	}
	if err != nil {
		return breach.CallFindings{}, fileError("the call records", f.calls, err)
	}
	fmt.Fprintf(e.stderr, "%s: %s\n", safetext.Line(f.calls), file.Stats.Summary())
	found.File = path
	return found, nil
}

func listIncidents(store *sitestore.Store, site string, e env) error {
	all, err := store.Incidents(site)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		fmt.Fprintf(e.stdout, "%s has no incidents. Start one with: ringfence breach --site %q\n", site, site)
		return nil
	}
	steps := breach.Steps()
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "INCIDENT\tOPENED\tSTATE\tACTIONS RECORDED")
	for _, inc := range all {
		state := "open"
		if !inc.Open() {
			state = "closed " + breach.UKTime(inc.Closed).Format("2 Jan 2006 15:04")
		}
		recorded, total := inc.Progress(steps)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d of %d\n", inc.ID, breach.UKTime(inc.Opened).Format("2 Jan 2006 15:04"), state, recorded, total)
	}
	return tw.Flush()
}

// printNext says, after something was recorded, what to do next.
func printNext(inc *breach.Incident, site checklist.Site, e env) error {
	steps := breach.StepsFor(site)
	n := inc.Current(steps)
	if n == len(steps) {
		fmt.Fprintf(e.stdout, "Every action has an outcome. Write the report with --report FILE.pdf, and close the incident with --close.\n")
		return nil
	}
	s := steps[n]
	for _, a := range s.Actions {
		if _, ok := inc.Latest(s.ID, a.ID); !ok {
			fmt.Fprintf(e.stdout, "Next: step %d of %d, %s: %s\n  --record %s/%s=done\n", n+1, len(steps), s.Title, a.Text, s.ID, a.ID)
			break
		}
	}
	return nil
}

// printGenericBreach prints the first step for someone who has not said
// which site: the calls must stop before anything else.
func printGenericBreach(store *sitestore.Store, e env) error {
	var b strings.Builder
	steps := breach.StepsFor(checklist.Site{})
	writeStep(&b, &breach.Incident{}, steps[0], 1, len(steps), "")
	b.WriteString("\nTo keep a timed record of what you do, and be walked through the rest, name the site:\n  ringfence breach --site NAME\n")
	sites, _ := store.Sites()
	if len(sites) > 0 {
		var names []string
		for _, s := range sites {
			names = append(names, safetext.Line(s.Name))
		}
		fmt.Fprintf(&b, "Saved sites: %s\n", strings.Join(names, ", "))
	} else {
		b.WriteString("No site is saved yet: add one with 'ringfence sites add NAME'.\n")
	}
	_, err := io.WriteString(e.stdout, b.String())
	return err
}

// printBreach prints where the incident stands: the first thing to do now
// first, then the step it has reached, every step's progress, and the
// reporting decisions.
func printBreach(inc *breach.Incident, site checklist.Site, facts core.IncidentFacts, now time.Time, e env) error {
	steps := breach.StepsKnowing(site, facts.Known)
	var b strings.Builder
	state := "open"
	if !inc.Open() {
		state = "closed on " + breach.UKTime(inc.Closed).Format("2 Jan 2006 15:04")
	}
	fmt.Fprintf(&b, "Phone system breach: %s\nIncident %s, opened %s (UK time), %s.\n", safetext.Line(site.Name), inc.ID, breach.UKTime(inc.Opened).Format("Mon 2 Jan 2006 15:04"), state)
	for _, sign := range inc.Signs {
		fmt.Fprintf(&b, "Noticed: %s\n", safetext.Line(sign))
	}
	if facts.From != "" {
		fmt.Fprintf(&b, "Accounts: %s\n", safetext.Line(facts.From))
	}
	cmd := fmt.Sprintf("ringfence breach --site %q", site.Name)
	b.WriteString("\n")
	writeStep(&b, inc, steps[0], 1, len(steps), cmd)
	if site.FraudDesk.Phone == "" {
		fmt.Fprintf(&b, "  Save your provider's fraud desk so it is here next time: %s --fraud-desk \"Name, number\"\n", cmd)
	}
	cur := inc.Current(steps)
	if cur > 0 && cur < len(steps) {
		b.WriteString("\nNext:\n")
		writeStep(&b, inc, steps[cur], cur+1, len(steps), cmd)
	}
	b.WriteString("\nAll steps:\n")
	for i, s := range steps {
		done := 0
		for _, a := range s.Actions {
			if _, ok := inc.Latest(s.ID, a.ID); ok {
				done++
			}
		}
		mark := " "
		switch {
		case done == len(s.Actions):
			mark = "x"
		case i == cur:
			mark = ">"
		}
		fmt.Fprintf(&b, "  [%s] %2d. %-44s %d of %d recorded  (%s)\n", mark, i+1, s.Title, done, len(s.Actions), s.ID)
	}
	if c := inc.Calls; c != nil {
		b.WriteString("\nCall records:\n")
		for _, l := range c.Summary {
			fmt.Fprintf(&b, "  %s\n", safetext.Line(l))
		}
	}
	b.WriteString("\nWho to report to:\n")
	for _, info := range breach.Bodies() {
		d, ok := inc.Decision(info.Body)
		switch {
		case ok && d.Report:
			fmt.Fprintf(&b, "  %s: report. Why: %s\n", info.Name, safetext.Line(d.Reason))
		case ok:
			fmt.Fprintf(&b, "  %s: do not report. Why: %s\n", info.Name, safetext.Line(d.Reason))
		default:
			fmt.Fprintf(&b, "  %s: not decided. %s %s\n    Record it: %s --decide %s=yes|no --reason \"...\"\n", info.Name, info.When, info.How, cmd, info.Body)
		}
		if info.Body == breach.ICO && !ok {
			left := inc.ICODeadline().Sub(now)
			if left > 0 {
				fmt.Fprintf(&b, "    The 72 hours run out %s (%s left).\n", breach.UKTime(inc.ICODeadline()).Format("Mon 2 Jan 2006 15:04"), hoursLeft(left))
			} else {
				fmt.Fprintf(&b, "    The 72 hours ran out %s: if you must report, do it now and say why it is late.\n", breach.UKTime(inc.ICODeadline()).Format("Mon 2 Jan 2006 15:04"))
			}
		}
	}
	fmt.Fprintf(&b, "\nRecord an action: %s --record STEP/ACTION=done|not-needed|couldnt [--note TEXT] [--by NAME]\n", cmd)
	fmt.Fprintf(&b, "Review call records: %s --calls FILE   Report: %s --report incident.pdf\n", cmd, cmd)
	_, err := io.WriteString(e.stdout, b.String())
	return err
}

func hoursLeft(d time.Duration) string {
	h := int(d.Hours())
	if h < 1 {
		return "under an hour"
	}
	return fmt.Sprintf("%d %s", h, plural(h, "hour", "hours"))
}

func writeStep(b *strings.Builder, inc *breach.Incident, s breach.Step, n, of int, cmd string) {
	fmt.Fprintf(b, "Step %d of %d: %s\n%s\n", n, of, s.Title, wrapText(s.Why, 2))
	for i, a := range s.Actions {
		mark := "[ ]"
		status := ""
		if e, ok := inc.Latest(s.ID, a.ID); ok {
			mark = "[x]"
			status = " - " + e.Outcome.Label() + " " + breach.UKTime(e.At).Format("15:04")
			if e.By != "" {
				status += " by " + safetext.Line(e.By)
			}
		}
		fmt.Fprintf(b, "  %s %d. %s (%s)%s\n", mark, i+1, safetext.Line(a.Text), a.Who, status)
		if cmd != "" && status == "" {
			fmt.Fprintf(b, "         --record %s/%s=done\n", s.ID, a.ID)
		}
	}
	for _, m := range s.Mistakes {
		fmt.Fprintf(b, "  Watch out: %s\n", m)
	}
}

// wrapText indents a paragraph, leaving line breaks to the terminal.
func wrapText(s string, indent int) string {
	return strings.Repeat(" ", indent) + strings.Join(strings.Fields(s), " ")
}
