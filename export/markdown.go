package export

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext"
)

func errorNoAudit(format string) error {
	return errors.New("no audit to write as " + format)
}

// WriteMarkdown writes the summary and the full action plan as Markdown, to paste
// into a ticket or an e-mail: the score, a table of areas, the first actions and
// the whole plan. Text from the audit is escaped so that a name or a reason can
// never break a table or turn into formatting or a link.
func WriteMarkdown(w io.Writer, a *checklist.Audit, opts Options) error {
	if a == nil {
		return errorNoAudit("Markdown")
	}
	opts, err := opts.withDefaults()
	if err != nil {
		return err
	}
	card := checklist.Score(a.Results)
	var b strings.Builder
	fmt.Fprintf(&b, "# Phone system security audit: %s\n\n", mdText(a.Site))
	meta := []string{longDate(opts.Generated)}
	if a.Auditor != "" {
		meta = append(meta, "audited by "+mdText(a.Auditor))
	}
	if pbx := pbxLabel(a.Inventory.PBX); pbx != "" {
		meta = append(meta, "phone system: "+mdText(pbx))
	}
	b.WriteString(strings.Join(meta, " · ") + "\n\n")
	b.WriteString(mdText(judgedLine(a)) + "\n\n")
	if x := a.Inventory.Exposure; x != nil {
		b.WriteString(mdText(probeLine(x)) + "\n\n")
	}
	if stale := staleNotice(a); stale != "" {
		b.WriteString("**" + mdText(stale) + "**\n\n")
	}
	fmt.Fprintf(&b, "**Score: %d out of 100.** %s\n\n", card.Overall, verdict(card))
	if note := confidenceNote(card); note != "" {
		b.WriteString(note + "\n\n")
	}
	c := card.Counts
	fmt.Fprintf(&b, "Checks: %d passed, %d failed, %d unknown, %d accepted, %d not applicable.\n\n",
		c.Pass, c.Fail, c.Unknown, c.Accepted, c.NA)

	b.WriteString("## Scores by area\n\n")
	b.WriteString("| Area | Score | Passed | Failed | Unknown | Accepted |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|\n")
	for _, ds := range card.Domains {
		score := "n/a"
		if ds.Applicable {
			score = fmt.Sprintf("%d", ds.Score)
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %d |\n", mdCell(ds.Title), score,
			ds.Counts.Pass, ds.Counts.Fail, ds.Counts.Unknown, ds.Counts.Accepted)
	}

	open := openActions(a.Plan)
	b.WriteString("\n## Do these first\n\n")
	switch {
	case card.NothingKnown():
		b.WriteString(mdText(nothingKnownYet) + "\n")
	case len(open) == 0:
		b.WriteString(nothingToFix(card) + "\n")
	}
	for i, act := range open[:min(thisWeek, len(open))] {
		fmt.Fprintf(&b, "%d. **%s** (%s, %s, do by %s). %s\n", i+1, mdText(act.Action),
			strings.ToLower(severityWord(act.Severity)), effortPhrase(act.Effort), shortDate(act.Due), mdText(act.Why))
	}

	if len(a.Plan) > 0 {
		b.WriteString("\n## Action plan\n\n")
		b.WriteString("| # | Check | Action | Why | Severity | Effort | Due | Owner | Done |\n")
		b.WriteString("|---:|---|---|---|---|---|---|---|---|\n")
		for _, act := range a.Plan {
			done := ""
			if act.Done {
				done = "yes"
			}
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s | %s | %s |\n", act.Rank, mdCell(act.CheckID),
				mdCell(act.Action), mdCell(act.Why), severityWord(act.Severity), effortWord(act.Effort),
				shortDate(act.Due), mdCell(act.Owner), done)
		}
	}

	if opts.Previous != nil {
		cmp := checklist.CompareAudits(opts.Previous, a)
		fmt.Fprintf(&b, "\n## Since the last audit\n\nScore %d → %d. Fixed: %d. New: %d. Worse than before: %d. Still open: %d. Not checked this time: %d.\n",
			cmp.ScoreBefore, cmp.ScoreAfter, len(cmp.Fixed), len(cmp.New), len(cmp.Regressed), len(cmp.StillOpen), len(cmp.NotChecked))
		if cmp.JudgedDifferently != "" {
			b.WriteString("\n**" + mdText(cmp.JudgedDifferently) + "**\n\n")
		}
		for _, group := range []struct {
			title   string
			changes []checklist.Change
		}{{"Fixed", cmp.Fixed}, {"New", cmp.New}, {"Worse than before", cmp.Regressed}, {"Not checked this time", cmp.NotChecked}} {
			for _, ch := range group.changes {
				fmt.Fprintf(&b, "- %s: %s %s\n", group.title, mdText(ch.CheckID), mdText(ch.Title))
			}
		}
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// mdText escapes text for running Markdown. Text from outside first passes the
// sanitiser, so no escape or hidden character reaches the document (line breaks
// and tabs become spaces, so text cannot start a line of its own). The
// characters that make emphasis, code, links, HTML, tables or strike-through
// get a backslash wherever they are (CommonMark allows one before any ASCII
// punctuation); those that only count at the start of a line (headings, lists,
// quotes) get one there. Hyphens and full stops inside text stay as they are,
// so the Markdown still reads well as plain text. Web and e-mail addresses are
// broken the way security reports do ("https[:]//", "www[.]", "[@]"), because
// viewers turn bare addresses into links and a name is no place for one.
func mdText(s string) string {
	s = safetext.Line(layoutToSpace.Replace(s))
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch {
		case r == ':' && strings.HasPrefix(s[i:], "://"):
			b.WriteString(`\[:\]`)
			continue
		case r == '@':
			b.WriteString(`\[@\]`)
			continue
		case (r == '.') && i >= 3 && strings.EqualFold(s[i-3:i], "www"):
			b.WriteString(`\[.\]`)
			continue
		}
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&':
			b.WriteByte('\\')
		case '#', '-', '+', '=', '!':
			if i == 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

var layoutToSpace = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

// mdCell escapes text for a table cell; mdText already escapes the pipe that
// would otherwise end the cell.
func mdCell(s string) string { return mdText(strings.TrimSpace(s)) }
