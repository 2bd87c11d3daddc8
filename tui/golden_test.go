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
