package reconcile

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/callscan"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// Reconcile compares the inventory with the staff list as it stood at now.
// Decisions, keyed by extension, override the suggested matches. It reads
// inv.Extensions, Voicemail, Devices and Calls; staff is usually inv.Staff.
func Reconcile(inv *inventory.Inventory, staff []inventory.StaffMember, decisions Decisions, now time.Time) Report {
	ix := newIndex(staff, now)
	var rep Report
	owner := make(map[string]int, len(inv.Extensions)) // extension → staff row
	status := make(map[string]string, len(inv.Extensions))
	known := make(map[string]bool, len(inv.Extensions))
	for _, e := range inv.Extensions {
		known[e.Number] = true
	}
	for _, e := range inv.Extensions {
		personal := e.Type == inventory.ExtUser || e.Type == ""
		d, decided := decisions[e.Number]
		markedPerson := decided && d.Verdict == Person
		switch {
		case decided && d.Verdict == Shared:
			rep.Shared = append(rep.Shared, Finding{e.Number, e.Name, "you marked it as a role or shared line"})
			status[e.Number] = "shared"
			continue
		case markedPerson:
			// The user's word beats what the phone system calls it.
		case e.Type == inventory.ExtShared:
			rep.Shared = append(rep.Shared, Finding{e.Number, e.Name, "the phone system lists it as shared"})
			status[e.Number] = "shared"
			continue
		case !personal:
			status[e.Number] = "shared"
			continue // queues, fax, door entry: nobody's, and fine
		}
		c := ix.match(e.Name, e.Email)
		if c.staff < 0 && !decided {
			// Judged by the name only when nobody on the list has it, and
			// never against a person's ruling.
			switch kind, why := classifyLine(e.Number, e.Name); kind {
			case roleLine:
				rep.Shared = append(rep.Shared, Finding{e.Number, e.Name, why})
				status[e.Number] = "shared"
				continue
			case maybeRole:
				// Counted as personal until someone says otherwise.
				if e.Enabled {
					rep.Personal++
					rep.MaybeRole = append(rep.MaybeRole, Finding{e.Number, e.Name, why})
				}
				status[e.Number] = "nobody on the staff list"
				continue
			}
		}
		if e.Enabled {
			rep.Personal++
		}
		if decided {
			switch {
			case d.Staff != "":
				if id := ix.lookup(d.Staff); id >= 0 {
					c = candidate{staff: id, confidence: Certain, reason: "you chose this person"}
				} else {
					c = candidate{staff: -1, reason: fmt.Sprintf("you chose %s, who is not on the staff list", quote(d.Staff))}
				}
			case d.Verdict == Confirm && c.staff >= 0:
				c.confidence, c.reason, c.others = Certain, c.reason+"; you confirmed it", nil
			case d.Verdict == Reject:
				c = candidate{staff: -1, reason: "you said the suggested person is wrong"}
			}
		}
		if c.staff < 0 {
			if e.Enabled {
				why := firstNonEmpty(c.reason, "nobody on the staff list has this name or e-mail address")
				if markedPerson {
					why = "you marked it as a person's line, and " + why
				}
				rep.Unowned = append(rep.Unowned, Finding{e.Number, e.Name, why})
			}
			status[e.Number] = "nobody on the staff list"
			continue
		}
		s := ix.staff[c.staff]
		m := Match{Extension: e.Number, ExtensionName: e.Name, Name: s.Name, Email: s.Email, Left: s.Left,
			Confidence: c.confidence, Reason: c.reason, Decided: decided && c.confidence == Certain, Others: c.others}
		if !m.Decided && c.confidence != Certain {
			rep.ToConfirm = append(rep.ToConfirm, m)
		}
		if c.confidence == Possible && !m.Decided {
			// Not used until someone confirms it: the extension counts as unowned.
			if e.Enabled {
				rep.Unowned = append(rep.Unowned, Finding{e.Number, e.Name, "possibly " + s.Name + " (" + c.reason + "): confirm or reject"})
			}
			status[e.Number] = "nobody on the staff list"
			continue
		}
		rep.Matches = append(rep.Matches, m)
		owner[e.Number] = c.staff
		status[e.Number] = "current staff"
		if !s.Current(now) {
			status[e.Number] = "a leaver"
		}
	}
	rep.Leavers = leavers(inv, ix, owner, rep.Matches, now)
	rep.Orphans = orphans(inv, known)
	rep.Forwards = forwards(inv, status)
	slices.SortStableFunc(rep.Matches, func(a, b Match) int { return rankConfidence(a.Confidence) - rankConfidence(b.Confidence) })
	slices.SortStableFunc(rep.Leavers, func(a, b Leaver) int { return b.DaysSinceLeft - a.DaysSinceLeft })
	return rep
}

func rankConfidence(c Confidence) int {
	switch c {
	case Certain:
		return 0
	case Likely:
		return 1
	}
	return 2
}

// leavers gathers what is still live for each matched leaver.
func leavers(inv *inventory.Inventory, ix *index, owner map[string]int, matches []Match, now time.Time) []Leaver {
	byExt := map[string]*Leaver{}
	var order []string
	for _, m := range matches {
		s := ix.staff[owner[m.Extension]]
		if s.Current(now) {
			continue
		}
		byExt[m.Extension] = &Leaver{Name: s.Name, Email: s.Email, Left: s.Left, DaysSinceLeft: int(now.Sub(s.Left).Hours() / 24),
			Extension: m.Extension, ExtensionName: m.ExtensionName, Confidence: m.Confidence}
		order = append(order, m.Extension)
	}
	if len(order) == 0 {
		return nil
	}
	for _, e := range inv.Extensions {
		l := byExt[e.Number]
		if l == nil {
			continue
		}
		if e.Enabled {
			l.ExtensionEnabled = true
			l.Live = append(l.Live, "extension still enabled")
		}
		for _, f := range e.Forwards {
			if f.Enabled {
				where := f.Destination
				if f.External || looksOutside(f.Destination) {
					where += " (outside the business)"
				}
				l.Forwards = append(l.Forwards, f.Destination)
				l.Live = append(l.Live, "calls forwarded to "+where)
			}
		}
		if !e.LastActive.IsZero() && e.LastActive.After(l.Left) {
			l.Live = append(l.Live, fmt.Sprintf("last active %s, %s after leaving", e.LastActive.Format("2 Jan 2006"), days(int(e.LastActive.Sub(l.Left).Hours()/24))))
		}
	}
	for _, mb := range inv.Voicemail {
		if l := byExt[mb.Extension]; l != nil && mb.Enabled {
			l.Voicemail = true
			l.Live = append(l.Live, "voicemail box still open")
		}
	}
	for _, d := range inv.Devices {
		l := byExt[d.Owner]
		if l == nil {
			continue
		}
		l.Devices = append(l.Devices, d.Label())
		what := d.Label() + " still assigned"
		if !d.LastSeen.IsZero() && d.LastSeen.After(l.Left) {
			what = fmt.Sprintf("%s seen %s after leaving", d.Label(), days(int(d.LastSeen.Sub(l.Left).Hours()/24)))
		}
		l.Live = append(l.Live, what)
	}
	for _, c := range inv.Calls {
		// The leaving day is a working day: only calls from the next day count.
		if l := byExt[c.From]; l != nil && !c.Start.Before(callscan.CallsAfterLeavingFrom(l.Left)) {
			l.CallsAfter++
			l.MinutesAfter += c.Duration.Minutes()
			if c.Start.After(l.LastCallAfter) {
				l.LastCallAfter = c.Start
			}
		}
	}
	var out []Leaver
	for _, ext := range order {
		l := byExt[ext]
		if l.CallsAfter > 0 {
			l.Live = append(l.Live, fmt.Sprintf("%s (%s) made after leaving, the last on %s", count(l.CallsAfter, "call", "calls"), count(int(math.Round(l.MinutesAfter)), "minute", "minutes"), l.LastCallAfter.Format("2 Jan 2006")))
		}
		if len(l.Live) > 0 {
			out = append(out, *l)
		}
	}
	return out
}

// orphans finds mailboxes and phones tied to extensions that do not exist.
func orphans(inv *inventory.Inventory, known map[string]bool) []Finding {
	var out []Finding
	for _, mb := range inv.Voicemail {
		if mb.Enabled && !known[mb.Extension] {
			out = append(out, Finding{Extension: mb.Extension, Reason: "voicemail box for an extension that no longer exists"})
		}
	}
	for _, d := range inv.Devices {
		if d.Owner != "" && !known[d.Owner] {
			out = append(out, Finding{Extension: d.Owner, Name: d.Label(), Reason: "phone assigned to an extension that no longer exists"})
		}
	}
	return out
}

// forwards lists enabled forwards that leave the business, with whose they are.
func forwards(inv *inventory.Inventory, status map[string]string) []Forward {
	var out []Forward
	for _, e := range inv.Extensions {
		for _, f := range e.Forwards {
			if f.Enabled && (f.External || looksOutside(f.Destination)) {
				out = append(out, Forward{Extension: e.Number, Name: e.Name, Destination: f.Destination,
					Owner: firstNonEmpty(status[e.Number], "nobody on the staff list")})
			}
		}
	}
	return out
}

// looksOutside reports whether a forward's destination is a full outside
// number (national or international) rather than another extension.
func looksOutside(dest string) bool {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, dest)
	return (strings.HasPrefix(strings.TrimSpace(dest), "+") || strings.HasPrefix(digits, "0")) && len(digits) >= 10
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// count puts a number with the right form of its noun: "1 call", "2 calls".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func days(n int) string { return count(n, "day", "days") }
