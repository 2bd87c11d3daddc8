package export

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// WriteSummary prints the audit as aligned plain text: the score per domain and
// the first actions of the plan. topActions limits the plan lines (0 for all).
func WriteSummary(w io.Writer, a *checklist.Audit, topActions int) error {
	card := checklist.Score(a.Results)
	var b strings.Builder
	fmt.Fprintf(&b, "Ringfence audit: %s\n", safetext.Line(a.Site))
	if src := a.Inventory.Source; src.Connector != "" {
		line := "Facts from: " + safetext.Line(src.Connector)
		if src.Connector == "demo" {
			line = "Facts from: the built-in demo company"
		}
		if pbx := pbxLabel(a.Inventory.PBX); pbx != "" {
			line += ", " + safetext.Line(pbx)
		}
		if !src.FetchedAt.IsZero() {
			line += ", read " + src.FetchedAt.Format("2 Jan 2006 15:04")
		}
		fmt.Fprintln(&b, line)
	}
	c := card.Counts
	fmt.Fprintf(&b, "Overall score: %d/100 (%d%% of it rests on evidence)\n", card.Overall, card.Confidence)
	fmt.Fprintf(&b, "Checks: %d passed, %d failed, %d unknown, %d accepted, %d not applicable\n",
		c.Pass, c.Fail, c.Unknown, c.Accepted, c.NA)
	if stale := staleNotice(a); stale != "" {
		fmt.Fprintf(&b, "Warning: %s\n", safetext.Line(stale))
	}
	b.WriteString("\n")

	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "AREA\tSCORE\tPASS\tFAIL\tUNKNOWN")
	for _, d := range card.Domains {
		score := fmt.Sprintf("%d", d.Score)
		if !d.Applicable {
			score = "n/a"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\n", d.Title, score, d.Counts.Pass, d.Counts.Fail, d.Counts.Unknown)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	open := openActions(a.Plan)
	switch {
	case card.NothingKnown():
		fmt.Fprintln(&b, "\n"+nothingKnownYet)
	case len(open) == 0:
		fmt.Fprintln(&b, "\n"+nothingToFix(card))
	default:
		shown := open
		if topActions > 0 && len(shown) > topActions {
			shown = shown[:topActions]
		}
		fmt.Fprintf(&b, "\nDo these first (%d of %s):\n", len(shown), count(len(open), "action", "actions"))
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "#\tSEVERITY\tEFFORT\tDUE\tCHECK\tACTION")
		for _, p := range shown {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", p.Rank, p.Severity, p.Effort, p.Due.Format("2 Jan 2006"), p.CheckID, safetext.Line(p.Action))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func openActions(plan []checklist.Action) []checklist.Action {
	var open []checklist.Action
	for _, p := range plan {
		if !p.Done {
			open = append(open, p)
		}
	}
	return open
}

// WriteChanges prints what changed since the site's previous audit.
func WriteChanges(w io.Writer, c checklist.Comparison) error {
	var b strings.Builder
	fmt.Fprintf(&b, "\nSince the last audit: score %d → %d; %d fixed, %d new, %d regressed, %d still open, %d not checked this time.\n",
		c.ScoreBefore, c.ScoreAfter, len(c.Fixed), len(c.New), len(c.Regressed), len(c.StillOpen), len(c.NotChecked))
	if c.JudgedDifferently != "" {
		fmt.Fprintf(&b, "Note: %s\n", safetext.Line(c.JudgedDifferently))
	}
	for _, group := range []struct {
		label   string
		changes []checklist.Change
	}{{"Fixed", c.Fixed}, {"New", c.New}, {"Regressed", c.Regressed}, {"Unchecked", c.NotChecked}} {
		for _, ch := range group.changes {
			fmt.Fprintf(&b, "  %-9s  %-6s  %s\n", group.label, ch.CheckID, safetext.Line(ch.Title))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
