package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors/threecx"
)

// flat joins text the way a reader does: line breaks and runs of spaces
// are one space, and form borders are not words.
func flat(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("┃", " ", "│", " ").Replace(s)), " ")
}

// column is the text of each line from rune from to rune to (to < 0: to the end).
func column(screen string, from, to int) string {
	var out []string
	for _, l := range strings.Split(screen, "\n") {
		r := []rune(l)
		end := len(r)
		if to >= 0 {
			end = min(to, len(r))
		}
		if from < end {
			out = append(out, string(r[from:end]))
		}
	}
	return strings.Join(out, "\n")
}

// paneOf is the audit screen's right-hand pane, without the sidebar.
func paneOf(h *harness) string {
	screen := h.screen()
	return column(screen, h.top().(*auditScreen).sideWidth()+1, -1)
}

var sizes = [][2]int{{80, 24}, {120, 40}}

func name(s string, size [2]int) string { return fmt.Sprintf("%s-%dx%d", s, size[0], size[1]) }

// The text people act on is shown whole at the smallest window, never cut.
func TestWholeTextWhereItMatters(t *testing.T) {
	t.Parallel()
	for _, size := range sizes {
		t.Run(name("first-action", size), func(t *testing.T) {
			h := newHarness(t, true, size[0], size[1])
			h.press("r")
			first := h.app.sh.sess.audit.Plan[0].Action
			// The actions stand right of the area scores: read that column.
			leftW := min(52, (size[0]-2)/2)
			var col []string
			for _, l := range strings.Split(h.screen(), "\n") {
				if r := []rune(l); len(r) > leftW+3 {
					col = append(col, string(r[leftW+3:]))
				}
			}
			if !strings.Contains(flat(strings.Join(col, "\n")), flat(first)) {
				t.Fatalf("Results does not show the first action whole: %q\n%s", first, h.screen())
			}
		})
		t.Run(name("plan-row", size), func(t *testing.T) {
			h := newHarness(t, true, size[0], size[1])
			h.press("p")
			for _, a := range h.app.sh.sess.audit.Plan[:2] {
				if !strings.Contains(flat(h.screen()), flat(a.Action)) {
					t.Fatalf("the plan does not show %q whole:\n%s", a.Action, h.screen())
				}
			}
		})
		t.Run(name("item-detail", size), func(t *testing.T) {
			h := newHarness(t, true, size[0], size[1])
			h.press("tab", "down")
			au := h.top().(*auditScreen)
			r := au.table.rows[au.table.shown[au.table.cursor]]
			want := fmt.Sprintf("%s %s %s: %s — %s", r.check, r.kind, r.id, r.label, r.detail)
			if !strings.Contains(flat(paneOf(h)), flat(want)) {
				t.Fatalf("the chosen item is not shown whole: %q\n%s", want, h.screen())
			}
		})
		t.Run(name("areas", size), func(t *testing.T) {
			h := newHarness(t, true, size[0], size[1])
			screen := h.screen()
			// Names stand after the padding, the area's mark and a space.
			names := column(screen, 3, 3+h.top().(*auditScreen).sideWidth()-10)
			for _, d := range checklist.Domains {
				text := names
				if size[0] < wideFrom {
					text = flat(text) // at 80 columns a long name may wrap
				}
				if !strings.Contains(text, d.Title()) {
					t.Errorf("the sidebar does not name %q whole:\n%s", d.Title(), names)
				}
			}
		})
		t.Run(name("back-key", size), func(t *testing.T) {
			h := newHarness(t, true, size[0], size[1])
			h.press("r", "enter")
			lines := strings.Split(h.screen(), "\n")
			if help := lines[len(lines)-1]; !strings.Contains(help, "esc back") || strings.Contains(help, "…") {
				t.Fatalf("the help line cuts a hint or leaves out the way back: %q", help)
			}
		})
	}
}

// A question says why its check matters, from the catalogue, and gives the
// question's own hint under a label of its own.
func TestQuestionSaysWhyItMatters(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 120, 40)
	h.press("enter")
	ch := h.top().(*auditScreen).q.check
	got := flat(paneOf(h))
	if !strings.Contains(got, flat("Why this matters: "+ch.Why)) {
		t.Fatalf("the question does not give the check's reason %q:\n%s", ch.Why, h.screen())
	}
	if ch.Question.Help != "" && strings.Contains(got, "Why this matters: "+flat(ch.Question.Help)) {
		t.Fatalf("the hint about where to look is labelled as the reason:\n%s", h.screen())
	}
}

// Every line of the 3CX set-up steps can be brought into view at 80x24.
func TestSetUpStepsReachable(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false, 80, 24)
	h.press("n")
	h.typeText("Acme")
	h.press("enter")
	h.typeText("Jo")
	h.press("enter")
	for i, k := range testKinds.Sorted() {
		if k.Name == threecx.Name {
			for range i + 1 {
				h.press("down")
			}
		}
	}
	h.press("enter")
	h.mustSee("Address of the 3CX admin page")
	seen := h.screen()
	for range 30 {
		h.press("pgdown")
		seen += "\n" + h.screen()
	}
	guide := "Give Ringfence read-only access: " + threecx.Kind().LeastPrivilege
	for _, l := range strings.Split(wrap(guide, 78), "\n") {
		if !strings.Contains(seen, strings.TrimSpace(l)) {
			t.Fatalf("this line of the set-up steps never comes into view: %q\nlast screen:\n%s", l, h.screen())
		}
	}
	// Paging must not have typed into the form or left it.
	h.mustSee("Address of the 3CX admin page")
	// Further down the form, the field being filled in stays in sight with
	// the line to type on.
	h.typeText("https://pbx.example")
	h.press("enter")
	h.typeText("12")
	h.press("enter")
	h.typeText("x")
	h.press("enter")
	if !strings.Contains(h.screen(), "┃ Read call history") || !strings.Contains(h.screen(), "┃ >") {
		t.Fatalf("the field being filled in is out of sight:\n%s", h.screen())
	}
}

// Each key ? lists for a screen does something there: opening, moving,
// scrolling or going back. The rest of the app's keys are not listed.
func TestHelpListsOnlyKeysThatWork(t *testing.T) {
	t.Parallel()
	screens := []struct {
		name  string
		demo  bool
		setup []string
	}{
		{"home", false, nil},
		{"areas", true, nil},
		{"items", true, []string{"tab"}},
		{"results", true, []string{"r"}},
		{"finding", true, []string{"r", "enter"}},
		{"plan", true, []string{"p"}},
		{"leavers", true, []string{"l"}},
		// Forms (export, new site, questions) take ? as typing, so they
		// have no key list to check.
	}
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, sc.demo, 80, 24)
			h.press(sc.setup...)
			groups := h.app.helpKeys()
			for _, b := range slices.Concat(groups...) {
				k := b.Keys()[0]
				if k == "?" || k == "q" || k == "ctrl+c" {
					continue
				}
				// A key counts if it changes the screen from the first row
				// or from the second (paging up does nothing at the top).
				works := false
				for _, before := range [][]string{nil, {"down"}, {"down", "down"}} {
					h := newHarness(t, sc.demo, 80, 24)
					h.press(sc.setup...)
					// The program draws after every message; so does this.
					h.screen()
					for _, b := range before {
						h.press(b)
						h.screen()
					}
					was, depth := h.screen(), len(h.app.stack)
					h.press(k)
					if h.screen() != was || len(h.app.stack) != depth || h.quit {
						works = true
						break
					}
				}
				if !works {
					t.Errorf("? on %s lists %q (%s) but it does nothing", sc.name, k, b.Help().Desc)
				}
			}
		})
	}
}

func wheel(h *harness, up bool, x, y int) {
	b := tea.MouseWheelDown
	if up {
		b = tea.MouseWheelUp
	}
	h.send(tea.MouseWheelMsg{X: x, Y: y, Button: b})
}

func clickAt(h *harness, x, y int) { h.send(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}) }

// lineOf finds the window line that holds text.
func lineOf(t *testing.T, h *harness, text string) int {
	t.Helper()
	for i, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, text) {
			return i
		}
	}
	t.Fatalf("%q is not on screen:\n%s", text, h.screen())
	return 0
}

func TestMouseWheelAndClicks(t *testing.T) {
	t.Parallel()
	t.Run("mouse is on", func(t *testing.T) {
		h := newHarness(t, true, 80, 24)
		if m := h.app.View().MouseMode; m != tea.MouseModeCellMotion {
			t.Fatalf("mouse mode is %v, want cell motion", m)
		}
	})
	t.Run("wheel moves through findings", func(t *testing.T) {
		h := newHarness(t, true, 80, 24)
		h.press("r")
		r := h.top().(*results)
		wheel(h, false, 10, 20)
		wheel(h, false, 10, 20)
		wheel(h, true, 10, 20)
		if r.list.cursor != 1 {
			t.Fatalf("after down, down, up the cursor is on row %d, want 1", r.list.cursor)
		}
	})
	t.Run("click picks a finding", func(t *testing.T) {
		h := newHarness(t, true, 80, 24)
		h.press("r")
		r := h.top().(*results)
		third := r.findings[2].CheckID
		clickAt(h, 20, lineOf(t, h, " "+third+" "))
		if r.list.cursor != 2 {
			t.Fatalf("clicking %s put the cursor on row %d", third, r.list.cursor)
		}
		h.press("enter")
		h.mustSee("Finding " + third)
	})
	t.Run("click picks a plan row", func(t *testing.T) {
		h := newHarness(t, true, 80, 24)
		h.press("p")
		p := h.top().(*planScreen)
		clickAt(h, 5, lineOf(t, h, "   3   "))
		if p.list.cursor != 2 {
			t.Fatalf("clicking row 3 put the cursor on row %d", p.list.cursor+1)
		}
		// A click on the wrapped second line of a row picks that row too.
		clickAt(h, 50, lineOf(t, h, "   2   ")+1)
		if p.list.cursor != 1 {
			t.Fatalf("clicking the second line of row 2 put the cursor on row %d", p.list.cursor+1)
		}
	})
	t.Run("click picks an area and an item", func(t *testing.T) {
		h := newHarness(t, true, 80, 24)
		au := h.top().(*auditScreen)
		clickAt(h, 3, lineOf(t, h, "Network exposure"))
		if d := checklist.Domains[au.area]; d != checklist.DomainNetwork {
			t.Fatalf("clicking Network exposure chose %s", d)
		}
		clickAt(h, 3, lineOf(t, h, "Phones and endpoints"))
		first := au.table.rows[0].id
		clickAt(h, 50, lineOf(t, h, first)+1)
		if au.focus != focusItems || au.table.cursor != 1 {
			t.Fatalf("clicking the second item left focus %v and cursor %d", au.focus, au.table.cursor)
		}
	})
	t.Run("wheel scrolls a finding", func(t *testing.T) {
		h := newHarness(t, true, 80, 24)
		h.press("r", "enter")
		top := h.screen()
		wheel(h, false, 10, 10)
		if h.screen() == top {
			t.Fatal("the wheel did not scroll the finding")
		}
		h.mustSee("lines 4–")
		wheel(h, true, 10, 10)
		if h.screen() != top {
			t.Fatal("the wheel up did not scroll back to the top")
		}
	})
}
