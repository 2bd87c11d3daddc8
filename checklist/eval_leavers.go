package checklist

import "fmt"

func init() {
	register("LV-01", extensionsBelongToStaff)
	register("LV-03", leaversAccessRevoked)
	register("LV-06", noCallsAfterLeaving)
}

func personalExtension(e Extension) bool { return e.Type == ExtUser || e.Type == "" }

func extensionItem(e Extension, detail string) Item {
	return Item{Kind: "extension", ID: e.Number, Label: joinNonEmpty(" ", e.Number, e.Name), Detail: detail}
}

func extensionsBelongToStaff(f *Facts) Outcome {
	inv := f.Inventory
	if !inv.Has(FacetExtensions) || !f.staff.known {
		return unknown("No staff list was compared with the extensions.")
	}
	var items []Item
	enabled := 0
	for _, e := range inv.Extensions {
		if !e.Enabled || !personalExtension(e) {
			continue
		}
		enabled++
		s := f.staff.match(e)
		switch {
		case s == nil:
			items = append(items, extensionItem(e, "not on the staff list"))
		case !s.Current(f.Now):
			items = append(items, extensionItem(e, fmt.Sprintf("%s left %d days ago", s.Name, daysBetween(s.Left, f.Now))))
		}
	}
	if len(items) > 0 {
		return fail(items, "Enabled personal extensions that do not belong to a current member of staff: %d of %d.", len(items), enabled)
	}
	return pass("Enabled personal extensions checked: %d. All belong to current staff.", enabled)
}

func leaversAccessRevoked(f *Facts) Outcome {
	inv := f.Inventory
	if !inv.Has(FacetExtensions) || !f.staff.known {
		return unknown("No staff list was compared with the extensions.")
	}
	liveMailbox := make(map[string]bool)
	for _, m := range inv.Voicemail {
		if m.Enabled {
			liveMailbox[m.Extension] = true
		}
	}
	var items []Item
	for _, e := range inv.Extensions {
		if !personalExtension(e) || f.staff.leaverFor(e) == nil {
			continue
		}
		var live []string
		for _, fw := range e.Forwards {
			if fw.Enabled && fw.External {
				live = append(live, "calls forwarded to "+fw.Destination)
			}
		}
		if liveMailbox[e.Number] {
			live = append(live, "voicemail still on")
		}
		if e.Enabled {
			live = append(live, "extension still enabled")
		}
		if len(live) > 0 {
			items = append(items, extensionItem(e, joinNonEmpty("; ", live...)))
		}
	}
	if len(items) > 0 {
		return fail(items, "Leavers who still have phone access (forwards, voicemail or the extension itself): %d.", len(items))
	}
	return pass("No leaver has a live extension, voicemail box or forward.")
}

func noCallsAfterLeaving(f *Facts) Outcome {
	inv := f.Inventory
	if !inv.Has(FacetCalls) || !f.staff.known || !inv.Has(FacetExtensions) {
		return unknown("Call records and a staff list are both needed to check this.")
	}
	leftOn := make(map[string]*StaffMember)
	names := make(map[string]Extension)
	for _, e := range inv.Extensions {
		if s := f.staff.leaverFor(e); s != nil {
			leftOn[e.Number], names[e.Number] = s, e
		}
	}
	type tally struct {
		calls   int
		minutes float64
	}
	after := make(map[string]*tally)
	var order []string
	for _, c := range inv.Calls {
		s, ok := leftOn[c.From]
		if !ok || c.Start.Before(s.Left) {
			continue
		}
		t := after[c.From]
		if t == nil {
			t = &tally{}
			after[c.From] = t
			order = append(order, c.From)
		}
		t.calls++
		t.minutes += c.Duration.Minutes()
	}
	if len(order) == 0 {
		return pass("No calls were made from a leaver's extension after they left.")
	}
	var items []Item
	total := 0
	for _, num := range order {
		t := after[num]
		total += t.calls
		items = append(items, extensionItem(names[num], fmt.Sprintf("%s, %.0f minutes since %s left on %s", plural(t.calls, "call", "calls"),
			t.minutes, leftOn[num].Name, leftOn[num].Left.Format("2 Jan 2006"))))
	}
	return fail(items, "Calls made from leavers' extensions after their leaving date: %d. Treat this as a possible breach.", total)
}
