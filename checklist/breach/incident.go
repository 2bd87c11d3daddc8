// Package breach is the guided response to a hacked phone system: the
// playbook of steps in order, and the incident record of what was done, when
// and by whom. It does no I/O; checklist/sitestore saves incidents and
// checklist/core changes them.
package breach

import (
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // so Europe/London resolves on Windows and in slim containers
)

// IncidentSchema is the version of an incident file. Raise it when a field
// changes meaning, so that an older Ringfence refuses the file rather than
// misread it.
const IncidentSchema = 1

// Outcome is what became of one action.
type Outcome string

const (
	Done      Outcome = "done"
	NotNeeded Outcome = "not-needed"
	Couldnt   Outcome = "couldnt"
)

// Outcomes lists every outcome, in the order people are offered them.
func Outcomes() []Outcome { return []Outcome{Done, NotNeeded, Couldnt} }

// Valid reports whether o is one of the outcomes.
func (o Outcome) Valid() bool { return o == Done || o == NotNeeded || o == Couldnt }

// Label is the outcome in plain words.
func (o Outcome) Label() string {
	switch o {
	case Done:
		return "done"
	case NotNeeded:
		return "not needed"
	case Couldnt:
		return "could not do it"
	}
	return string(o)
}

// Entry is one recorded outcome of one action. Entries are only ever added,
// so the record shows every change of mind with its time.
type Entry struct {
	At      time.Time `json:"at"`
	Step    string    `json:"step"`
	Action  string    `json:"action"`
	Outcome Outcome   `json:"outcome"`
	Note    string    `json:"note,omitempty"`
	By      string    `json:"by,omitempty"`
}

// LogLine is a free note in the incident's timeline.
type LogLine struct {
	At   time.Time `json:"at"`
	Text string    `json:"text"`
}

// CallFindings sum up what the call records say about the incident.
type CallFindings struct {
	// File is the file read, or "" for the phone system's own history.
	File string `json:"file,omitempty"`
	// Start and End are the first and last suspicious call.
	Start      time.Time `json:"start,omitzero"`
	End        time.Time `json:"end,omitzero"`
	Extensions []string  `json:"extensions,omitempty"`
	// Findings counts what the analysis found. A pattern (short test
	// calls, a burst, too many calls at once) is a finding though none of
	// its calls is counted in Calls.
	Findings int     `json:"findings"`
	Calls    int     `json:"calls"`
	Minutes  float64 `json:"minutes"`
	// Cost is estimated, in pounds; CostKnown is false when no price or rate
	// applied to any of the calls.
	Cost      float64 `json:"cost"`
	CostKnown bool    `json:"cost_known"`
	// Ongoing is true when a suspicious call falls in the last 24 hours of
	// the data.
	Ongoing bool `json:"ongoing"`
	// Read is how many calls were read, and At when.
	Read int       `json:"read"`
	At   time.Time `json:"at,omitzero"`
	// Summary holds plain lines to show, most serious first.
	Summary []string `json:"summary,omitempty"`
}

// Found reports whether the call records showed anything suspicious. An
// incident saved before Findings was kept has only Calls to go by.
func (f *CallFindings) Found() bool { return f.Findings > 0 || f.Calls > 0 }

// Body is someone an incident may be reported to.
type Body string

const (
	ReportFraud Body = "report-fraud" // Report Fraud (formerly Action Fraud)
	ICO         Body = "ico"          // within 72 hours if personal data may be exposed
	Bank        Body = "bank"
	Provider    Body = "provider"
)

// Decision is whether to report to a body, and why.
type Decision struct {
	Body   Body      `json:"body"`
	Report bool      `json:"report"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// Incident is one suspected breach of a site's phone system.
type Incident struct {
	Schema int `json:"schema"`
	// ID is stable and safe in a file name: the opening time in UTC.
	ID     string    `json:"id"`
	Site   string    `json:"site"`
	Opened time.Time `json:"opened"`
	// Closed is zero while the incident is open.
	Closed time.Time `json:"closed,omitzero"`
	// Signs are what the owner noticed.
	Signs []string `json:"signs,omitempty"`
	// Entries and Log are append-only, in time order.
	Entries []Entry       `json:"entries,omitempty"`
	Log     []LogLine     `json:"log,omitempty"`
	Calls   *CallFindings `json:"calls,omitempty"`
	// Decisions keep every decision made; the latest per body wins.
	Decisions []Decision `json:"decisions,omitempty"`
	// RootCause maps a root-cause question's ID to its answer.
	RootCause map[string]string `json:"root_cause,omitempty"`
	// RootCauseAt is when each answer was last given.
	RootCauseAt map[string]time.Time `json:"root_cause_at,omitempty"`
}

// IDLayout names an incident after its opening time in UTC, with dashes for
// colons, which Windows does not allow in file names.
const IDLayout = "2006-01-02T15-04-05Z"

// NewID is the ID of an incident opened at t.
func NewID(t time.Time) string { return t.UTC().Format(IDLayout) }

// ValidID reports whether id could have come from NewID, so that it is safe
// to use as a file name.
func ValidID(id string) bool {
	_, err := time.Parse(IDLayout, id)
	return err == nil && !strings.ContainsAny(id, `/\:.`)
}

// Open reports whether the incident is still being worked on.
func (i *Incident) Open() bool { return i.Closed.IsZero() }

// Latest is the latest entry recorded for an action.
func (i *Incident) Latest(step, action string) (Entry, bool) {
	for k := len(i.Entries) - 1; k >= 0; k-- {
		if e := i.Entries[k]; e.Step == step && e.Action == action {
			return e, true
		}
	}
	return Entry{}, false
}

// Current is the index of the first step with an action not yet recorded,
// or len(steps) when every action has an outcome.
func (i *Incident) Current(steps []Step) int {
	recorded := make(map[[2]string]bool, len(i.Entries))
	for _, e := range i.Entries {
		recorded[[2]string{e.Step, e.Action}] = true
	}
	for n, s := range steps {
		for _, a := range s.Actions {
			if !recorded[[2]string{s.ID, a.ID}] {
				return n
			}
		}
	}
	return len(steps)
}

// Progress counts the actions of steps that have an outcome recorded, and
// all of them.
func (i *Incident) Progress(steps []Step) (recorded, total int) {
	for _, s := range steps {
		for _, a := range s.Actions {
			total++
			if _, ok := i.Latest(s.ID, a.ID); ok {
				recorded++
			}
		}
	}
	return recorded, total
}

// Decision is the latest decision about reporting to body.
func (i *Incident) Decision(body Body) (Decision, bool) {
	for k := len(i.Decisions) - 1; k >= 0; k-- {
		if i.Decisions[k].Body == body {
			return i.Decisions[k], true
		}
	}
	return Decision{}, false
}

// ICODeadline is when the 72 hours for telling the ICO run out, counted from
// when the incident was opened: the time the business became aware of it.
func (i *Incident) ICODeadline() time.Time { return i.Opened.Add(72 * time.Hour) }

var london = sync.OnceValue(func() *time.Location {
	if loc, err := time.LoadLocation("Europe/London"); err == nil {
		return loc
	}
	return time.UTC
})

// UKTime is t as the business, its provider's fraud desk and the police read
// it, whatever zone the computer is set to: every front end and the report
// say incident times in UK time.
func UKTime(t time.Time) time.Time { return t.In(london()) }
