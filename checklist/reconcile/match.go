package reconcile

import (
	"fmt"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// index finds staff by e-mail and by the several readings of a name.
type index struct {
	staff       []inventory.StaffMember
	now         time.Time
	byEmail     map[string][]int
	byLocal     map[string][]int // e-mail name before the @
	byFull      map[string][]int // the whole name, folded; also how a decision names someone
	byFirstLast map[string][]int
	byCanon     map[string][]int // canonical first name + surname
	byInitial   map[string][]int // first initial + surname
}

func newIndex(staff []inventory.StaffMember, now time.Time) *index {
	ix := &index{staff: staff, now: now, byEmail: make(map[string][]int, len(staff)), byLocal: make(map[string][]int, len(staff))}
	for i, s := range staff {
		if e := normEmail(s.Email); e != "" {
			ix.byEmail[e] = append(ix.byEmail[e], i)
			local, _, _ := strings.Cut(e, "@")
			ix.byLocal[local] = append(ix.byLocal[local], i)
		}
	}
	return ix
}

// names builds the name maps the first time a match needs them: when every
// extension has an e-mail address on the staff list, they are never needed,
// and on a large list they are most of the cost.
func (ix *index) names() *index {
	if ix.byFull != nil {
		return ix
	}
	n := len(ix.staff)
	ix.byFull, ix.byFirstLast = make(map[string][]int, n), make(map[string][]int, n)
	ix.byCanon, ix.byInitial = make(map[string][]int, n), make(map[string][]int, n)
	for i, s := range ix.staff {
		p := parseName(s.Name)
		if p.full == "" {
			continue
		}
		ix.byFull[p.full] = append(ix.byFull[p.full], i)
		if p.last != "" {
			firstLast := p.first + " " + p.last
			canon := canonicalFirst(p.first) + " " + p.last
			initial := p.first[:1] + " " + p.last
			ix.byFirstLast[firstLast] = append(ix.byFirstLast[firstLast], i)
			ix.byCanon[canon] = append(ix.byCanon[canon], i)
			ix.byInitial[initial] = append(ix.byInitial[initial], i)
		}
	}
	return ix
}

func normEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// candidate is a proposed match before it becomes a Match.
type candidate struct {
	staff      int // index into the staff list; -1 for none
	confidence Confidence
	reason     string
	others     []string
}

// match proposes the staff member behind an extension's name and e-mail.
func (ix *index) match(name, email string) candidate {
	email = normEmail(email)
	if ids := ix.byEmail[email]; email != "" && len(ids) > 0 {
		return ix.pick(ids, Certain, "same e-mail address")
	}
	ix.names()
	p := parseName(stripNote(name))
	if p.full != "" {
		if ids := ix.byFull[p.full]; len(ids) > 0 {
			return ix.pick(ids, Certain, "same name")
		}
	}
	if p.last != "" {
		if ids := ix.byFirstLast[p.first+" "+p.last]; len(ids) > 0 {
			return ix.pick(ids, Likely, "same first name and surname; middle names differ")
		}
		if ids := ix.byCanon[canonicalFirst(p.first)+" "+p.last]; len(ids) > 0 {
			other := parseName(ix.staff[ids[0]].Name).first
			return ix.pick(ids, Likely, fmt.Sprintf("same surname, and %s is a short form of %s", titleCase(shorter(p.first, other)), titleCase(longer(p.first, other))))
		}
	}
	if email != "" {
		local, _, _ := strings.Cut(email, "@")
		if ids := ix.byLocal[local]; len(ids) > 0 {
			return ix.pick(ids, Likely, "same e-mail name at a different domain")
		}
	}
	if p.last != "" {
		if ids := ix.byInitial[p.first[:1]+" "+p.last]; len(ids) > 0 && (len(p.first) == 1 || strings.HasPrefix(parseName(ix.staff[ids[0]].Name).first, p.first) || strings.HasPrefix(p.first, parseName(ix.staff[ids[0]].Name).first)) {
			return ix.pick(ids, Possible, "same surname and first initial")
		}
		if ids := ix.byFirstLast[p.last+" "+p.first]; len(ids) > 0 {
			return ix.pick(ids, Possible, "the same names in the other order")
		}
	}
	return candidate{staff: -1}
}

// pick chooses among staff rows that fit equally well. Rows for one person
// (a leaver later re-hired) collapse to the current one; different people
// with the same name make the match only possible.
func (ix *index) pick(ids []int, c Confidence, reason string) candidate {
	best := ids[0]
	seen := map[string]bool{ix.identity(best): true}
	var others []string
	for _, id := range ids[1:] {
		if k := ix.identity(id); !seen[k] {
			seen[k] = true
			others = append(others, ix.staff[id].Name)
			continue
		}
		if !ix.staff[best].Current(ix.now) && ix.staff[id].Current(ix.now) {
			best = id
		}
	}
	if len(others) > 0 {
		c, reason = Possible, reason+fmt.Sprintf(", but %d people on the staff list fit", len(others)+1)
	}
	return candidate{staff: best, confidence: c, reason: reason, others: others}
}

// identity tells people apart: by e-mail where there is one, else by name.
func (ix *index) identity(id int) string {
	if e := normEmail(ix.staff[id].Email); e != "" {
		return e
	}
	return parseName(ix.staff[id].Name).full
}

// lookup finds the person a decision names, by e-mail or by name.
func (ix *index) lookup(who string) int {
	if ids := ix.byEmail[normEmail(who)]; len(ids) > 0 {
		return ix.pick(ids, Certain, "").staff
	}
	if ids := ix.names().byFull[parseName(who).full]; len(ids) > 0 {
		return ix.pick(ids, Certain, "").staff
	}
	return -1
}

// stripNote drops a bracketed note from an extension name: "Declan Ó Briain
// (Sales)" is matched as "Declan Ó Briain".
func stripNote(name string) string {
	if i := strings.IndexAny(name, "(["); i > 0 {
		return name[:i]
	}
	return name
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func shorter(a, b string) string {
	if len(a) <= len(b) {
		return a
	}
	return b
}

func longer(a, b string) string {
	if len(a) > len(b) {
		return a
	}
	return b
}
