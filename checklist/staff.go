package checklist

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// staffIndex finds the staff-list entry behind an extension. It matches on e-mail
// first, then on the name with case and accents folded; anything looser is the
// leaver reconciliation's job, where a person confirms uncertain matches.
type staffIndex struct {
	known   bool
	now     time.Time
	byEmail map[string]*StaffMember
	byName  map[string]*StaffMember
}

func newStaffIndex(inv *Inventory, now time.Time) *staffIndex {
	idx := &staffIndex{known: inv.Has(FacetStaff), now: now,
		byEmail: make(map[string]*StaffMember), byName: make(map[string]*StaffMember)}
	for i := range inv.Staff {
		s := &inv.Staff[i]
		if e := strings.ToLower(strings.TrimSpace(s.Email)); e != "" {
			idx.byEmail[e] = preferCurrent(idx.byEmail[e], s, now)
		}
		if n := foldName(s.Name); n != "" {
			idx.byName[n] = preferCurrent(idx.byName[n], s, now)
		}
	}
	return idx
}

// preferCurrent keeps the current employee when a name or address appears twice,
// for instance someone who left and was later re-hired.
func preferCurrent(old, candidate *StaffMember, now time.Time) *StaffMember {
	if old == nil || (!old.Current(now) && candidate.Current(now)) {
		return candidate
	}
	return old
}

func (idx *staffIndex) match(e Extension) *StaffMember {
	if s, ok := idx.byEmail[strings.ToLower(strings.TrimSpace(e.Email))]; ok && e.Email != "" {
		return s
	}
	return idx.byName[foldName(e.Name)]
}

// leaverFor returns the staff entry when the extension belongs to someone who has
// left, and nil otherwise.
func (idx *staffIndex) leaverFor(e Extension) *StaffMember {
	if s := idx.match(e); s != nil && !s.Current(idx.now) {
		return s
	}
	return nil
}

// foldName lower-cases a name, strips accents and collapses spaces, so "Zoë  Ó'Brien"
// and "zoe o'brien" compare equal.
func foldName(name string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.TrimSpace(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(foldLetter(r)))
	}
	return b.String()
}

// foldLetter handles letters that Unicode does not decompose into a base letter
// and an accent.
func foldLetter(r rune) rune {
	switch r {
	case 'ł', 'Ł':
		return 'l'
	case 'ø', 'Ø':
		return 'o'
	case 'đ', 'Đ':
		return 'd'
	}
	return r
}

func daysBetween(from, to time.Time) int {
	return int(to.Sub(from).Hours() / 24)
}
