package export

import (
	"github.com/ringfence/ringfence/checklist"
)

// openItems lists what the audit could not judge, and the risks someone chose to
// live with, so that neither is mistaken for a pass.
func (d *doc) openItems() {
	var unknown, accepted []checklist.Result
	known := 0
	for _, r := range d.a.Results {
		switch {
		case r.Status == checklist.StatusUnknown:
			unknown = append(unknown, r)
		case r.Acceptance != nil:
			accepted = append(accepted, r)
			known++
		default:
			known++
		}
	}
	// With nothing known the findings are a sentence; this table follows it.
	if known == 0 {
		d.sectionAfter("What could not be checked", 60)
	} else {
		d.section("What could not be checked")
	}
	if len(unknown) == 0 {
		d.para("Every check could be judged, from the phone system or from your answers.", "", 10, 0)
	} else {
		d.para("There was no evidence either way for these "+plural(len(unknown), "check", "checks")+". They lower the score until someone finds out; "+
			"answer the question in the last column (in Ringfence, or by asking whoever looks after the phones). "+
			"Once a check is known, the next report says how to fix it if it fails.", "", 9.5, 0)
		d.gap(2)
		ids := []string{"Check"}
		for _, r := range unknown {
			ids = append(ids, r.CheckID)
		}
		const size = 8.0
		t := d.table("What could not be checked", size,
			column{title: "Check", width: d.fitWidth(size-0.5, "mono", ids...)},
			column{title: "What it covers", share: 0.42},
			column{title: "The question to answer", share: 0.58})
		t.begin()
		for _, r := range unknown {
			t.row(code(r.CheckID), txt(r.Title), txt(d.howToFindOut(r)))
		}
		t.end()
	}

	d.subheading("Accepted risks", 20)
	if len(accepted) == 0 {
		d.para("No risks have been accepted: every failed check is in the action plan.", "", 10, 0)
		return
	}
	d.para("Someone decided to live with these failures for a while instead of fixing them. "+
		"Each returns to the action plan when its date passes.", "", 9.5, 0)
	d.gap(2)
	t := d.table("Accepted risks", 8.5,
		column{title: "Check", share: 0.10},
		column{title: "What it covers", share: 0.27},
		column{title: "Owner", share: 0.15},
		column{title: "Until", share: 0.13},
		column{title: "Reason", share: 0.35})
	t.begin()
	for _, r := range accepted {
		until := shortDate(r.Acceptance.Expires)
		if r.Status == checklist.StatusFail {
			until += " (expired)"
		}
		t.row(code(r.CheckID), txt(r.Title), txt(r.Acceptance.Owner), txt(until), txt(r.Acceptance.Reason))
	}
	t.end()
}

func (d *doc) howToFindOut(r checklist.Result) string {
	ch, ok := d.cat.Check(r.CheckID)
	switch {
	case ok && ch.Question != nil:
		return ch.Question.Prompt
	case len(r.Affected) > 0:
		return "Check the " + count(len(r.Affected), "listed item", "listed items") + " by hand (see the findings)."
	}
	return "Connect Ringfence to the phone system so it can read this, or check it by hand."
}

// changes compares this audit with the previous one: what was fixed, what is new
// and what got worse.
func (d *doc) changes() {
	prev := d.opts.Previous
	if prev == nil {
		return
	}
	d.section("Since the last audit")
	cmp := checklist.CompareAudits(prev, d.a)
	when := "the previous audit"
	if !prev.Started.IsZero() {
		when = "the audit of " + longDate(prev.Started)
	}
	d.para("Compared with "+when+", the score went from "+itoa(cmp.ScoreBefore)+" to "+itoa(cmp.ScoreAfter)+" out of 100. "+
		itoa(len(cmp.Fixed))+" fixed, "+itoa(len(cmp.New))+" new, "+itoa(len(cmp.Regressed))+" worse than before, "+
		itoa(len(cmp.StillOpen))+" still open, "+itoa(len(cmp.NotChecked))+" not checked this time.", "", 10, 0)
	if cmp.JudgedDifferently != "" {
		d.para(cmp.JudgedDifferently, "B", 10, 0)
	}
	d.changeTable("Fixed", "Nothing that failed last time has been fixed yet.", cmp.Fixed)
	d.changeTable("Worse than before", "Nothing that passed last time fails now.", cmp.Regressed)
	d.changeTable("New problems", "No new failures.", cmp.New)
	// Checks judged last time but not now lower the score without anything
	// having got worse, so the reader is told which and why the score moved.
	if len(cmp.NotChecked) > 0 {
		d.changeTable("Not checked this time", "", cmp.NotChecked)
		d.para("These were judged last time but not this time, so they count as unknown. Answer them, or reconnect to the phone system, to judge them again.", "", 9.5, 0)
	}
}

func (d *doc) changeTable(title, none string, changes []checklist.Change) {
	d.subheading(title+" ("+itoa(len(changes))+")", 14)
	if len(changes) == 0 {
		d.para(none, "", 9.5, 0)
		return
	}
	t := d.table(title, 8.5,
		column{title: "Check", share: 0.10},
		column{title: "What it covers", share: 0.50},
		column{title: "Severity", share: 0.12},
		column{title: "Before", share: 0.14},
		column{title: "Now", share: 0.14})
	t.begin()
	for _, c := range changes {
		before := "not checked"
		if c.Before != "" {
			before = statusWord(c.Before)
		}
		t.row(code(c.CheckID), txt(c.Title), severityCell(c.Severity), txt(before), bold(statusWord(c.After)))
	}
	t.end()
}

// plural writes a count with its noun: "1 check", "2 checks".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}
