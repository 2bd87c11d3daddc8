package tui

// nothingKnownYet stands in for "nothing failed" when no check has been
// judged, so an empty plan is not read as a clean bill of health.
const nothingKnownYet = "Nothing is known yet: no question has been answered and nothing was read from the phone system. " +
	"Answer the questions: esc to the audit, then enter on an area."
