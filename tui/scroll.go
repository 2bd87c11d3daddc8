package tui

import (
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// scrollDoc is a block of lines read with the arrow, page, home and end
// keys or the mouse wheel, in a bubbles viewport. When the block is longer
// than the space, a last line says where the reader is.
type scrollDoc struct {
	vp    viewport.Model
	ready bool
}

func (d *scrollDoc) init(k keyMap) {
	if !d.ready {
		d.vp, d.ready = newDocument(k), true
	}
}

func (d *scrollDoc) set(lines []string) {
	d.init(newKeyMap())
	d.vp.SetContentLines(lines)
}

// top goes back to the first line, for a new document.
func (d *scrollDoc) top() { d.vp.GotoTop() }

// Update scrolls for a key; it reports whether the key was used.
func (d *scrollDoc) Update(msg tea.KeyPressMsg, k keyMap) bool {
	d.init(k)
	return scrollDocument(&d.vp, msg, k)
}

// Mouse scrolls for a turn of the wheel.
func (d *scrollDoc) Mouse(m mouseMsg) { wheelDocument(&d.vp, m) }

func (d *scrollDoc) View(st styles, width, height int) string {
	d.init(newKeyMap())
	return viewDocument(&d.vp, st, width, max(height, 1), scrollHow)
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
		return readFirst(sh, title, desc, in)
	}
	return []huh.Field{in.Description(desc)}
}

// readFirst puts a question's meaning in a note read out before it in
// accessible mode, where huh reads only a select's or a confirm's title: no
// one should agree to send packets, close an incident or choose a source
// without hearing what that means.
func readFirst(sh *shared, title, desc string, f huh.Field) []huh.Field {
	if sh.opts.Accessible {
		return []huh.Field{huh.NewNote().Title(title).Description(desc), f}
	}
	return []huh.Field{f}
}
