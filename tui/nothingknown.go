package tui

import (
	"fmt"

	"github.com/ringfence/ringfence/checklist"
)

// nothingKnownYet stands in for "nothing failed" when no check has been
// judged, so an empty plan is not read as a clean bill of health.
const nothingKnownYet = "Nothing is known yet: no question has been answered and nothing was read from the phone system. " +
	"Answer the questions: esc to the audit, then enter on an area."

// nothingFailed is what an empty plan says once something is known. While
// checks are still unknown it must not read as an all-clear: each may hide a
// problem.
func nothingFailed(card checklist.Scorecard, allClear string) string {
	if n := card.Counts.Unknown; n > 0 {
		return fmt.Sprintf("Nothing has failed so far, but %d %s could not be judged. Answer them: each may hide a problem.",
			n, plural(n, "check", "checks"))
	}
	return allClear
}
