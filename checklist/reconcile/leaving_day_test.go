package reconcile

import (
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// TestCallsOnTheLeavingDayDoNotCount: the last working day is not "after
// leaving"; the next day, UK time, is.
func TestCallsOnTheLeavingDayDoNotCount(t *testing.T) {
	t.Parallel()
	inv, staff := brightwater()
	var left time.Time
	for _, s := range staff {
		if s.Email == "declan.obriain@bw.example" {
			left = s.Left
		}
	}
	y, m, d := left.Date()
	uk, _ := time.LoadLocation("Europe/London")
	inv.Calls = []inventory.Call{
		{Start: time.Date(y, m, d, 10, 0, 0, 0, uk), From: "214", To: "01614960000", Duration: time.Minute},
		{Start: time.Date(y, m, d, 16, 45, 0, 0, uk), From: "214", To: "01614960001", Duration: time.Minute},
		{Start: time.Date(y, m, d+1, 8, 0, 0, 0, uk), From: "214", To: "01614960002", Duration: time.Minute},
	}
	rep := Reconcile(inv, staff, nil, now)
	if len(rep.Leavers) != 1 || rep.Leavers[0].CallsAfter != 1 {
		t.Fatalf("leavers %+v, want one call after leaving (the day after), not the two on the day", rep.Leavers)
	}
}
