package tui

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/ringfence/ringfence/checklist"
)

// newAccessibleHarness is the app as `ringfence --accessible` runs it.
func newAccessibleHarness(t testing.TB, demo bool, w, h int) *harness {
	t.Helper()
	hs := newHarness(t, false, w, h)
	hs.app.sh.opts.Accessible = true
	hs.app.sh.st = newStyles(false, false)
	hs.app.sh.opts.StartDemo = demo
	hs.run(hs.app.Init())
	return hs
}

// accessibleScreens walks to every main screen the way a user would and
// returns what each one shows.
var accessibleScreens = []struct {
	name string
	demo bool
	keys []string
	// prepare runs before the keys, for screens that need an earlier audit;
	// after runs once they are pressed.
	prepare, after func(h *harness)
}{
	{name: "home"},
	{name: "home-demo-row", keys: []string{"down"}},
	{name: "audit", demo: true},
	{name: "audit-next-area", demo: true, keys: []string{"down"}},
	{name: "items", demo: true, keys: []string{"tab", "down"}},
	{name: "results", demo: true, keys: []string{"r"}},
	{name: "results-down", demo: true, keys: []string{"r", "down"}},
	{name: "finding", demo: true, keys: []string{"r", "enter"}},
	{name: "finding-scrolled", demo: true, keys: []string{"r", "enter", "pgdown"}},
	{name: "plan", demo: true, keys: []string{"p"}},
	{name: "export", demo: true, keys: []string{"e"}},
	{name: "compare", demo: true, keys: []string{"c"}, prepare: withPreviousAudit},
	{name: "leavers", demo: true, keys: []string{"l"}},
	{name: "leavers-confirm", demo: true, keys: []string{"l", "tab"}},
	{name: "calls", demo: true, keys: []string{"f"}},
	{name: "calls-found", demo: true, keys: []string{"f"}, after: answerCallsFile},
	{name: "question", demo: true, keys: []string{"enter"}},
	{name: "keys", demo: true, keys: []string{"?"}},
	{name: "site-menu", prepare: withSavedSite, keys: []string{"enter"}},
}

// withPreviousAudit gives the open audit an earlier one to compare with, in
// which one failure had not yet happened and one check had not yet passed.
func withPreviousAudit(h *harness) {
	a := h.app.sh.sess.audit
	prev := *a
	prev.Started = a.Started.AddDate(0, -3, 0)
	prev.Results = append([]checklist.Result(nil), a.Results...)
	flipped := 0
	for i, r := range prev.Results {
		if flipped < 2 && r.Status == checklist.StatusFail {
			prev.Results[i].Status = checklist.StatusPass
			flipped++
		}
	}
	h.app.sh.sess.previous = &prev
}

// answerCallsFile answers the call-records form as a person would at the
// plain prompt, with a file showing fraud from a leaver's extension.
func answerCallsFile(h *harness) {
	s := h.top().(*callsScreen)
	*s.path = writeFile(h.t.(*testing.T), "calls.csv", fraudCalls)
	h.send(formExecDoneMsg{id: s.form.id})
	for s.form != nil { // the business hours, asked once
		h.send(formExecDoneMsg{id: s.form.id})
	}
}

// withSavedSite saves the demo company as a site with one audit, so the
// home screen lists it.
func withSavedSite(h *harness) {
	d := newHarness(h.t.(*testing.T), true, 80, 24)
	a := *d.app.sh.sess.audit
	a.Site = "Harbour Dental"
	if err := h.store.CreateSite(checklist.Site{Name: a.Site}); err != nil {
		h.t.Fatal(err)
	}
	if err := putAudit(h.t, h.store, &a); err != nil {
		h.t.Fatal(err)
	}
	h.run(h.app.stack[0].(*home).init())
}

func accessibleScreen(t *testing.T, name string, demo bool, keys []string, prepare, after func(*harness), w, hgt int) string {
	t.Helper()
	h := newAccessibleHarness(t, demo, w, hgt)
	if prepare != nil {
		prepare(h)
	}
	// The program draws after every key; some screens lay out on drawing.
	for _, k := range keys {
		h.press(k)
		h.screen()
	}
	if after != nil {
		after(h)
	}
	return h.screen()
}

// TestAccessibleGolden keeps what each screen reads like in accessible mode
// at the smallest window.
func TestAccessibleGolden(t *testing.T) {
	t.Parallel()
	for _, sc := range accessibleScreens {
		t.Run(sc.name, func(t *testing.T) {
			golden.RequireEqual(t, accessibleScreen(t, sc.name, sc.demo, sc.keys, sc.prepare, sc.after, 80, 24))
		})
	}
}

// TestAccessibleScreensAreLinearText fails if any screen in accessible mode
// draws a box, a bar, or says a status with a mark alone.
func TestAccessibleScreensAreLinearText(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, sc := range accessibleScreens {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				s := accessibleScreen(t, sc.name, sc.demo, sc.keys, sc.prepare, sc.after, size[0], size[1])
				for n, line := range strings.Split(s, "\n") {
					if bad := drawnNotSaid(line); bad != "" {
						t.Errorf("line %d has %s: %q\nwhole screen:\n%s", n+1, bad, line, s)
						return
					}
				}
			})
		}
	}
}

// drawnNotSaid names what in a line a screen reader cannot follow: box
// drawing, block elements, or a status mark standing alone as a word.
func drawnNotSaid(line string) string {
	for _, r := range line {
		switch {
		case r >= 0x2500 && r <= 0x257F:
			return fmt.Sprintf("box drawing %q", r)
		case r >= 0x2580 && r <= 0x259F:
			return fmt.Sprintf("a block element %q", r)
		case r == '✓' || r == '✗' || r == '•' || r == '·' || r == '→' || r == '↑' || r == '↓':
			return fmt.Sprintf("the symbol %q", r)
		}
	}
	for _, f := range strings.FieldsFunc(line, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' }) {
		if f == "?" || f == "~" || f == "-" || f == ">" {
			return fmt.Sprintf("the mark %q used alone", f)
		}
	}
	return ""
}

func TestDrawnNotSaid(t *testing.T) {
	t.Parallel()
	for line, bad := range map[string]bool{
		"│ Score 37/100":                     true,
		"██████░░░░":                         true,
		"✓ pass":                             true,
		"? Phones and endpoints":             true,
		"> PIN-06 Voicemail PINs":            true,
		"Phones and endpoints: score 37.":    false,
		"Keys: question mark for all keys.":  false,
		"Status: failed. Severity: high.":    false,
		"What is the caller ID? Answer here": false,
	} {
		if got := drawnNotSaid(line) != ""; got != bad {
			t.Errorf("drawnNotSaid(%q) found something = %v, want %v", line, got, bad)
		}
	}
}
