package export

import (
	"fmt"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// lowConfidence is the share of evidence (by weight) below which a score is
// called provisional: below it, too much of the picture is unknown to trust it.
const lowConfidence = 70

// verdict sums the overall score up in one plain line, for the cover page and the
// Markdown summary.
func verdict(card checklist.Scorecard) string {
	switch s := card.Overall; {
	case card.Confidence == 0:
		return "Not judged yet: nothing could be checked."
	case s >= 90:
		return "Well protected. Keep up the regular checks."
	case s >= 70:
		return "Mostly sound, with some gaps to close."
	case s >= 50:
		return "Real gaps that need attention soon."
	case s >= 25:
		return "Exposed: several weaknesses an attacker could use."
	default:
		return "At serious risk: act on the first items this week."
	}
}

// confidenceNote explains a low confidence, or returns "" when there is enough
// evidence for the score to stand on its own.
func confidenceNote(card checklist.Scorecard) string {
	switch {
	case card.Confidence == 0:
		return "Connect the phone system or answer the audit questions, then run the audit again."
	case card.Confidence < lowConfidence:
		return fmt.Sprintf("Confidence is low: only %d%% of the checks (by weight) could be judged, so treat this score as provisional.", card.Confidence)
	}
	return ""
}

func statusWord(s checklist.Status) string {
	switch s {
	case checklist.StatusPass:
		return "Pass"
	case checklist.StatusFail:
		return "Fail"
	case checklist.StatusUnknown:
		return "Unknown"
	case checklist.StatusNA:
		return "Not applicable"
	case checklist.StatusAccepted:
		return "Accepted"
	}
	return string(s)
}

func severityWord(s checklist.Severity) string { return capitalise(string(s)) }

func effortWord(e checklist.Effort) string { return capitalise(string(e)) }

// effortPhrase says how long a fix takes, for sentences.
func effortPhrase(e checklist.Effort) string {
	switch e {
	case checklist.Minutes:
		return "takes minutes"
	case checklist.Hours:
		return "takes a few hours"
	case checklist.Project:
		return "a project"
	}
	return string(e)
}

func basisWord(basis string) string {
	switch basis {
	case checklist.FromInventory:
		return "read from the phone system"
	case checklist.FromAnswer:
		return "from your answer"
	}
	return "no evidence"
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Dates are written out the British way and never as numbers alone, so that no
// reader confuses 3/4 with 4/3.
func longDate(t time.Time) string  { return t.Format("2 January 2006") }
func shortDate(t time.Time) string { return t.Format("2 Jan 2006") }

// nothingToFix is what the documents say when the plan is empty. An empty plan
// is good news only when the checks could be judged; if they could not, the
// first job is to find out.
func nothingToFix(card checklist.Scorecard) string {
	if n := card.Counts.Unknown; n > 0 {
		return fmt.Sprintf("Nothing has failed so far, but %s could not be judged. Start with the list of what could not be checked: each unknown may hide a problem.", count(n, "check", "checks"))
	}
	return "Nothing failed, so there is nothing to fix. Run the audit again every three months, and after any change to the phone system."
}

// count puts a number with the right form of its noun: "1 item", "2 items".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

// probeLine says when the phone system's address was probed and whose view
// that shows, which decides what the probe proves.
func probeLine(x *inventory.Exposure) string {
	return fmt.Sprintf("Ringfence also probed %s from the network on %s at %s, sending only SIP OPTIONS requests and connection attempts. %s",
		x.Host, longDate(x.At), x.At.Format("15:04"), checklist.ExposureSummary(x))
}
