package callscan

import (
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// Every incident's times are in the site's zone (UK time), whatever zone the
// call records came in, so its label agrees with the explanation beside it.
func TestIncidentTimesAreInTheSitesZone(t *testing.T) {
	t.Parallel()
	cfg := Config{Leavers: map[string]time.Time{"290": time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}}
	var calls []inventory.Call
	// A summer night: 23:30 UTC is 00:30 BST the next day.
	for i := range 6 {
		start := time.Date(2026, 7, 2, 23, 30+i*4, 0, 0, time.UTC)
		calls = append(calls, inventory.Call{Start: start, From: "290", To: "0037167800009" + string(rune('0'+i)), Duration: 3 * time.Minute, Answered: true})
	}
	incs, _ := analyse(cfg, calls)
	if len(incs) == 0 {
		t.Fatal("a leaver's night calls abroad found nothing")
	}
	for _, in := range incs {
		for _, at := range []time.Time{in.Start, in.End} {
			if at.Location().String() != "Europe/London" {
				t.Errorf("%s incident at %s is in %s, not UK time", in.Kind, at, at.Location())
			}
		}
	}
}
