package checklist

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// NewAudit starts an audit of a site from a freshly fetched inventory.
func NewAudit(cat *Catalogue, site string, inv inventory.Inventory, answers Answers, now time.Time) *Audit {
	a := &Audit{Schema: AuditSchema, Site: site, Started: now, Inventory: inv, Answers: answers}
	if a.Answers == nil {
		a.Answers = make(Answers)
	}
	a.record(now, "Audit started from %s", firstNonEmpty(inv.Source.Connector, "answers only"))
	a.Recompute(cat, now)
	return a
}

// Recompute re-evaluates every check and rebuilds the plan. Callers run it after
// any change so that results never go stale against answers or acceptances.
func (a *Audit) Recompute(cat *Catalogue, now time.Time) {
	judged := cat.Judge(now)
	a.JudgedBy = &judged
	a.Results = evaluate(cat, &Facts{Inventory: &a.Inventory, Now: now, Decisions: a.LeaverDecisions, Hours: a.Hours, judged: judged}, a.Answers, a.Accepted)
	a.Plan = Plan(cat, a.Results, a.Tracking, now)
	a.Updated = now
}

// SetAnswer records an answer after checking it against the catalogue.
func (a *Audit) SetAnswer(cat *Catalogue, id string, ans Answer, now time.Time) error {
	if err := ValidateAnswer(cat, id, ans); err != nil {
		return fmt.Errorf("%s: %w", id, err)
	}
	if a.Answers == nil {
		a.Answers = make(Answers)
	}
	ans.At = now
	a.Answers[id] = ans
	a.record(now, "Answered %s", id)
	a.Recompute(cat, now)
	return nil
}

// AcceptRisk records a decision to live with a failed check until a date.
func (a *Audit) AcceptRisk(cat *Catalogue, id string, acc Acceptance, now time.Time) error {
	if _, ok := cat.Check(id); !ok {
		return fmt.Errorf("%s: no such check", id)
	}
	var missing []string
	if strings.TrimSpace(acc.Reason) == "" {
		missing = append(missing, "a reason")
	}
	if strings.TrimSpace(acc.Owner) == "" {
		missing = append(missing, "an owner")
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s: accepting a risk needs %s", id, strings.Join(missing, " and "))
	}
	if !acc.Expires.After(now) {
		return errors.New(id + ": the expiry date must be in the future")
	}
	if a.Accepted == nil {
		a.Accepted = make(map[string]Acceptance)
	}
	a.Accepted[id] = acc
	a.record(now, "Accepted the risk of %s until %s (owner: %s)", id, acc.Expires.Format("2 Jan 2006"), acc.Owner)
	a.Recompute(cat, now)
	return nil
}

// Track sets the owner, due date or done mark of an action.
func (a *Audit) Track(cat *Catalogue, id string, t Tracking, now time.Time) {
	if a.Tracking == nil {
		a.Tracking = make(map[string]Tracking)
	}
	a.Tracking[id] = t
	a.record(now, "Updated action %s", id)
	a.Recompute(cat, now)
}

// Failing returns the failed results at or above a severity.
func (a *Audit) Failing(atLeast Severity) []Result {
	var out []Result
	for _, r := range a.Results {
		if r.Status == StatusFail && r.Severity.Rank() >= atLeast.Rank() {
			out = append(out, r)
		}
	}
	return out
}

// maxHistory keeps the audit trail useful without letting a long session grow
// the save file without bound.
const maxHistory = 500

func (a *Audit) record(at time.Time, format string, args ...any) {
	a.History = append(a.History, Event{At: at, What: fmt.Sprintf(format, args...)})
	if n := len(a.History); n > maxHistory {
		a.History = append(a.History[:0:0], a.History[n-maxHistory:]...)
	}
}

// ContinueAudit starts a new audit of a site that keeps what the last one
// decided: answers still valid for the catalogue, accepted risks, action
// tracking, match decisions and, since they come from HR and the network
// rather than the phone system, the staff list and the last probe unless the
// new inventory has its own. The site's business
// hours apply. previous may be nil for a first audit.
func ContinueAudit(cat *Catalogue, site Site, inv inventory.Inventory, previous *Audit, now time.Time) *Audit {
	answers := make(Answers)
	if previous != nil {
		for id, ans := range previous.Answers {
			if ValidateAnswer(cat, id, ans) == nil {
				answers[id] = ans
			}
		}
		if previous.Inventory.Has(inventory.FacetStaff) && !inv.Has(inventory.FacetStaff) {
			inv = WithStaff(inv, previous.Inventory.Staff)
		}
		if x := previous.Inventory.Exposure; x != nil && previous.Inventory.Has(inventory.FacetExposure) && inv.Exposure == nil {
			// A probe looks at the network, not the phone system's records,
			// so reading the phone system again does not replace it.
			inv = withExposure(inv, *x)
		}
	}
	a := NewAudit(cat, site.Name, inv, answers, now)
	a.Hours = site.Hours
	if previous != nil {
		a.Accepted = maps.Clone(previous.Accepted)
		a.Tracking = maps.Clone(previous.Tracking)
		a.LeaverDecisions = maps.Clone(previous.LeaverDecisions)
	}
	a.Recompute(cat, now)
	return a
}
