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
	// indent, when above zero, wraps a long row onto further lines indented
	// this far instead of cutting it, so what the row says stays whole.
	indent int
	// starts holds the first line of each drawn row, counted from the top
	// of the list at the last draw, so a click can find its row.
	starts []int
	last   int // lines in the last drawn row
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

// Mouse moves the cursor for a wheel turn, or to the row clicked; y counts
// lines from the top of the list. It reports whether a row was clicked.
func (m *menu) Mouse(msg mouseMsg, y int) bool {
	n := len(m.rows)
	if n == 0 {
		return false
	}
	switch msg.kind {
	case wheelUp:
		m.cursor = max(m.cursor-1, 0)
	case wheelDown:
		m.cursor = min(m.cursor+1, n-1)
	case click:
		for i := len(m.starts) - 1; i >= 0; i-- {
			if y >= m.starts[i] && (i < len(m.starts)-1 || y < m.starts[i]+m.last) {
				m.cursor = m.offset + i
				return true
			}
		}
	}
	return false
}

// navKeys are the keys every menu answers to beyond up and down.
func navKeys(k keyMap) []key.Binding { return []key.Binding{k.PageUp, k.PageDown, k.Top, k.Bottom} }

func (m *menu) lines(i, width int) []string {
	if m.indent <= 0 {
		return []string{padRight(truncate(m.rows[i], width-2), width-2)}
	}
	ls := strings.Split(wrap(m.rows[i], width-2), "\n")
	if len(ls) > 1 {
		rest := strings.Split(wrap(strings.Join(ls[1:], " "), width-2-m.indent), "\n")
		ls = ls[:1]
		for _, r := range rest {
			ls = append(ls, strings.Repeat(" ", m.indent)+r)
		}
	}
	for j := range ls {
		ls[j] = padRight(truncate(ls[j], width-2), width-2)
	}
	return ls
}

func (m *menu) View(st styles, width, height int) string {
	m.starts = m.starts[:0]
	if height <= 0 || len(m.rows) == 0 {
		return ""
	}
	m.offset = scrollOffset(m.cursor, m.offset, height, len(m.rows))
	if m.indent > 0 {
		// Rows may take several lines: scroll until the cursor's row fits.
		m.offset = min(m.offset, m.cursor)
		for m.offset < m.cursor {
			used := 0
			for i := m.offset; i <= m.cursor; i++ {
				used += len(m.lines(i, width))
			}
			if used <= height {
				break
			}
			m.offset++
		}
	}
	var out []string
	for i := m.offset; i < len(m.rows) && len(out) < height; i++ {
		m.starts = append(m.starts, len(out))
		ls := m.lines(i, width)
		m.last = len(ls)
		for j, l := range ls {
			if i == m.cursor {
				mark := "  "
				if j == 0 {
					mark = "> "
				}
				out = append(out, st.selected.Render(mark+l))
			} else {
				out = append(out, "  "+l)
			}
		}
	}
	if len(out) > height {
		out = out[:height]
	}
	return strings.Join(out, "\n")
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
