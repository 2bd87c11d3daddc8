package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
)

// Opening "accept risk" again on an accepted finding must offer what was
// saved, not today's default, so pressing through it changes nothing.
func TestReopeningAcceptRiskKeepsTheSavedDecision(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	var failed string
	for _, r := range h.app.sh.sess.audit.Results {
		if r.Status == checklist.StatusFail {
			failed = r.CheckID
			break
		}
	}
	if failed == "" {
		t.Fatal("the demo has no failed check to accept")
	}
	now := h.app.sh.now()
	saved := checklist.Acceptance{Reason: "Replacing the phones in spring", Owner: "Priya Shah", Expires: now.AddDate(0, 7, 12).Truncate(24 * time.Hour)}
	if _, err := h.app.sh.change(core.Accept(h.app.sh.opts.Catalogue, failed, saved, now)); err != nil {
		t.Fatal(err)
	}
	f := newFinding(h.app.sh, failed)
	h.run(push(f))
	h.press("a")
	if f.accept == nil {
		t.Fatal("a should open the accept form")
	}
	want := saved.Expires.Format(time.DateOnly)
	if f.accept.expires != want || f.accept.reason != saved.Reason || f.accept.owner != saved.Owner {
		t.Fatalf("the form offers %+v, want the saved %s, %q, %q", *f.accept, want, saved.Reason, saved.Owner)
	}
	h.press("enter", "enter", "enter", "enter")
	got := h.app.sh.sess.audit.Accepted[failed]
	if got.Expires.Format(time.DateOnly) != want || !strings.Contains(got.Reason, "spring") {
		t.Fatalf("pressing through changed the decision to %+v", got)
	}
}
