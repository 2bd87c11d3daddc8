package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/reconcile"
)

// extensionList is a flag that takes extension numbers, comma-separated or
// repeated: --role 201,202 --role 203.
type extensionList []string

func (l *extensionList) String() string { return strings.Join(*l, ",") }

func (l *extensionList) Type() string { return "extensions" }

func (l *extensionList) Set(v string) error {
	added := false
	for _, n := range strings.Split(v, ",") {
		if n = strings.TrimSpace(n); n != "" {
			*l, added = append(*l, n), true
		}
	}
	if !added {
		return fmt.Errorf("Give one or more extension numbers, such as 204 or 204,205.")
	}
	return nil
}

// lineMark is one extension the user has said is a role line or a person's.
type lineMark struct {
	extension string
	verdict   reconcile.Verdict
}

// lineMarks joins --role and --person, in extension order, refusing a number
// given to both.
func lineMarks(roles, people extensionList) ([]lineMark, error) {
	var marks []lineMark
	for _, n := range roles {
		if slices.Contains(people, n) {
			return nil, usagef("Extension %s is given to both --role and --person. Choose one.", n)
		}
		marks = append(marks, lineMark{n, reconcile.Shared})
	}
	for _, n := range people {
		marks = append(marks, lineMark{n, reconcile.Person})
	}
	slices.SortStableFunc(marks, func(a, b lineMark) int { return strings.Compare(a.extension, b.extension) })
	return slices.CompactFunc(marks, func(a, b lineMark) bool { return a == b }), nil
}

// markLines records the marks in the audit. A site's latest audit is re-read
// and saved under the site's lock, so nothing another window saved is lost;
// the demo company's marks last for this run only.
func markLines(subj *subject, marks []lineMark, now time.Time) error {
	cat := checklist.Builtin()
	if subj.store == nil {
		return applyMarks(cat, subj.audit, marks, now)
	}
	latest, err := subj.store.UpdateAudit(subj.site.Name, func(a *checklist.Audit) error {
		return applyMarks(cat, a, marks, now)
	})
	if err != nil {
		return err
	}
	subj.audit = latest
	return nil
}

// applyMarks records the marks through the core, which checks every number
// before changing anything.
func applyMarks(cat *checklist.Catalogue, a *checklist.Audit, marks []lineMark, now time.Time) error {
	cm := make([]core.Mark, len(marks))
	for i, m := range marks {
		cm[i] = core.Mark{Extension: m.extension, Verdict: m.verdict}
	}
	return core.MarkLines(cat, cm, now)(a)
}

// writeMarks says what was marked and whether it was kept.
func writeMarks(w io.Writer, subj subject, marks []lineMark) error {
	if len(marks) == 0 {
		return nil
	}
	var roles, people []string
	for _, m := range marks {
		if m.verdict == reconcile.Person {
			people = append(people, m.extension)
		} else {
			roles = append(roles, m.extension)
		}
	}
	var said []string
	if len(roles) > 0 {
		said = append(said, "as role or shared lines: "+strings.Join(roles, ", "))
	}
	if len(people) > 0 {
		said = append(said, "as people's lines: "+strings.Join(people, ", "))
	}
	where := "The demo company is not saved, so these marks last for this run only."
	if subj.site != nil {
		where = fmt.Sprintf("Saved for %s: later audits keep these marks.", subj.site.Name)
	}
	_, err := fmt.Fprintf(w, "\nMarked %s.\n%s\n", strings.Join(said, "; "), where)
	return err
}
