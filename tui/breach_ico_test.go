package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
)

// TestBreachICOCountdownSaysWhenTheHoursRanOut opens incidents of several
// ages on the reporting step: before the 72 hours are up the ICO's row gives
// the hours left, and after, that they ran out and what to do now.
func TestBreachICOCountdownSaysWhenTheHoursRanOut(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		age  time.Duration
		want string
	}{
		{time.Hour, "71 hours left"},
		{71*time.Hour + 30*time.Minute, "under an hour left"},
		{73 * time.Hour, "ran out"},
		{40 * 24 * time.Hour, "ran out"},
	} {
		store := breachStore(t, checklist.Site{})
		if _, err := core.NewIncident(store, breachSite, fixedNow.Add(-c.age)); err != nil {
			t.Fatal(err)
		}
		h := newBreachHarness(t, store, breachSite, false, 120, 60)
		b := h.breach()
		for b.steps[b.page].ID != "report" {
			h.press("right")
		}
		screen := strings.Join(strings.Fields(h.screen()), " ")
		if !strings.Contains(screen, c.want) {
			t.Errorf("an incident %s old does not say %q on the reporting step:\n%s", c.age, c.want, h.screen())
		}
		if c.age > 72*time.Hour && strings.Contains(screen, "The 72 hours run out") {
			t.Errorf("an incident %s old still says the 72 hours run out, in the present", c.age)
		}
	}
}
