package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
)

// TestBreachPatternFindingIsNeverShownAsNothingFound reads call records
// whose only finding is a pattern (one number rung fourteen times for five
// seconds in office hours): the calls and cost pages must not say nothing
// was found while the finding is listed.
func TestBreachPatternFindingIsNeverShownAsNothingFound(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(`"SegmentId","SegmentStartTime","SegmentEndTime","SrcId","SrcDn","SrcCallerNumber","SrcDisplayName","SrcExternal","DstId","DstDn","DstCallerNumber","DstDisplayName","DstExternal","CallTime","CallAnswered"` + "\n")
	for i := range 14 {
		fmt.Fprintf(&b, `"%d","2026-11-18T10:%02d:00+00:00","2026-11-18T10:%02d:05+00:00","11","101","101","Sam","False","12","10000","01614960123","","True","PT5S","True"`+"\n", i, 2*i, 2*i)
	}
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, false, 120, 60)
	for h.breach().steps[h.breach().page].ID != "calls" {
		h.press("right")
	}
	h.press("f")
	h.typeText(writeFile(t, "calls.csv", b.String()))
	h.press("enter")
	if inc := savedIncident(t, store, breachSite); inc.Calls == nil || !inc.Calls.Found() {
		t.Fatalf("the pattern was not recorded as a finding: %+v", inc.Calls)
	}
	for _, page := range []string{"calls", "cost"} {
		for h.breach().steps[h.breach().page].ID != page {
			h.press("right")
		}
		screen := strings.Join(strings.Fields(h.screen()), " ")
		if strings.Contains(screen, "Nothing that looks like fraud") {
			t.Errorf("the %s page says nothing was found for records with a finding:\n%s", page, h.screen())
		}
		if !strings.Contains(screen, "extension 101") && !strings.Contains(screen, "Extension 101") {
			t.Errorf("the %s page does not name the extension:\n%s", page, h.screen())
		}
	}
}
