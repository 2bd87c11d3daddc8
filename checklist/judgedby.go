package checklist

import (
	"fmt"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/buildinfo"
	"github.com/ringfence/ringfence/checklist/firmware"
)

// DefaultAdviceMaxAge is how old the firmware advisories may be before
// Ringfence says its firmware findings may be out of date: about four months,
// long enough for a quarterly audit on one release, short enough that a
// forgotten copy does not judge today's phones against last year's advisories.
const DefaultAdviceMaxAge = 120 * 24 * time.Hour

// JudgedBy records what judged an audit: the build, the check catalogue and
// the firmware advisories, as they were when the audit was last evaluated.
// Reports carry it so that two audits of one site can be compared honestly.
type JudgedBy struct {
	// Release is the Ringfence release ("v1.2.3"), or "source build <commit>"
	// or "development build" for a build that is not a release.
	Release string `json:"release"`
	// Commit is the full revision Ringfence was built from, when known.
	Commit string `json:"commit,omitempty"`
	// Catalogue is the check catalogue's version.
	Catalogue int `json:"catalogue_version"`
	// AdvisoriesCheckedUpTo is the day the firmware advisory table was last
	// checked against its sources (YYYY-MM-DD).
	AdvisoriesCheckedUpTo string `json:"advisories_checked_up_to"`
	// AdviceMaxAgeDays is the age past which the advisories count as stale.
	AdviceMaxAgeDays int `json:"advice_max_age_days"`
	// AdviceStale is true when, at the time of evaluation, the advisories were
	// older than AdviceMaxAgeDays.
	AdviceStale bool `json:"advice_stale"`
}

// AdviceStale reports whether advisories checked up to the day checked are
// stale at now: strictly more than maxAge old.
func AdviceStale(checked, now time.Time, maxAge time.Duration) bool {
	return now.Sub(checked) > maxAge
}

// WithAdviceMaxAge returns a copy of the catalogue that calls the firmware
// advisories stale once they are more than maxAge old; zero or less keeps
// the default.
func (c *Catalogue) WithAdviceMaxAge(maxAge time.Duration) *Catalogue {
	cp := *c
	cp.adviceMaxAge = maxAge
	return &cp
}

// AdviceMaxAge is the age past which the firmware advisories count as stale.
func (c *Catalogue) AdviceMaxAge() time.Duration {
	if c.adviceMaxAge <= 0 {
		return DefaultAdviceMaxAge
	}
	return c.adviceMaxAge
}

// Judge says what judges an audit evaluated with this catalogue at now.
func (c *Catalogue) Judge(now time.Time) JudgedBy {
	return c.judge(buildinfo.Read(), firmware.CheckedUpTo(), now)
}

func (c *Catalogue) judge(build buildinfo.Info, checked, now time.Time) JudgedBy {
	maxAge := c.AdviceMaxAge()
	return JudgedBy{
		Release: build.Release(), Commit: build.Commit, Catalogue: c.Version,
		AdvisoriesCheckedUpTo: checked.Format(time.DateOnly),
		AdviceMaxAgeDays:      days(maxAge),
		AdviceStale:           AdviceStale(checked, now, maxAge),
	}
}

// days rounds a duration up to whole days, so a limit of 36 hours is never
// shown as one day.
func days(d time.Duration) int {
	const day = 24 * time.Hour
	return int((d + day - 1) / day)
}

// StaleNotice is the plain warning shown wherever firmware is judged by stale
// advisories; empty when they are not stale.
func (j JudgedBy) StaleNotice() string {
	if !j.AdviceStale {
		return ""
	}
	return fmt.Sprintf("The firmware advisories in this copy of Ringfence were last checked on %s, more than %s before this audit, so newer flaws are missing from these findings. Update Ringfence and run the audit again.",
		longDay(j.AdvisoriesCheckedUpTo), plural(j.AdviceMaxAgeDays, "day", "days"))
}

// Summary is the one line that says what judged the audit.
func (j JudgedBy) Summary() string {
	build := "Ringfence " + j.Release
	if !isRelease(j.Release) {
		build = "Ringfence (" + j.Release + ")"
	}
	return fmt.Sprintf("Judged by %s, check catalogue version %d, firmware advisories checked up to %s.",
		build, j.Catalogue, longDay(j.AdvisoriesCheckedUpTo))
}

// isRelease tells a release ("v1.2.3") from the phrases that stand in for one.
func isRelease(s string) bool {
	return len(s) > 1 && s[0] == 'v' && s[1] >= '0' && s[1] <= '9'
}

// JudgedDifferently says, in plain words, how the rules behind two audits
// differ; empty when the same catalogue and advisories judged both, or when
// either audit does not say what judged it.
func JudgedDifferently(before, after *JudgedBy) string {
	if before == nil || after == nil {
		if before != after {
			return "One of these audits was made by a version of Ringfence that did not record its check catalogue, so some changes may come from different rules rather than from the phone system."
		}
		return ""
	}
	var diffs []string
	if before.Catalogue != after.Catalogue {
		diffs = append(diffs, fmt.Sprintf("check catalogue version %d then, %d now", before.Catalogue, after.Catalogue))
	}
	if before.AdvisoriesCheckedUpTo != after.AdvisoriesCheckedUpTo {
		diffs = append(diffs, fmt.Sprintf("firmware advisories checked up to %s then, %s now",
			longDay(before.AdvisoriesCheckedUpTo), longDay(after.AdvisoriesCheckedUpTo)))
	}
	if len(diffs) == 0 {
		return ""
	}
	return "These audits were judged by different rules (" + strings.Join(diffs, "; ") +
		"), so some changes may come from the rules rather than from the phone system."
}

// longDay writes a YYYY-MM-DD day as "3 December 2026"; anything else passes
// through as it is.
func longDay(day string) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return d.Format("2 January 2006")
}
