package callscan

import (
	"time"
	_ "time/tzdata" // so Europe/London resolves on Windows and in slim containers
)

// Config is what the analysis needs to know about one site.
type Config struct {
	// AllowedCountries holds the international dialling codes the business
	// really calls ("33", "353"). Nil means nobody has said, and only the
	// high-risk list applies; an empty, non-nil slice means no country at all.
	AllowedCountries []string
	// Hours is when the business is open; the zero value means the default.
	Hours BusinessHours
	// Leavers maps an extension number to its owner's leaving date. The
	// leaving day itself is a working day: calls count as after leaving from
	// the next day (see CallsAfterLeavingFrom).
	Leavers map[string]time.Time
	// Rates are call prices in pence per minute, keyed by number prefix in UK
	// national form ("00371", "09", "07"); the longest prefix wins. A cost
	// recorded in the call record itself is used first.
	Rates map[string]int
	// OutsideLine is the digit dialled for an outside line ("9"), removed
	// before numbers are judged. Empty when the PBX needs none.
	OutsideLine string
	// MaxConcurrentCalls is the limit set on the PBX, when known; 0 if none.
	MaxConcurrentCalls int
}

// BusinessHours is the working week of one site.
type BusinessHours struct {
	// Days marks the open days, indexed by time.Weekday (Sunday is 0).
	Days [7]bool
	// Open and Close are minutes after midnight, local time.
	Open, Close int
	// Location is the site's time zone.
	Location *time.Location
}

// DefaultHours is Monday to Friday, 08:00 to 18:00, UK time.
func DefaultHours() BusinessHours {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		loc = time.UTC
	}
	return BusinessHours{
		Days:     [7]bool{false, true, true, true, true, true, false},
		Open:     8 * 60,
		Close:    18 * 60,
		Location: loc,
	}
}

func (h BusinessHours) isZero() bool {
	return h.Days == [7]bool{} && h.Open == 0 && h.Close == 0
}

// Thresholds. They are deliberately conservative: an office that works late
// now and then, or has a busy Monday morning, should see nothing.
const (
	shortCall          = 10 * time.Second // a connected call this short is a test call or a pumped one
	shortCallsPerDay   = 10               // short calls to one number in one day
	burstMinimum       = 10               // calls in one hour before a burst is worth a look
	burstHistoryHours  = 10               // active hours needed before an extension has a baseline
	concurrentMinimum  = 8                // calls at once before it is worth a look
	nightMinCalls      = 3                // out-of-hours calls from one extension
	nightMinMinutes    = 15               // or out-of-hours minutes from one extension
	maxCallLength      = 8 * time.Hour    // longer calls are clipped in the concurrency sweep
	orderTolerance     = 4 * time.Hour    // how far rows may run out of step
	maxTrackedNumbers  = 200_000          // per-number state is pruned beyond this
	candidatesPerExt   = 8                // busiest hours kept per extension
	candidateMinutes   = 64               // busiest minutes kept for the concurrency check
	extensionsPerEvent = 6                // extensions named in one concurrency episode
)

// CallsAfterLeavingFrom is the moment a leaver's calls start to count as made
// after leaving: midnight at the start of the day after the leave date, UK
// time. People work on their last day, so a call that afternoon is not a sign
// of misuse. The leave date is taken as the calendar date it was written as.
func CallsAfterLeavingFrom(left time.Time) time.Time {
	return afterLeaving(left, DefaultHours().Location)
}

func afterLeaving(left time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = DefaultHours().Location
	}
	y, m, d := left.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}
