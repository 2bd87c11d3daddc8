package checklist

import (
	"cmp"
	"slices"
	"time"
)

// DueWithin is how long each severity may wait. High follows the 14 days Cyber
// Essentials allows for applying high and critical security updates; critical
// issues are the ones an attacker may be using today.
func DueWithin(s Severity) time.Duration {
	const day = 24 * time.Hour
	switch s {
	case Critical:
		return 1 * day
	case High:
		return 14 * day
	case Medium:
		return 30 * day
	}
	return 90 * day
}

// Plan orders the failed checks so that the most dangerous, quickest fixes come
// first: by severity, then effort, then how many items each touches, then ID so the
// order is stable. Owner, due date and done marks come from tracking.
func Plan(cat *Catalogue, results []Result, tracking map[string]Tracking, now time.Time) []Action {
	var failed []Result
	for _, r := range results {
		if r.Status == StatusFail {
			failed = append(failed, r)
		}
	}
	slices.SortStableFunc(failed, func(a, b Result) int {
		return cmp.Or(
			cmp.Compare(b.Severity.Rank(), a.Severity.Rank()),
			cmp.Compare(a.Effort.Rank(), b.Effort.Rank()),
			cmp.Compare(len(b.Affected), len(a.Affected)),
			cmp.Compare(a.CheckID, b.CheckID),
		)
	})
	plan := make([]Action, 0, len(failed))
	for i, r := range failed {
		ch, _ := cat.Check(r.CheckID)
		a := Action{
			Rank: i + 1, CheckID: r.CheckID, Domain: r.Domain,
			Action: firstNonEmpty(ch.Action, r.Title), Why: firstSentence(ch.Why),
			Severity: r.Severity, Effort: r.Effort,
			Due:      startOfDay(now).Add(DueWithin(r.Severity)),
			Affected: len(r.Affected),
		}
		if t, ok := tracking[r.CheckID]; ok {
			a.Owner = t.Owner
			if !t.Due.IsZero() {
				a.Due = t.Due
			}
			a.Done = !t.Done.IsZero()
		}
		plan = append(plan, a)
	}
	return plan
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// firstSentence keeps a plan row to one line; the full reason is in the finding.
func firstSentence(s string) string {
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' {
			return s[:i+1]
		}
	}
	return s
}
