package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/reconcile"
	"github.com/ringfence/ringfence/checklist/safetext"
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

// keepLeavers records what the leavers check learnt. For a saved site, the
// staff list read and any marks are saved together to the site's latest
// audit through the core, under the site's lock, as the app's leavers screen
// saves them: later audits and the leaver checks then use this list, and
// nothing another window saved is lost. A mistyped mark saves nothing. The
// demo company's marks last for this run only.
func keepLeavers(cat *checklist.Catalogue, subj *subject, staff []inventory.StaffMember, marks []lineMark, now time.Time) error {
	if subj.store == nil {
		if len(marks) == 0 {
			return nil
		}
		return applyMarks(cat, subj.audit, marks, now)
	}
	changes := []core.Change{core.Staff(cat, staff, now)}
	if len(marks) > 0 {
		changes = append(changes, func(a *checklist.Audit) error { return applyMarks(cat, a, marks, now) })
	}
	latest, err := core.Apply(subj.store, subj.site.Name, changes...)
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

// writeStaffKept says that a saved site now holds the staff list read.
func writeStaffKept(w io.Writer, subj subject) error {
	if subj.site == nil {
		return nil
	}
	_, err := fmt.Fprintf(w, "\nThis staff list is saved with the last audit of %s: later audits and the leaver checks use it.\n", safetext.Line(subj.site.Name))
	return err
}

// writeMarks says that a saved site keeps the staff list, and what was marked
// and whether it was kept.
func writeMarks(w io.Writer, subj subject, marks []lineMark) error {
	if err := writeStaffKept(w, subj); err != nil {
		return err
	}
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
