package export

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
)

// IncidentReportSchema is the version of the incident report's JSON. Raise it
// when a field is renamed or changes meaning; adding a field does not.
const IncidentReportSchema = 1

// IncidentReport is what the incident report says, built once for both the
// PDF and the JSON so that the two cannot disagree.
type IncidentReport struct {
	Report    string               `json:"report"` // always "ringfence-incident"
	Schema    int                  `json:"schema"`
	Generated time.Time            `json:"generated"`
	Site      string               `json:"site"`
	FraudDesk string               `json:"fraud_desk,omitempty"`
	Incident  IncidentSummary      `json:"incident"`
	Timeline  []TimelineEvent      `json:"timeline"`
	Actions   []ActionRecord       `json:"actions"`
	Calls     *breach.CallFindings `json:"calls"`
	Cost      CostEstimate         `json:"estimated_cost"`
	Decisions []DecisionRecord     `json:"decisions"`
	RootCause []RootCauseAnswer    `json:"root_cause"`
	FollowUp  []FollowUp           `json:"follow_up"`
}

// IncidentSummary is the incident's identity and state.
type IncidentSummary struct {
	ID     string    `json:"id"`
	Opened time.Time `json:"opened"`
	Closed time.Time `json:"closed,omitzero"`
	Status string    `json:"status"` // "open" or "closed"
	Signs  []string  `json:"signs,omitempty"`
	// ICODeadline is 72 hours after the incident was opened.
	ICODeadline time.Time `json:"ico_deadline"`
	// Progress counts the actions with an outcome recorded, of all of them.
	Recorded int `json:"actions_recorded"`
	Total    int `json:"actions_total"`
}

// TimelineEvent is one dated line of what happened.
type TimelineEvent struct {
	At   time.Time `json:"at"`
	Kind string    `json:"kind"` // opened, action, note, decision, root-cause, calls, closed
	Text string    `json:"text"`
	By   string    `json:"by,omitempty"`
}

// ActionRecord is one action of the playbook and its latest outcome.
type ActionRecord struct {
	Step      string         `json:"step"`
	StepTitle string         `json:"step_title"`
	Action    string         `json:"action"`
	Text      string         `json:"text"`
	Who       string         `json:"who"`
	Outcome   breach.Outcome `json:"outcome,omitempty"` // empty when not recorded
	Note      string         `json:"note,omitempty"`
	By        string         `json:"by,omitempty"`
	At        time.Time      `json:"at,omitzero"`
}

// CostEstimate is the cost of the suspicious calls, in pounds.
type CostEstimate struct {
	Pounds float64 `json:"pounds"`
	Known  bool    `json:"known"`
	Basis  string  `json:"basis"`
}

// DecisionRecord is the latest decision about one body, or none yet.
type DecisionRecord struct {
	Body    breach.Body `json:"body"`
	Name    string      `json:"name"`
	Decided bool        `json:"decided"`
	Report  bool        `json:"report"`
	Reason  string      `json:"reason,omitempty"`
	At      time.Time   `json:"at,omitzero"`
}

// RootCauseAnswer is one root-cause question and its answer, if given.
type RootCauseAnswer struct {
	ID       string    `json:"id"`
	Question string    `json:"question"`
	Answer   string    `json:"answer,omitempty"`
	At       time.Time `json:"at,omitzero"`
}

// FollowUp is something still to do.
type FollowUp struct {
	Step   string `json:"step,omitempty"`
	Action string `json:"action,omitempty"`
	Text   string `json:"text"`
	Who    string `json:"who"`
	Why    string `json:"why"`
}

// NewIncidentReport builds the report of an incident as it stands.
func NewIncidentReport(site checklist.Site, inc *breach.Incident, generated time.Time) IncidentReport {
	steps := breach.StepsFor(site)
	r := IncidentReport{
		Report: "ringfence-incident", Schema: IncidentReportSchema, Generated: generated,
		Site: inc.Site, FraudDesk: site.FraudDesk.String(),
		Incident: IncidentSummary{ID: inc.ID, Opened: inc.Opened, Closed: inc.Closed, Status: "open",
			Signs: inc.Signs, ICODeadline: inc.ICODeadline()},
		Calls:    inc.Calls,
		Timeline: []TimelineEvent{{At: inc.Opened, Kind: "opened", Text: "Incident opened in Ringfence."}},
	}
	r.Incident.Recorded, r.Incident.Total = inc.Progress(steps)
	if !inc.Open() {
		r.Incident.Status = "closed"
	}
	title := map[string]string{}
	text := map[[2]string]string{}
	for _, s := range steps {
		title[s.ID] = s.Title
		for _, a := range s.Actions {
			text[[2]string{s.ID, a.ID}] = a.Text
			rec := ActionRecord{Step: s.ID, StepTitle: s.Title, Action: a.ID, Text: a.Text, Who: a.Who}
			if e, ok := inc.Latest(s.ID, a.ID); ok {
				rec.Outcome, rec.Note, rec.By, rec.At = e.Outcome, e.Note, e.By, e.At
			}
			r.Actions = append(r.Actions, rec)
			switch rec.Outcome {
			case "":
				r.FollowUp = append(r.FollowUp, FollowUp{Step: s.ID, Action: a.ID, Text: a.Text, Who: a.Who, Why: "not recorded yet"})
			case breach.Couldnt:
				r.FollowUp = append(r.FollowUp, FollowUp{Step: s.ID, Action: a.ID, Text: a.Text, Who: a.Who, Why: "could not be done: " + nonEmpty(rec.Note, "no reason given")})
			}
		}
	}
	for _, e := range inc.Entries {
		what, ok := text[[2]string{e.Step, e.Action}]
		if !ok {
			what = title[e.Step] + ": " + e.Action // an action since renamed
		}
		line := outcomeWords(e.Outcome) + ": " + what
		if e.Note != "" {
			line = strings.TrimSuffix(line, ".") + ". Note: " + e.Note
		}
		r.Timeline = append(r.Timeline, TimelineEvent{At: e.At, Kind: "action", Text: line, By: e.By})
	}
	for _, l := range inc.Log {
		r.Timeline = append(r.Timeline, TimelineEvent{At: l.At, Kind: "note", Text: l.Text})
	}
	for _, d := range inc.Decisions {
		r.Timeline = append(r.Timeline, TimelineEvent{At: d.At, Kind: "decision", Text: decisionLine(d)})
	}
	for _, b := range breach.Bodies() {
		rec := DecisionRecord{Body: b.Body, Name: b.Name}
		if d, ok := inc.Decision(b.Body); ok {
			rec.Decided, rec.Report, rec.Reason, rec.At = true, d.Report, d.Reason, d.At
		} else {
			r.FollowUp = append(r.FollowUp, FollowUp{Step: "report", Text: "Decide whether to report to " + inSentence(b.Name) + ". " + b.When, Who: "you", Why: "no decision recorded"})
		}
		r.Decisions = append(r.Decisions, rec)
	}
	// Last, so the list ends by handing over to the audit.
	r.FollowUp = append(r.FollowUp, FollowUp{Text: "Run a full Ringfence audit of " + inc.Site + " and fix what it puts first, so the weakness is closed and not just the passwords changed.", Who: "you", Why: "hand-over to the audit"})
	for _, q := range breach.RootCauseQuestions() {
		ans := RootCauseAnswer{ID: q.ID, Question: q.Text, Answer: inc.RootCause[q.ID], At: inc.RootCauseAt[q.ID]}
		r.RootCause = append(r.RootCause, ans)
		if ans.Answer != "" {
			r.Timeline = append(r.Timeline, TimelineEvent{At: ans.At, Kind: "root-cause", Text: firstSentence(q.Text) + " " + ans.Answer})
		}
	}
	r.Cost = CostEstimate{Basis: "No call records were reviewed. Ask your provider for the charges."}
	if c := inc.Calls; c != nil {
		src := "the phone system's own call history"
		if c.File != "" {
			src = c.File
		}
		found := plural(c.Calls, "call", "calls") + " suspicious"
		if c.Calls == 0 && c.Findings > 0 {
			found = plural(c.Findings, "pattern", "patterns") + " worth a look"
		}
		r.Timeline = append(r.Timeline, TimelineEvent{At: c.At, Kind: "calls",
			Text: fmt.Sprintf("Call records reviewed (%s): %s, %s.", src, plural(c.Read, "call read", "calls read"), found)})
		r.Cost = CostEstimate{Pounds: c.Cost, Known: c.CostKnown,
			Basis: "Estimated from the prices in the call records, or the rates given; your provider's bill is the final word."}
		if !c.CostKnown {
			r.Cost.Basis = "The call records carry no prices, so the cost is not known. Ask your provider for the charges."
		}
	}
	if !inc.Open() {
		r.Timeline = append(r.Timeline, TimelineEvent{At: inc.Closed, Kind: "closed", Text: "Incident closed."})
	}
	slices.SortStableFunc(r.Timeline, func(a, b TimelineEvent) int { return a.At.Compare(b.At) })
	return r
}

func decisionLine(d breach.Decision) string {
	name := string(d.Body)
	if info, ok := breach.BodyNamed(d.Body); ok {
		name = info.Name
	}
	verb := "Decided to report to "
	if !d.Report {
		verb = "Decided not to report to "
	}
	return verb + inSentence(name) + ". Why: " + d.Reason
}

func outcomeWords(o breach.Outcome) string {
	switch o {
	case breach.Done:
		return "Done"
	case breach.NotNeeded:
		return "Not needed"
	case breach.Couldnt:
		return "Could not do it"
	}
	return string(o)
}

// inSentence writes a body's name as it reads mid-sentence: "your bank",
// "the ICO", but "Report Fraud".
func inSentence(name string) string {
	for _, lead := range []string{"Your ", "The "} {
		if rest, ok := strings.CutPrefix(name, lead); ok {
			return strings.ToLower(lead) + rest
		}
	}
	return name
}

// firstSentence is a question without its examples.
func firstSentence(s string) string {
	if i := strings.IndexAny(s, "?."); i >= 0 {
		return s[:i+1]
	}
	return s
}

func nonEmpty(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}
