package tui

import (
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/core"
)

// TestBreachClosedIncidentTakesALaterNote opens a closed incident from the
// site's list, as an owner does when the crime reference or the refund
// arrives days later, and writes it in the log: the note is saved, as the
// command line's --log saves it, and nothing else can be recorded.
func TestBreachClosedIncidentTakesALaterNote(t *testing.T) {
	t.Parallel()
	for _, accessible := range []bool{false, true} {
		store := breachStore(t, checklist.Site{})
		old, err := core.NewIncident(store, breachSite, fixedNow.Add(-72*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := core.ApplyIncident(store, breachSite, old.ID, core.CloseIncident(fixedNow.Add(-48*time.Hour))); err != nil {
			t.Fatal(err)
		}
		h := newBreachHarness(t, store, breachSite, accessible, 80, 24)
		for range breach.Steps() {
			h.press("right")
		}
		h.press("end", "enter")  // the list of incidents
		h.press("down", "enter") // the closed one, listed after the open one
		if b := h.breach(); b.inc.ID != old.ID || b.inc.Open() {
			t.Fatalf("opened %s (open %v), want the closed incident %s", b.inc.ID, b.inc.Open(), old.ID)
		}
		h.press("w")
		if h.breach().form == nil {
			t.Fatalf("accessible %v: w on a closed incident opened no form to write in the log:\n%s", accessible, h.screen())
		}
		if b := h.breach(); accessible {
			// Accessible forms are answered at a plain prompt outside the app.
			b.fields.text = "Crime reference NFRC123"
			h.send(formExecDoneMsg{id: b.form.id})
		} else {
			h.typeText("Crime reference NFRC123")
			h.press("enter")
		}
		h.mustSee("This incident is closed")
		h.press("d", "n", "c")
		inc, err := store.LoadIncident(breachSite, old.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(inc.Log) != 1 || inc.Log[0].Text != "Crime reference NFRC123" {
			t.Fatalf("accessible %v: the later note was not saved: %+v", accessible, inc.Log)
		}
		if len(inc.Entries) != 0 || !inc.Closed.Equal(fixedNow.Add(-48*time.Hour)) {
			t.Fatalf("accessible %v: a closed incident took more than a note: %+v", accessible, inc)
		}
	}
}
