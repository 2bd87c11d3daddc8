package tui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// onePlural catches a count of one beside a plural noun ("1 days", "of 1
// actions"); "21 days" is not a match.
var onePlural = regexp.MustCompile(`(^|[^0-9.,])1 (?:[a-z-]+ )?(days|calls|items|phones|extensions|mailboxes|devices|minutes|checks|actions|questions|accounts|trunks|rules|seconds|times|rows|lines|numbers|hours|findings|leavers|records|people|answers)\b`)

// The app's screens say "1 day", "1 call", "1 item": the demo with each
// leaver gone 0, 1 or 2 days and as many calls from each extension.
func TestScreensUseTheSingularForOne(t *testing.T) {
	t.Parallel()
	for n := range 3 {
		h := newHarness(t, true, 120, 40)
		a := h.app.sh.sess.audit
		inv := a.Inventory
		inv.Staff = append([]inventory.StaffMember(nil), inv.Staff...)
		for i := range inv.Staff {
			if !inv.Staff[i].Left.IsZero() {
				inv.Staff[i].Left = fixedNow.AddDate(0, 0, -n).Add(-time.Hour)
			}
		}
		perExt := map[string]int{}
		var calls []inventory.Call
		for _, c := range inv.Calls {
			if perExt[c.From] < n {
				perExt[c.From]++
				c.Start = fixedNow.Add(-time.Duration(perExt[c.From]) * time.Minute)
				calls = append(calls, c)
			}
		}
		inv.Calls, inv.Source.CallDays = calls, n
		small := checklist.NewAudit(h.app.sh.opts.Catalogue, a.Site, inv, a.Answers, fixedNow)
		small.Demo = true
		h.app.sh.sess.audit = small
		h.send(auditChangedMsg{})
		var seen []string
		look := func() { seen = append(seen, h.screen()) }
		look()
		for range checklist.Domains {
			h.press("tab")
			for range 12 {
				look()
				h.press("down")
			}
			h.press("tab", "down")
			look()
		}
		h.press("r")
		look()
		h.press("esc", "p")
		look()
		h.press("esc", "l")
		look()
		for _, s := range seen {
			for _, line := range strings.Split(s, "\n") {
				if m := onePlural.FindString(line); m != "" {
					t.Errorf("with counts of %d the app says %q in: %s", n, m, strings.TrimSpace(line))
				}
			}
		}
	}
}
