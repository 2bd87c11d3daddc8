package core

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/callscan"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// OpenIncident resumes the site's newest open incident, or starts one. The
// choice is made under the site's lock, so two front ends opening a breach at
// once share one incident.
func OpenIncident(store *sitestore.Store, site string, now time.Time) (inc *breach.Incident, resumed bool, err error) {
	name, err := incidentSiteName(store, site)
	if err != nil {
		return nil, false, err
	}
	inc, created, err := store.OpenIncident(name, func() *breach.Incident {
		return &breach.Incident{Site: name, Opened: now.UTC().Truncate(time.Second)}
	})
	return inc, !created, err
}

// NewIncident starts a new incident of the site, whatever others are open.
func NewIncident(store *sitestore.Store, site string, now time.Time) (*breach.Incident, error) {
	name, err := incidentSiteName(store, site)
	if err != nil {
		return nil, err
	}
	inc := &breach.Incident{Site: name, Opened: now.UTC().Truncate(time.Second)}
	if err := store.CreateIncident(name, inc); err != nil {
		return nil, err
	}
	return inc, nil
}

// incidentSiteName is the site's name as saved, which heads the report. A
// damaged site file must not stop a breach being recorded, so then the name
// as given will do.
func incidentSiteName(store *sitestore.Store, site string) (string, error) {
	s, err := store.Site(site)
	switch {
	case err == nil:
		return s.Name, nil
	case errors.Is(err, sitestore.ErrNoSite):
		return "", err
	}
	return strings.TrimSpace(site), nil
}

// IncidentChange is one thing recorded about an incident. Like Change, it is
// worked out and checked before it runs, and sets only what it records, so
// it can be applied to the copy on screen and to the copy on disk alike.
type IncidentChange func(*breach.Incident) error

// Longest texts kept, so a pasted file cannot swell the record.
const (
	maxNote = 2000
	maxBy   = 100
)

func tidyText(field, s string, most int) (string, error) {
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n > most {
		return "", fmt.Errorf("the %s is %d characters long; keep it under %d", field, n, most)
	}
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("the %s is not valid text; type it again", field)
	}
	return s, nil
}

func refuse(err error) IncidentChange { return func(*breach.Incident) error { return err } }

func ids(steps []breach.Step) string {
	var out []string
	for _, s := range steps {
		out = append(out, s.ID)
	}
	return strings.Join(out, ", ")
}

// RecordAction records what became of one action of a step. It refuses an
// unknown step, action or outcome, naming the ones there are.
func RecordAction(steps []breach.Step, step, action string, o breach.Outcome, note, by string, now time.Time) IncidentChange {
	s, ok := breach.FindStep(steps, step)
	if !ok {
		return refuse(fmt.Errorf("there is no step %q; the steps are %s", step, ids(steps)))
	}
	if _, ok := s.Action(action); !ok {
		var names []string
		for _, a := range s.Actions {
			names = append(names, a.ID)
		}
		return refuse(fmt.Errorf("step %q has no action %q; its actions are %s", step, action, strings.Join(names, ", ")))
	}
	if !o.Valid() {
		return refuse(fmt.Errorf("%q is not an outcome; say done, not-needed or couldnt", o))
	}
	note, err := tidyText("note", note, maxNote)
	if err != nil {
		return refuse(err)
	}
	by, err = tidyText("name of who did it", by, maxBy)
	if err != nil {
		return refuse(err)
	}
	e := breach.Entry{At: now, Step: step, Action: action, Outcome: o, Note: note, By: by}
	return func(inc *breach.Incident) error {
		if !inc.Open() {
			return closedError(inc)
		}
		inc.Entries = append(inc.Entries, e)
		return nil
	}
}

// ClosedError refuses a step recorded against a closed incident. It names no
// command or key: each front end says in its own terms how to add a note or
// start a new incident.
type ClosedError struct {
	ID     string
	Closed time.Time
}

func (e *ClosedError) Error() string {
	return fmt.Sprintf("incident %s was closed on %s, so nothing more can be recorded against its steps; you can still add a note, or start a new incident",
		e.ID, breach.UKTime(e.Closed).Format("2 Jan 2006 15:04"))
}

func closedError(inc *breach.Incident) error {
	return &ClosedError{ID: inc.ID, Closed: inc.Closed}
}

// LogLine adds a free note to the incident's timeline. Notes can be added
// after an incident is closed: a refund or a crime reference often comes later.
func LogLine(text string, now time.Time) IncidentChange {
	text, err := tidyText("note", text, maxNote)
	if err != nil {
		return refuse(err)
	}
	if text == "" {
		return refuse(errors.New("the note is empty; say what happened"))
	}
	return func(inc *breach.Incident) error {
		inc.Log = append(inc.Log, breach.LogLine{At: now, Text: text})
		return nil
	}
}

// AddSign records something the owner noticed that made them suspect a
// breach (calls on the bill nobody made, a changed greeting). The same sign
// twice is kept once.
func AddSign(text string) IncidentChange {
	text, err := tidyText("sign", text, maxNote)
	if err != nil {
		return refuse(err)
	}
	if text == "" {
		return refuse(errors.New("the sign is empty; say what you noticed"))
	}
	return func(inc *breach.Incident) error {
		if !slices.Contains(inc.Signs, text) {
			inc.Signs = append(inc.Signs, text)
		}
		return nil
	}
}

// DecideReport records whether to report to a body, and why. The reason is
// required: a decision not to report must be explained as much as one to.
func DecideReport(body breach.Body, report bool, reason string, now time.Time) IncidentChange {
	if _, ok := breach.BodyNamed(body); !ok {
		var names []string
		for _, b := range breach.Bodies() {
			names = append(names, string(b.Body))
		}
		return refuse(fmt.Errorf("%q is not someone Ringfence knows to report to; choose %s", body, strings.Join(names, ", ")))
	}
	reason, err := tidyText("reason", reason, maxNote)
	if err != nil {
		return refuse(err)
	}
	if reason == "" {
		return refuse(errors.New("give the reason for the decision: it is part of the record, whichever way you decide"))
	}
	d := breach.Decision{Body: body, Report: report, Reason: reason, At: now}
	return func(inc *breach.Incident) error {
		inc.Decisions = append(inc.Decisions, d)
		return nil
	}
}

// AnswerRootCause answers one of the root-cause questions.
func AnswerRootCause(id, answer string, now time.Time) IncidentChange {
	if !slices.ContainsFunc(breach.RootCauseQuestions(), func(q breach.Question) bool { return q.ID == id }) {
		var names []string
		for _, q := range breach.RootCauseQuestions() {
			names = append(names, q.ID)
		}
		return refuse(fmt.Errorf("there is no root-cause question %q; the questions are %s", id, strings.Join(names, ", ")))
	}
	answer, err := tidyText("answer", answer, maxNote)
	if err != nil {
		return refuse(err)
	}
	if answer == "" {
		return refuse(errors.New("the answer is empty; say what you know, or \"not known yet\""))
	}
	return func(inc *breach.Incident) error {
		if inc.RootCause == nil {
			inc.RootCause = map[string]string{}
		}
		if inc.RootCauseAt == nil {
			inc.RootCauseAt = map[string]time.Time{}
		}
		inc.RootCause[id], inc.RootCauseAt[id] = answer, now
		return nil
	}
}

// SetCallFindings records what the call records say, replacing an earlier
// review: the latest file read is the one that counts.
func SetCallFindings(f breach.CallFindings, now time.Time) IncidentChange {
	f.At = now
	f.Extensions = slices.Clone(f.Extensions)
	f.Summary = slices.Clone(f.Summary)
	return func(inc *breach.Incident) error {
		c := f
		inc.Calls = &c
		return nil
	}
}

// CloseIncident closes the incident. Closing twice is refused, so the
// first closing time stands.
func CloseIncident(now time.Time) IncidentChange {
	return func(inc *breach.Incident) error {
		if !inc.Open() {
			return fmt.Errorf("incident %s is already closed (on %s)", inc.ID, breach.UKTime(inc.Closed).Format("2 Jan 2006 15:04"))
		}
		inc.Closed = now
		return nil
	}
}

// ApplyIncident saves changes, in order, to one incident under the site's
// lock and returns it as saved. If any change is refused, none is saved.
func ApplyIncident(store *sitestore.Store, site, id string, changes ...IncidentChange) (*breach.Incident, error) {
	return store.UpdateIncident(site, id, func(inc *breach.Incident) error {
		for _, c := range changes {
			if err := c(inc); err != nil {
				return err
			}
		}
		return nil
	})
}

// callTally sums calls from one extension, each counted once.
type callTally struct {
	calls      int
	secs       int64
	pence      int64
	priced     bool
	first, end time.Time
}

func (t *callTally) add(c inventory.Call, pence int64) {
	t.calls++
	t.secs += int64(c.Duration / time.Second)
	if pence >= 0 {
		t.pence += pence
		t.priced = true
	}
}

// IncidentCalls runs the call-record analysis (as ReviewCalls does) on a
// scan, a file the user points at or the phone system's own history, and
// sums it up: when it started, which extensions, how many calls and
// minutes, what they cost, and whether it is still going on. A call in
// several findings (a leaver's night call abroad, say) is counted once.
func IncidentCalls(ctx context.Context, cfg callscan.Config, scan ScanFunc, now time.Time) (breach.CallFindings, error) {
	if err := ctx.Err(); err != nil {
		return breach.CallFindings{}, err
	}
	an := callscan.New(cfg)
	flagged := map[string]*callTally{} // leavers' calls and calls to risky numbers
	night := map[string]*callTally{}   // other outside calls while closed
	var latest time.Time
	read := 0
	err := scan(func(c inventory.Call) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		an.Add(c)
		read++
		if c.Start.After(latest) {
			latest = c.Start
		}
		j := an.LastJudged()
		ext := strings.TrimSpace(c.From)
		var into map[string]*callTally
		switch {
		case j.Leaver || j.Risky:
			into = flagged
		case j.Outbound && j.OutOfHours:
			into = night
		default:
			return nil
		}
		t := into[ext]
		if t == nil {
			t = &callTally{}
			into[strings.Clone(ext)] = t
		}
		t.add(c, j.CostPence)
		return nil
	})
	if err != nil {
		return breach.CallFindings{}, err
	}
	return sumFindings(an.Incidents(), flagged, night, latest, read), nil
}

func sumFindings(incidents []callscan.Incident, flagged, night map[string]*callTally, latest time.Time, read int) breach.CallFindings {
	f := breach.CallFindings{Read: read, Findings: len(incidents)}
	nightExt := map[string]bool{}
	exts := map[string]bool{}
	for _, inc := range incidents {
		if f.Start.IsZero() || (!inc.Start.IsZero() && inc.Start.Before(f.Start)) {
			f.Start = inc.Start
		}
		if inc.End.After(f.End) {
			f.End = inc.End
		}
		if !latest.IsZero() && !inc.End.Before(latest.Add(-24*time.Hour)) {
			f.Ongoing = true
		}
		for _, e := range inc.Extensions {
			exts[e] = true
			if inc.Kind == callscan.KindOutOfHours {
				nightExt[e] = true
			}
		}
	}
	// Night calls count only from extensions the analysis itself found
	// calling out of hours too often, so one late call is never a fraud.
	count := func(m map[string]*callTally, only map[string]bool) {
		for ext, t := range m {
			if only != nil && !only[ext] {
				continue
			}
			f.Calls += t.calls
			f.Minutes += float64(t.secs) / 60
			if t.priced {
				f.Cost += float64(t.pence) / 100
				f.CostKnown = true
			}
		}
	}
	count(flagged, nil)
	count(night, nightExt)
	for e := range exts {
		f.Extensions = append(f.Extensions, e)
	}
	slices.SortFunc(f.Extensions, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b)) })
	f.Summary = findingsSummary(f, incidents)
	return f
}

func findingsSummary(f breach.CallFindings, incidents []callscan.Incident) []string {
	if len(incidents) == 0 {
		return []string{fmt.Sprintf("Nothing in %s looks like fraud. If the bill still shows calls you did not make, ask your provider for their own call records and read those too.", callsWord(f.Read))}
	}
	loc := incidents[0].Start.Location()
	out := []string{fmt.Sprintf("Suspicious calls from %s to %s, from %s.",
		f.Start.In(loc).Format("15:04 Mon 2 Jan 2006"), f.End.In(loc).Format("15:04 Mon 2 Jan 2006"), extWord(f.Extensions))}
	if f.Calls > 0 {
		out = append(out, fmt.Sprintf("%s (%s) went to premium-rate, high-risk or unexpected numbers, came from leavers' extensions, or were made while you were closed.",
			callsWord(f.Calls), minutesWord(f.Minutes)))
	}
	if f.CostKnown {
		out = append(out, fmt.Sprintf("Estimated cost: £%.2f. Your provider's bill is the final word.", f.Cost))
	} else {
		out = append(out, "The cost is not known: the records carry no prices. Ask your provider for the charges.")
	}
	if f.Ongoing {
		out = append(out, "It may still be going on: there are suspicious calls in the last 24 hours of the records. Bar the calls now if you have not.")
	}
	const most = 10
	for i, inc := range incidents {
		if i == most {
			out = append(out, fmt.Sprintf("… and %d more findings.", len(incidents)-most))
			break
		}
		out = append(out, inc.Explanation)
	}
	return out
}

func callsWord(n int) string {
	if n == 1 {
		return "1 call"
	}
	return fmt.Sprintf("%d calls", n)
}

func minutesWord(m float64) string {
	n := int(m + 0.5)
	if n == 1 {
		return "1 minute"
	}
	return fmt.Sprintf("%d minutes", n)
}

func extWord(exts []string) string {
	switch len(exts) {
	case 0:
		return "extensions the records do not name"
	case 1:
		return "extension " + exts[0]
	}
	const most = 8
	if len(exts) > most {
		return fmt.Sprintf("extensions %s and %d more", strings.Join(exts[:most], ", "), len(exts)-most)
	}
	return "extensions " + strings.Join(exts, ", ")
}
