package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// scrollDoc is a block of lines read with the arrow and page keys. Only the
// lines that fit are drawn; a last line says where the reader is when the
// block is longer than the space.
type scrollDoc struct {
	lines  []string
	offset int
	height int // lines shown at the last draw, for paging
}

func (d *scrollDoc) set(lines []string) {
	d.lines = lines
	d.offset = min(d.offset, d.maxOffset(d.height))
}

func (d *scrollDoc) maxOffset(height int) int {
	if len(d.lines) <= height {
		return 0
	}
	return len(d.lines) - max(height-1, 1)
}

// Update scrolls for a key; it reports whether the key was used.
func (d *scrollDoc) Update(msg tea.KeyPressMsg, k keyMap) bool {
	page := max(d.height-2, 1)
	last := d.maxOffset(d.height)
	switch {
	case key.Matches(msg, k.Up):
		d.offset = max(d.offset-1, 0)
	case key.Matches(msg, k.Down):
		d.offset = min(d.offset+1, last)
	case key.Matches(msg, k.PageUp):
		d.offset = max(d.offset-page, 0)
	case key.Matches(msg, k.PageDown):
		d.offset = min(d.offset+page, last)
	case key.Matches(msg, k.Top):
		d.offset = 0
	case key.Matches(msg, k.Bottom):
		d.offset = last
	default:
		return false
	}
	return true
}

func (d *scrollDoc) View(st styles, width, height int) string {
	d.height = max(height, 1)
	if len(d.lines) <= d.height {
		d.offset = 0
		return strings.Join(d.lines, "\n")
	}
	shown := d.height - 1 // the last line says where the reader is
	d.offset = min(d.offset, d.maxOffset(d.height))
	end := min(d.offset+shown, len(d.lines))
	out := append([]string{}, d.lines[d.offset:end]...)
	where := fmt.Sprintf("lines %d–%d of %d · ↑↓ pgup pgdn to scroll", d.offset+1, end, len(d.lines))
	out = append(out, st.muted.Render(truncate(where, width)))
	return strings.Join(out, "\n")
}

// cleanPath tidies a file path as people type or drop it into a terminal:
// spaces and quotes round it, and ~ for the home folder.
func cleanPath(p string) string {
	p = strings.TrimSpace(p)
	if len(p) >= 2 && (p[0] == '\'' || p[0] == '"') && p[len(p)-1] == p[0] {
		p = p[1 : len(p)-1]
	}
	if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`) {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, p[1:])
		}
	}
	return p
}

// wrapIndent wraps text to width with every line after the first indented.
func wrapIndent(s string, width int, first, rest string) []string {
	lines := strings.Split(wrap(s, max(width-len([]rune(rest)), 10)), "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = rest + lines[i]
		}
	}
	return lines
}

// fileQuestion asks for a file's path.
func fileQuestion(sh *shared, title, desc string, value *string) []huh.Field {
	return described(sh, huh.NewInput().Title(title).Value(value).Validate(required("the path of the file")), title, desc)
}

// described gives an input its description. In accessible mode huh reads out
// only an input's title, so there the description goes in a note read first.
func described(sh *shared, in *huh.Input, title, desc string) []huh.Field {
	if sh.opts.Accessible {
		return []huh.Field{huh.NewNote().Title(title).Description(desc), in}
	}
	return []huh.Field{in.Description(desc)}
}
