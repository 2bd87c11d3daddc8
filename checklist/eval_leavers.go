package checklist

import (
	"fmt"
	"strings"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/reconcile"
)

func (e evaluatorSet) addLeavers() {
	e.register("LV-01", []fact{numberedExtensions, namedStaff}, extensionsBelongToStaff)
	e.register("LV-03", []fact{numberedExtensions, namedStaff}, leaversAccessRevoked)
	e.register("LV-06", []fact{numberedExtensions, namedStaff, callsFromExtension}, noCallsAfterLeaving)
}

func personalExtension(e inventory.Extension) bool {
	return e.Type == inventory.ExtUser || e.Type == ""
}

func extensionItem(e inventory.Extension, detail string) Item {
	return Item{Kind: "extension", ID: e.Number, Label: joinNonEmpty(" ", e.Number, e.Name), Detail: detail}
}

func leaverItem(l reconcile.Leaver, detail string) Item {
	return Item{Kind: "extension", ID: l.Extension, Label: joinNonEmpty(" ", l.Extension, firstNonEmpty(l.ExtensionName, l.Name)), Detail: detail}
}

// leavers reconciles the extensions with the staff list once per evaluation; the
// three leaver checks read the same report. Nil when either list is missing.
func (f *Facts) leavers() *reconcile.Report {
	inv := f.Inventory
	if !inv.Has(inventory.FacetExtensions) || !inv.Has(inventory.FacetStaff) {
		return nil
	}
	if f.leaverReport == nil {
		rep := reconcile.Reconcile(inv, inv.Staff, f.Decisions, f.Now)
		f.leaverReport = &rep
	}
	return f.leaverReport
}

func extensionsBelongToStaff(f *Facts) Outcome {
	rep := f.leavers()
	if rep == nil {
		return unknown("No staff list was compared with the extensions.")
	}
	var items []Item
	for _, u := range rep.Unowned {
		items = append(items, Item{Kind: "extension", ID: u.Extension, Label: joinNonEmpty(" ", u.Extension, u.Name), Detail: u.Reason})
	}
	// A line that may be a role line counts until someone says it is one.
	for _, u := range rep.MaybeRole {
		items = append(items, Item{Kind: "extension", ID: u.Extension, Label: joinNonEmpty(" ", u.Extension, u.Name), Detail: u.Reason})
	}
	for _, l := range rep.Leavers {
		if l.ExtensionEnabled {
			items = append(items, leaverItem(l, fmt.Sprintf("%s left %s ago", l.Name, plural(l.DaysSinceLeft, "day", "days"))))
		}
	}
	apart := ""
	if n := len(rep.Shared); n > 0 {
		apart = fmt.Sprintf(" %s set apart.", plural(n, "role or shared line", "role and shared lines"))
	}
	if len(items) > 0 {
		return fail(items, "Enabled personal extensions that do not belong to a current member of staff: %d of %d.%s", len(items), rep.Personal, apart)
	}
	return pass("Enabled personal extensions checked: %d. All belong to current staff.%s", rep.Personal, apart)
}

func leaversAccessRevoked(f *Facts) Outcome {
	rep := f.leavers()
	if rep == nil {
		return unknown("No staff list was compared with the extensions.")
	}
	var items []Item
	for _, l := range rep.Leavers {
		items = append(items, leaverItem(l, strings.Join(l.Live, "; ")))
	}
	if len(items) > 0 {
		return fail(items, "Leavers who still have phone access (forwards, voicemail, phones or the extension itself): %d.", len(items))
	}
	return pass("No leaver has a live extension, voicemail box, forward or phone.")
}

func noCallsAfterLeaving(f *Facts) Outcome {
	rep := f.leavers()
	if rep == nil {
		return unknown("No staff list was compared with the extensions.")
	}
	var items []Item
	total := 0
	for _, l := range rep.Leavers {
		if l.CallsAfter == 0 {
			continue
		}
		total += l.CallsAfter
		items = append(items, leaverItem(l, fmt.Sprintf("%s, %.0f minutes since %s left on %s",
			plural(l.CallsAfter, "call", "calls"), l.MinutesAfter, l.Name, l.Left.Format("2 Jan 2006"))))
	}
	if len(items) > 0 {
		return fail(items, "Calls made from leavers' extensions after their leaving date: %d. Treat this as a possible breach.", total)
	}
	return pass("No calls were made from a leaver's extension after they left.")
}
