package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// menu is a vertical list with a cursor, used wherever the user picks one of
// a few things. Only the rows that fit are drawn.
type menu struct {
	rows   []string
	cursor int
	offset int
}

func (m *menu) Update(msg tea.KeyPressMsg, k keyMap, height int) {
	n := len(m.rows)
	if n == 0 {
		return
	}
	switch {
	case key.Matches(msg, k.Up):
		m.cursor = (m.cursor - 1 + n) % n
	case key.Matches(msg, k.Down):
		m.cursor = (m.cursor + 1) % n
	case key.Matches(msg, k.PageUp):
		m.cursor = max(m.cursor-max(height-1, 1), 0)
	case key.Matches(msg, k.PageDown):
		m.cursor = min(m.cursor+max(height-1, 1), n-1)
	case key.Matches(msg, k.Top):
		m.cursor = 0
	case key.Matches(msg, k.Bottom):
		m.cursor = n - 1
	}
}

func (m *menu) View(st styles, width, height int) string {
	if height <= 0 || len(m.rows) == 0 {
		return ""
	}
	m.offset = scrollOffset(m.cursor, m.offset, height, len(m.rows))
	var b strings.Builder
	for i := m.offset; i < len(m.rows) && i < m.offset+height; i++ {
		if i > m.offset {
			b.WriteByte('\n')
		}
		row := padRight(truncate(m.rows[i], width-2), width-2)
		if i == m.cursor {
			b.WriteString(st.selected.Render("> " + row))
		} else {
			b.WriteString("  " + row)
		}
	}
	return b.String()
}

// scrollOffset keeps the cursor inside a window of height rows.
func scrollOffset(cursor, offset, height, total int) int {
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+height {
		offset = cursor - height + 1
	}
	return max(0, min(offset, total-height))
}
