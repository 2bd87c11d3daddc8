package tui

import (
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
)

// answerOne changes the demo audit as a person answering a question would.
func answerOne(t *testing.T, h *harness) {
	t.Helper()
	cat := h.app.sh.opts.Catalogue
	for _, ch := range cat.Checks {
		if ch.Question == nil || len(ch.Question.Options) == 0 {
			continue
		}
		save, err := h.app.sh.change(core.Answer(cat, ch.ID, checklist.Answer{Value: ch.Question.Options[0].Value}, fixedNow))
		if err != nil {
			t.Fatal(err)
		}
		h.run(save)
		return
	}
	t.Fatal("the catalogue has no question to answer")
}

// The demo is never saved, so it must never say "Saved.", and it must say how
// to keep it.
func TestDemoNeverSaysSaved(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	h.press("enter")
	for i := 0; i < 40 && !strings.Contains(h.screen(), "Next area"); i++ {
		h.press("enter")
	}
	h.mustSee("Next area")
	if s := h.screen(); strings.Contains(s, "Saved.") {
		t.Errorf("the demo says it saved:\n%s", s)
	}
	h.mustSee("not saved")
}

// Leaving a changed demo warns first: its changes are lost unless saved as
// a site. A second back leaves; an unchanged demo leaves at once.
func TestLeavingAChangedDemoWarnsFirst(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	answerOne(t, h)
	h.press("esc")
	if h.app.sh.sess == nil {
		t.Fatal("a changed demo was left without a word")
	}
	h.mustSee("lost")
	h.mustSee("save it as a site")
	h.press("esc")
	if h.app.sh.sess != nil {
		t.Fatal("back again should leave the demo")
	}

	plain := newHarness(t, true, 80, 24)
	plain.press("esc")
	if plain.app.sh.sess != nil {
		t.Fatal("an unchanged demo should be left at once")
	}
}

// In the demo, the call-records screen with no file looks through the demo
// company's own call records and finds what its audit's MON-02 found.
func TestDemoCallRecordsNeedNoFile(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	var mon checklist.Result
	for _, r := range h.app.sh.sess.audit.Results {
		if r.CheckID == "MON-02" {
			mon = r
		}
	}
	if len(mon.Affected) == 0 {
		t.Fatalf("the demo's MON-02 should find its leaver's night calls: %+v", mon)
	}
	before := h.app.sh.sess.audit.Answers["MON-02"]
	h.press("f")
	h.mustSee("empty")
	h.press("enter", "enter", "enter") // no file, the usual hours, no column mapping
	h.mustSee("the demo company's own call records")
	c, ok := h.top().(*callsScreen)
	if !ok || c.result == nil {
		t.Fatalf("no result from the demo's own calls: %T %+v", h.top(), c)
	}
	if len(c.result.incidents) != len(mon.Affected) {
		t.Errorf("found %d incidents, MON-02 found %d", len(c.result.incidents), len(mon.Affected))
	}
	var details []string
	for _, in := range c.result.incidents {
		details = append(details, in.Explanation)
	}
	for _, it := range mon.Affected {
		if !strings.Contains(strings.Join(details, "\n"), it.Detail) {
			t.Errorf("MON-02 found %q, which the screen's review does not", it.Detail)
		}
	}
	if after := h.app.sh.sess.audit.Answers["MON-02"]; after != before {
		t.Error("the demo's own calls are not a file to record as MON-02's answer")
	}
}
