package tui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

// The reported case: save the demo as a site, start a new audit the same
// day, and compare. A run from minutes ago is not the last visit, so the
// user picks it; the comparison must then agree with the scores it shows.
func TestCompareAfterSavingTheDemoAgreesWithTheScores(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 100, 40)
	h.press("s", "enter")
	name := h.app.sh.sess.name()
	if h.app.sh.sess.demo || !strings.Contains(name, "practice") {
		t.Fatalf("the demo was not saved as a site: %q", name)
	}
	// The new audit starts ten minutes later, the same day.
	h.app.sh.opts.Now = func() time.Time { return fixedNow.Add(10 * time.Minute) }
	h.press("esc")
	h.send(siteChosenMsg{name: name, fresh: true})
	if h.app.sh.sess.previous != nil {
		t.Fatal("an audit from minutes ago is not the last visit")
	}
	h.press("c")
	c, ok := h.top().(*compareScreen)
	if !ok {
		t.Fatalf("c should open the comparison even with no earlier visit, got %T", h.top())
	}
	h.mustSee("No audit from an earlier day")
	h.press("b")
	if h.app.sh.sess.previous == nil {
		t.Fatalf("b should pick the earlier audit from today:\n%s", h.screen())
	}
	screen := h.screen()
	m := regexp.MustCompile(`Score then (\d+)/100, now (\d+)/100`).FindStringSubmatch(screen)
	if m == nil {
		t.Fatalf("no scores on the comparison:\n%s", screen)
	}
	then, _ := strconv.Atoi(m[1])
	now, _ := strconv.Atoi(m[2])
	if now < then && strings.Contains(screen, "Got worse (0)") && strings.Contains(screen, "New problems (0)") && !strings.Contains(screen, "Not checked this time") {
		t.Fatalf("the score fell %d to %d with nothing listed to explain it:\n%s", then, now, screen)
	}
	cmp := checklistCompare(h)
	for _, ch := range cmp.Fixed {
		if ch.Before == checklist.StatusFail && ch.After == checklist.StatusPass && ch.CheckID == "EP-03" {
			t.Fatalf("EP-03 is called fixed on an old answer alone:\n%s", screen)
		}
	}
	_ = c
}

func checklistCompare(h *harness) checklist.Comparison {
	return checklist.Compare(h.app.sh.sess.previous.Results, h.app.sh.sess.audit.Results)
}

// Two audits judged by different check catalogues: the comparison says so in
// plain words, in the usual view and the accessible one, so a change of rules
// is not read as a change on the phone system.
func TestCompareWarnsWhenTheRulesDiffer(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 100, 40)
	h.press("s", "enter")
	name := h.app.sh.sess.name()
	h.app.sh.opts.Now = func() time.Time { return fixedNow.Add(10 * time.Minute) }
	h.press("esc")
	h.send(siteChosenMsg{name: name, fresh: true})
	h.press("c", "b")
	c, ok := h.top().(*compareScreen)
	prev := h.app.sh.sess.previous
	if !ok || prev == nil || prev.JudgedBy == nil {
		t.Fatalf("no comparison with an earlier audit that records its rules:\n%s", h.screen())
	}
	views := func() map[string]string {
		return map[string]string{
			"usual":      strings.Join(strings.Fields(h.screen()), " "),
			"accessible": strings.Join(strings.Fields(c.accessibleView(100, 40)), " "),
		}
	}
	for name, view := range views() {
		if strings.Contains(view, "different rules") {
			t.Errorf("%s view: audits judged by the same rules get a warning:\n%s", name, view)
		}
	}
	older := *prev.JudgedBy
	older.Catalogue = 0
	prev.JudgedBy = &older
	for name, view := range views() {
		if !strings.Contains(view, "judged by different rules (check catalogue version 0 then,") {
			t.Errorf("%s view: no warning of a different catalogue:\n%s", name, view)
		}
	}
}
