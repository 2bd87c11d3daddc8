package checklist

import (
	"fmt"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/reconcile"
)

// Facts is what an evaluator may look at.
type Facts struct {
	Inventory *inventory.Inventory
	Now       time.Time
	// Decisions are a person's rulings on uncertain staff-list matches.
	Decisions reconcile.Decisions
	// Hours are the site's business hours ("Mon-Fri 08:00-18:00"); empty means
	// the default.
	Hours string
	// judged says what judges this evaluation; its stale notice is added to
	// the firmware findings.
	judged JudgedBy

	// Worked out once per evaluation and shared by the checks that need them.
	leaverReport *reconcile.Report
	deviceCache  []deviceFacts
	// extensionIndex finds an extension by number.
	extensionIndex map[string]int
}

// Outcome is an evaluator's verdict. StatusUnknown means the inventory cannot
// tell; the check's question (if any) is used instead.
type Outcome struct {
	Status   Status
	Evidence string
	Affected []Item
}

type evaluator func(f *Facts) Outcome

// automated is a check the inventory can decide: the facts it rests on and the
// logic that judges them.
type automated struct {
	needs []fact
	judge evaluator
}

// evaluatorSet holds the automated checks, keyed by check ID. It is built once
// per catalogue, not kept in a package variable, so nothing outside a
// catalogue can add to or change what it judges.
type evaluatorSet map[string]automated

// builtinEvaluators builds the automated checks. Each domain's file adds its
// own, next to the logic it describes.
func builtinEvaluators() evaluatorSet {
	e := evaluatorSet{}
	e.addEndpoints()
	e.addExposure()
	e.addFirmware()
	e.addFirmwareOutdated()
	e.addLeavers()
	e.addMFA()
	e.addMonitoring()
	e.addNetwork()
	e.addPINs()
	e.addTollFraud()
	return e
}

// register adds an automated check. needs are the facts it rests on: without
// them the engine, not the evaluator, says the check is unknown, so an
// evaluator cannot pass on evidence that was never there. A check with no
// declared facts is refused outright.
func (e evaluatorSet) register(id string, needs []fact, fn evaluator) {
	if _, dup := e[id]; dup {
		panic("checklist: two evaluators for " + id)
	}
	if len(needs) == 0 {
		panic("checklist: evaluator " + id + " declares no facts it rests on")
	}
	for _, n := range needs {
		if n.facet == "" || (n.judgeable != nil && n.none == "") {
			panic("checklist: evaluator " + id + " declares a fact without a facet or without saying what is missing")
		}
	}
	e[id] = automated{needs: needs, judge: fn}
}

func unknown(format string, args ...any) Outcome {
	return Outcome{Status: StatusUnknown, Evidence: fmt.Sprintf(format, args...)}
}

func pass(format string, args ...any) Outcome {
	return Outcome{Status: StatusPass, Evidence: fmt.Sprintf(format, args...)}
}

func fail(items []Item, format string, args ...any) Outcome {
	return Outcome{Status: StatusFail, Evidence: fmt.Sprintf(format, args...), Affected: items}
}

// Evaluate judges every check of the catalogue. For each check the inventory is
// consulted first; the person's answer counts only where the inventory cannot
// tell, so an answer can never hide a failure the PBX itself reports. Accepted
// risks then turn failures into "accepted" until their expiry date.
func Evaluate(cat *Catalogue, inv *inventory.Inventory, answers Answers, accepted map[string]Acceptance, now time.Time) []Result {
	return evaluate(cat, &Facts{Inventory: inv, Now: now, judged: cat.Judge(now)}, answers, accepted)
}

func evaluate(cat *Catalogue, facts *Facts, answers Answers, accepted map[string]Acceptance) []Result {
	now := facts.Now
	results := make([]Result, 0, len(cat.Checks))
	for _, ch := range cat.Checks {
		results = append(results, evaluateOne(cat.evaluators, ch, facts, answers, accepted, now))
	}
	return results
}

func evaluateOne(evaluators evaluatorSet, ch Check, facts *Facts, answers Answers, accepted map[string]Acceptance, now time.Time) Result {
	r := Result{
		CheckID: ch.ID, Domain: ch.Domain, Title: ch.Title,
		Severity: ch.Severity, Effort: ch.Effort,
		Status: StatusUnknown, Basis: FromNothing,
	}
	if a, ok := evaluators[ch.ID]; ok {
		o := a.run(facts)
		r.Status, r.Evidence, r.Affected = o.Status, o.Evidence, o.Affected
		if o.Status != StatusUnknown {
			r.Basis = FromInventory
		}
	}
	if r.Status == StatusUnknown && ch.Question != nil {
		if a, ok := answers[ch.ID]; ok {
			if opt, ok := ch.Question.Option(a.Value); ok {
				r.Status, r.Basis = opt.Status, FromAnswer
				r.Evidence = joinNonEmpty(" ", r.Evidence, "You answered: "+opt.Label+".")
				if opt.Status == StatusNA {
					r.NAReason = a.Reason
				}
			}
		}
	}
	if r.Status == StatusUnknown && r.Evidence == "" {
		if ch.Question != nil {
			r.Evidence = "Not answered yet."
		} else {
			r.Evidence = "The phone system did not provide the details needed."
		}
	}
	if ch.Domain == DomainFirmware {
		// Every firmware finding rests on the advisory table, whatever its
		// status: a pass from stale advisories is the one most misleading.
		r.Evidence = joinNonEmpty(" ", r.Evidence, facts.judged.StaleNotice())
	}
	if acc, ok := accepted[ch.ID]; ok && r.Status == StatusFail {
		acc := acc
		r.Acceptance = &acc
		if acc.Expired(now) {
			r.Evidence = joinNonEmpty(" ", r.Evidence, fmt.Sprintf("The accepted risk expired on %s.", acc.Expires.Format("2 January 2006")))
		} else {
			r.Status = StatusAccepted
		}
	}
	return r
}
