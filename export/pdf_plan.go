package export

// ownerColumn leaves room to write a name by hand (mm).
const ownerColumn = 36.0

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
	const size = 8.0
	ids := []string{"#"}
	dues := []string{"Due", "done"}
	for _, act := range d.a.Plan {
		ids = append(ids, act.CheckID, itoa(act.Rank))
		dues = append(dues, shortDate(act.Due))
	}
	t := d.table("Action plan", size,
		column{title: "#", width: d.fitWidth(size, "B", ids...)},
		column{title: "Action", share: 0.55},
		column{title: "Why", share: 0.45},
		column{title: "Severity", width: d.fitWidth(size, "B", "Severity", "Critical", "Medium")},
		column{title: "Effort", width: d.fitWidth(size, "", "Effort", "Minutes", "Project")},
		column{title: "Due", width: d.fitWidth(size, "", dues...)},
		column{title: "Owner", width: ownerColumn},
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
