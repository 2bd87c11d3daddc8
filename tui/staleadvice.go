package tui

import (
	"fmt"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

// staleAdvice is the notice under the header when the firmware advisories are
// out of date: for the open audit, as it was judged; with none open, as they
// are now. Empty when they are fresh.
func (a *app) staleAdvice() string {
	var j checklist.JudgedBy
	var open *checklist.Audit
	if a.sh.sess != nil {
		open = a.sh.sess.audit
	}
	switch {
	case open != nil && open.JudgedBy != nil:
		j = *open.JudgedBy
	case open == nil && a.sh.opts.Catalogue != nil && a.sh.opts.Now != nil:
		j = a.sh.opts.Catalogue.Judge(a.sh.opts.Now())
	}
	if !j.AdviceStale {
		return ""
	}
	day := j.AdvisoriesCheckedUpTo
	if d, err := time.Parse(time.DateOnly, day); err == nil {
		day = d.Format("2 Jan 2006")
	}
	return fmt.Sprintf("Firmware advisories out of date: last checked %s, over %d days ago. Update Ringfence to judge firmware against newer ones.", day, j.AdviceMaxAgeDays)
}
