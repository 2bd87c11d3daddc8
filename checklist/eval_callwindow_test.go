package checklist

import (
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// TestCallEvidenceNamesWindowAndHours: MON-02 says which stretch of call
// history it read and which business hours it judged against.
func TestCallEvidenceNamesWindowAndHours(t *testing.T) {
	t.Parallel()
	inv := inventoryWith(inventory.FacetCalls)
	inv.Calls = []inventory.Call{{Start: time.Date(2026, 11, 18, 11, 0, 0, 0, time.UTC), From: "201", To: "01614960000", Duration: time.Minute}}
	inv.Source.CallDays, inv.Source.CallsSince = 90, time.Date(2026, 8, 22, 9, 0, 0, 0, time.UTC)
	o := Builtin().evaluators["MON-02"].judge(&Facts{Inventory: &inv, Now: testNow})
	if !strings.Contains(o.Evidence, "last 90 days, since 22 Aug 2026") || !strings.Contains(o.Evidence, "assumed") {
		t.Errorf("evidence %q should name the 90-day window and the assumed hours", o.Evidence)
	}
	o = Builtin().evaluators["MON-02"].judge(&Facts{Inventory: &inv, Now: testNow, Hours: "Mon-Sat 07:30-17:00"})
	if !strings.Contains(o.Evidence, "Mon-Sat 07:30-17:00") || strings.Contains(o.Evidence, "assumed") {
		t.Errorf("evidence %q should name the given hours and assume nothing", o.Evidence)
	}
}
