package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// newDocument is a viewport for reading a long text: the app's own arrow
// and page keys scroll it, and none of the viewport's letter keys, which
// mean other things here (d marks a fix as done).
func newDocument(k keyMap) viewport.Model {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown}
	vp.MouseWheelEnabled = false // the root hands wheel turns over as mouseMsg
	return vp
}

// scrollDocument scrolls for a key and reports whether the key was one of
// the scrolling ones.
func scrollDocument(vp *viewport.Model, msg tea.KeyPressMsg, k keyMap) bool {
	switch {
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown):
		*vp, _ = vp.Update(msg)
	default:
		return false
	}
	return true
}

// wheelDocument scrolls three lines for a turn of the mouse wheel.
func wheelDocument(vp *viewport.Model, m mouseMsg) {
	switch m.kind {
	case wheelUp:
		vp.ScrollUp(3)
	case wheelDown:
		vp.ScrollDown(3)
	}
}

// scrollHow names the keys that scroll a document.
const scrollHow = "↑↓ pgup pgdn home end or the mouse wheel"

// viewDocument draws the document in the space given. When it is longer
// than the space, the last line says where the reader is and how to move.
func viewDocument(vp *viewport.Model, st styles, width, height int, how string) string {
	vp.SetWidth(width)
	total := vp.TotalLineCount()
	if total <= height {
		vp.SetHeight(max(height, 1))
		vp.GotoTop()
		return vp.View()
	}
	vp.SetHeight(max(height-1, 1))
	vp.SetYOffset(vp.YOffset()) // keeps the offset within the new height
	first := vp.YOffset() + 1
	last := min(vp.YOffset()+vp.Height(), total)
	where := fmt.Sprintf("lines %d–%d of %d · %s", first, last, total, how)
	return vp.View() + "\n" + st.muted.Render(truncate(where, width))
}
