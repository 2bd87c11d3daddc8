package export

// actionPlan is the ranked table of everything to fix, with an empty owner column
// for the reader to fill in by hand.
func (d *doc) actionPlan() {
	d.section("Action plan")
	if len(d.a.Plan) == 0 {
		d.para(nothingToFix(d.card), "", 10, 0)
		return
	}
	d.para("Work down the list in order: the most dangerous problems come first and, among those, the quickest fixes. "+
		"Due dates follow the severity (critical: the next day; high: within 14 days; medium: 30 days; low: 90 days). "+
		"Write a name in the owner column so that each action belongs to someone.", "", 9.5, 0)
	d.gap(2)
	t := d.table("Action plan", 8,
		column{title: "#", share: 0.075},
		column{title: "Action", share: 0.30},
		column{title: "Why", share: 0.26},
		column{title: "Severity", share: 0.085},
		column{title: "Effort", share: 0.08},
		column{title: "Due", share: 0.10},
		column{title: "Owner", share: 0.10},
	)
	t.begin()
	for _, act := range d.a.Plan {
		action := act.Action
		due := shortDate(act.Due)
		if act.Done {
			action = "Done: " + action
			due = "done"
		}
		if act.Affected > 1 {
			action += " (" + itoa(act.Affected) + " items)"
		}
		t.row(
			cell{text: itoa(act.Rank) + "\n" + act.CheckID, style: "B"},
			txt(action), txt(act.Why),
			severityCell(act.Severity), txt(effortWord(act.Effort)), txt(due),
			txt(act.Owner))
	}
	t.end()
}
