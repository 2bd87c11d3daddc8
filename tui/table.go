package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// itemRow is one affected item, flattened for drawing and filtering.
type itemRow struct {
	check, kind, id, label, detail string
	search                         string // lower-case text the filter matches
}

func rowsFor(results []checklist.Result) []itemRow {
	var rows []itemRow
	for _, r := range results {
		for _, it := range r.Affected {
			rows = append(rows, itemRow{
				check: safetext.Line(r.CheckID), kind: safetext.Line(it.Kind), id: safetext.Line(it.ID),
				label: safetext.Line(it.Label), detail: safetext.Line(it.Detail),
				search: strings.ToLower(strings.Join([]string{r.CheckID, it.Kind, it.ID, it.Label, it.Detail}, " ")),
			})
		}
	}
	return rows
}

// itemTable lists affected items: scrollable, filterable with /, and drawing
// only the rows that fit, so ten thousand phones cost no more than twenty.
type itemTable struct {
	rows      []itemRow
	shown     []int // indices into rows that pass the filter
	cursor    int
	offset    int
	filter    textinput.Model
	filtering bool
	drawn     int // rows drawn at the last draw
}

func newItemTable(rows []itemRow) itemTable {
	t := itemTable{rows: rows, filter: textinput.New()}
	t.filter.Prompt = "/ "
	t.filter.Placeholder = "type to filter, enter to keep, esc to clear"
	t.applyFilter()
	return t
}

func (t *itemTable) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(t.filter.Value()))
	t.shown = t.shown[:0]
	for i := range t.rows {
		if q == "" || strings.Contains(t.rows[i].search, q) {
			t.shown = append(t.shown, i)
		}
	}
	t.cursor = min(t.cursor, max(len(t.shown)-1, 0))
}

// Update handles a key; it reports whether the key was used.
func (t *itemTable) Update(msg tea.KeyPressMsg, k keyMap, height int) (bool, tea.Cmd) {
	if t.filtering {
		switch msg.String() {
		case "enter":
			t.filtering = false
			t.filter.Blur()
			return true, nil
		case "esc":
			t.filtering = false
			t.filter.Blur()
			t.filter.SetValue("")
			t.applyFilter()
			return true, nil
		}
		var cmd tea.Cmd
		t.filter, cmd = t.filter.Update(msg)
		t.applyFilter()
		return true, cmd
	}
	page := max(t.visible(height)-1, 1)
	n := len(t.shown)
	switch {
	case key.Matches(msg, k.Filter):
		t.filtering = true
		return true, t.filter.Focus()
	case key.Matches(msg, k.ClearFilter) && t.filter.Value() != "":
		t.filter.SetValue("")
		t.applyFilter()
	case key.Matches(msg, k.Up):
		t.cursor = max(t.cursor-1, 0)
	case key.Matches(msg, k.Down):
		t.cursor = min(t.cursor+1, max(n-1, 0))
	case key.Matches(msg, k.PageUp):
		t.cursor = max(t.cursor-page, 0)
	case key.Matches(msg, k.PageDown):
		t.cursor = min(t.cursor+page, max(n-1, 0))
	case key.Matches(msg, k.Top):
		t.cursor = 0
	case key.Matches(msg, k.Bottom):
		t.cursor = max(n-1, 0)
	default:
		return false, nil
	}
	return true, nil
}

// wheel moves the cursor a row for a turn of the mouse wheel.
func (t *itemTable) wheel(k mouseKind) {
	if k == wheelUp {
		t.cursor = max(t.cursor-1, 0)
	} else {
		t.cursor = min(t.cursor+1, max(len(t.shown)-1, 0))
	}
}

// click picks the row drawn on line y of the rows, counted from the first;
// it reports whether there was one. Rows drawn are those from the offset.
func (t *itemTable) click(y int) bool {
	if y < 0 || y >= t.drawn {
		return false
	}
	t.cursor = t.offset + y
	return true
}

// visible is how many item rows fit under the heading and filter lines.
func (t *itemTable) visible(height int) int { return max(height-2, 1) }

func (t *itemTable) View(st styles, width, height int, focused bool) string {
	var b strings.Builder
	t.drawn = 0
	if t.filtering || t.filter.Value() != "" {
		b.WriteString(truncate(t.filter.View(), width))
	} else {
		b.WriteString(st.muted.Render(fmt.Sprintf("%d %s · / to filter", len(t.rows), plural(len(t.rows), "item", "items"))))
	}
	b.WriteByte('\n')
	fit := tableLine(width - 2)
	line := func(c, k, id, label, detail string) string { return "  " + fit(c, k, id, label, detail) }
	b.WriteString(st.tableHead.Render(line("Check", "Kind", "ID", "Name", "Why it is listed")))
	if len(t.shown) == 0 {
		b.WriteString("\n" + st.muted.Render("Nothing matches the filter."))
		return b.String()
	}
	rows := t.visible(height)
	var detail []string
	if focused && t.cursor < len(t.shown) {
		// The chosen row in full, wrapped at spaces, with the room there is:
		// at least one table row stays in sight above it.
		r := &t.rows[t.shown[t.cursor]]
		full := fmt.Sprintf("%s %s %s: %s", r.check, r.kind, r.id, r.label)
		if r.detail != "" {
			full += " — " + r.detail
		}
		detail = strings.Split(wrap(full, width), "\n")
		if room := max(rows-2, 1); len(detail) > room {
			detail = append(detail[:room-1], truncate(strings.Join(detail[room-1:], " "), width))
		}
		rows = max(rows-len(detail)-1, 1)
	}
	t.offset = scrollOffset(t.cursor, t.offset, rows, len(t.shown))
	t.drawn = min(rows, len(t.shown)-t.offset)
	for i := t.offset; i < len(t.shown) && i < t.offset+rows; i++ {
		r := &t.rows[t.shown[i]]
		l := line(r.check, r.kind, r.id, r.label, r.detail)
		b.WriteByte('\n')
		if focused && i == t.cursor {
			b.WriteString(st.selected.Render("> " + l[2:]))
		} else {
			b.WriteString(l)
		}
	}
	for i, l := range detail {
		if i == 0 {
			b.WriteString("\n\n" + st.bold.Render(l))
		} else {
			b.WriteString("\n" + l)
		}
	}
	return b.String()
}

// tableLine lays out a row for the width: narrow panes drop the kind column
// and join the name and the reason, so what matters stays readable at 80x24.
func tableLine(width int) func(c, k, id, label, detail string) string {
	if width < 70 {
		rest := max(width-7-17-2, 10)
		return func(c, k, id, label, detail string) string {
			text := label
			if detail != "" {
				text += " — " + detail
			}
			if label == "Name" {
				text = "Name — why it is listed"
			}
			return cell(c, 7) + " " + cell(id, 17) + " " + cell(text, rest)
		}
	}
	rest := max(width-7-10-17-4, 10)
	labelW := rest * 2 / 5
	detailW := rest - labelW
	return func(c, k, id, label, detail string) string {
		return cell(c, 7) + " " + cell(k, 10) + " " + cell(id, 17) + " " + cell(label, labelW) + " " + cell(detail, detailW)
	}
}
