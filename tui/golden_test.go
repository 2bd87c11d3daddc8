package tui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestGolden keeps what each screen looks like, without colour, at the
// smallest supported window and a roomier one. Run `go test ./tui -update`
// after a deliberate change and read the diff.
func TestGolden(t *testing.T) {
	t.Parallel()
	screens := []struct {
		name string
		demo bool
		keys []string
	}{
		{"home", false, nil},
		{"audit", true, nil},
		{"items", true, []string{"tab", "down"}},
		{"question", true, []string{"enter"}},
		{"results", true, []string{"r"}},
		{"finding", true, []string{"r", "enter"}},
		{"plan", true, []string{"p"}},
		{"keys", true, []string{"?"}},
		{"export", true, []string{"e"}},
		{"export-pdf", true, []string{"e", "enter", "enter"}},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				h := newHarness(t, sc.demo, size[0], size[1])
				h.press(sc.keys...)
				golden.RequireEqual(t, h.screen())
			})
		}
	}
}

// TestGoldenFiles keeps the screens that read a file: the leavers report, the
// matches to confirm, the call records found and a certificate to trust.
func TestGoldenFiles(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		name := func(s string) string { return fmt.Sprintf("%s-%dx%d", s, size[0], size[1]) }
		t.Run(name("leavers"), func(t *testing.T) {
			h := newHarness(t, true, size[0], size[1])
			h.press("l")
			golden.RequireEqual(t, h.screen())
		})
		t.Run(name("leavers-confirm"), func(t *testing.T) {
			path := writeFile(t, "staff.csv", demoStaffList)
			h := newHarness(t, true, size[0], size[1])
			h.press("l", "i")
			h.typeText(path)
			h.press("enter", "tab")
			golden.RequireEqual(t, h.screen())
		})
		t.Run(name("calls"), func(t *testing.T) {
			path := writeFile(t, "calls.csv", fraudCalls)
			h := newHarness(t, true, size[0], size[1])
			h.press("f")
			h.typeText(path)
			h.press("enter", "enter", "enter")
			golden.RequireEqual(t, h.screen())
		})
		t.Run(name("certificate"), func(t *testing.T) {
			presentCert(t, certA)
			h := newHarness(t, false, size[0], size[1])
			addCertSite(h)
			golden.RequireEqual(t, h.screen())
		})
	}
}
