package tui

import (
	"testing"

	"github.com/ringfence/ringfence/checklist"
)

// TestBreachKeysWaitWhileTheWindowIsTooSmall presses the recording keys
// while the window is too small to show the breach screen: nothing the owner
// cannot see may be recorded, and the page stays where it was. Once the
// window is large enough again, the same key records as usual.
func TestBreachKeysWaitWhileTheWindowIsTooSmall(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, false, 80, 24)
	page := h.breach().page
	for _, size := range [][2]int{{40, 12}, {79, 24}, {80, 23}} {
		h.send(tea_WindowSize(size[0], size[1]))
		h.mustSee("Make this one larger")
		h.press("d", "n", "c", "right", "right", "enter", "w", "x", "enter", "s", "enter", "y", "pgdown", "d")
		if got := h.breach().page; got != page {
			t.Fatalf("at %dx%d the hidden screen turned from page %d to %d", size[0], size[1], page, got)
		}
		if inc := savedIncident(t, store, breachSite); len(inc.Entries)+len(inc.Log)+len(inc.Signs) != 0 {
			t.Fatalf("at %dx%d keys pressed on a hidden screen were recorded: %+v", size[0], size[1], inc)
		}
		if h.breach().form != nil {
			t.Fatalf("at %dx%d a hidden form was opened", size[0], size[1])
		}
	}
	h.send(tea_WindowSize(80, 24))
	h.press("d")
	if inc := savedIncident(t, store, breachSite); len(inc.Entries) != 1 {
		t.Fatalf("after the window grew, d should record one action; saved %d", len(inc.Entries))
	}
}
