package tui

import (
	"fmt"
	"regexp"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// In accessible mode every screen is plain lines read top to bottom: a
// heading as a sentence, one idea a line, numbered lists, the selection and
// the keys said in words. Nothing is drawn with boxes, bars, marks or colour,
// because a screen reader reads those as noise or not at all.

// renderAccessible draws the whole window as linear text.
func (a *app) renderAccessible() string {
	inner := a.width - 2
	where := safetext.Line(a.top().Title())
	if name := a.sh.sess.name(); name != "" {
		where += ", " + safetext.Line(name)
		if a.sh.sess.demo {
			where += " (demo, nothing is saved)"
		}
	}
	var lines []string
	lines = append(lines, wrapLines("Ringfence: "+where+".", inner)...)
	if stale := a.staleAdvice(); stale != "" {
		lines = append(lines, wrapLines("Warning: "+safetext.Line(stale), inner)...)
	}
	if a.note.text != "" {
		prefix := ""
		if a.note.bad {
			prefix = "Problem: "
		}
		for _, l := range strings.Split(plainMarks(safetext.Text(a.note.text)), "\n") {
			lines = append(lines, wrapLines(prefix+l, inner)...)
		}
	}
	keys := wrapLines(keySentence(a.top().Keys()), inner)
	bodyHeight := max(a.height-len(lines)-2-len(keys), 1) // a blank line above and below the body
	var body string
	if a.fullHelp {
		body = a.accessibleKeyList(inner)
	} else {
		body = a.top().View(inner, bodyHeight)
	}
	body = fitHeight(plainLines(body, inner), bodyHeight, inner)
	out := strings.Join(lines, "\n") + "\n\n" + body + "\n\n" + strings.Join(keys, "\n")
	return a.sh.st.app.Render(out)
}

// accessibleKeyList says every key, one a line.
func (a *app) accessibleKeyList(width int) string {
	k := a.sh.keys
	var out []string
	out = append(out, "Keys on this screen and everywhere:")
	seen := map[string]bool{}
	all := append(append([]key.Binding{}, a.top().Keys()...), k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Enter, k.Back, k.Help, k.Quit, k.ForceQuit)
	for _, b := range all {
		h := b.Help()
		line := keyName(h.Key) + ": " + h.Desc + "."
		if h.Key == "" || seen[line] {
			continue
		}
		seen[line] = true
		out = append(out, wrapLines(line, width)...)
	}
	out = append(out, "Press any key to close this list.")
	return strings.Join(out, "\n")
}

// keySentence says a screen's keys as one sentence.
func keySentence(bs []key.Binding) string {
	var parts []string
	for _, b := range bs {
		h := b.Help()
		if h.Key == "" {
			continue
		}
		parts = append(parts, keyName(h.Key)+" for "+h.Desc)
	}
	parts = append(parts, "question mark for all keys", "q to quit")
	return "Keys: " + strings.Join(parts, "; ") + "."
}

// keyName says a key the way a person would.
func keyName(k string) string {
	names := map[string]string{
		"↑/k": "up arrow or k", "↓/j": "down arrow or j", "enter": "Enter", "esc": "Escape",
		"tab": "Tab", "tab/esc": "Tab or Escape", "pgup": "Page Up", "pgdn": "Page Down",
		"home": "Home", "end": "End", "ctrl+c": "Control C", "space": "Space",
		"↑": "up arrow", "?": "question mark", "/": "slash", "↓": "down arrow", "←": "left arrow", "→": "right arrow",
	}
	if n, ok := names[k]; ok {
		return n
	}
	return k
}

// plainLines removes escapes and wraps each line to the width, so nothing is
// cut off mid-word.
func plainLines(s string, width int) string {
	var out []string
	for _, l := range strings.Split(ansi.Strip(s), "\n") {
		out = append(out, wrapLines(strings.TrimRight(l, " "), width)...)
	}
	return strings.Join(out, "\n")
}

func wrapLines(s string, width int) []string {
	if s == "" {
		return []string{""}
	}
	return strings.Split(ansi.Wrap(s, max(width, 10), ""), "\n")
}

// statusSaid is a status as a word, for a sentence.
func statusSaid(s checklist.Status) string {
	switch s {
	case checklist.StatusPass:
		return "passed"
	case checklist.StatusFail:
		return "failed"
	case checklist.StatusUnknown:
		return "unknown"
	case checklist.StatusAccepted:
		return "risk accepted"
	}
	return "not applicable"
}

// areaSaid sums up an area's score in one sentence.
func areaSaid(d checklist.DomainScore) string {
	if !d.Applicable {
		return d.Title + ": not applicable."
	}
	s := fmt.Sprintf("%s: score %d out of 100", d.Title, d.Score)
	c := d.Counts
	if c.Fail > 0 {
		s += fmt.Sprintf(", %d failed", c.Fail)
	}
	if c.Unknown > 0 {
		s += fmt.Sprintf(", %d unknown", c.Unknown)
	}
	if c.Fail == 0 && c.Unknown == 0 {
		s += ", nothing failed"
	}
	return s + "."
}

// numbered lays out a list as numbered lines, only those that fit in height
// around the selected one, each wrapped whole. The selected row says so in
// words. cursor < 0 means nothing is selected.
func numbered(rows []string, cursor, width, height int) []string {
	if len(rows) == 0 || height <= 0 {
		return nil
	}
	item := func(i int) []string {
		text := fmt.Sprintf("%d. %s", i+1, rows[i])
		if i == cursor {
			text += " (selected)"
		}
		return wrapIndentPlain(text, width)
	}
	// Start at the selected row and add rows after it, then before it,
	// while they fit.
	at := max(cursor, 0)
	first, last := at, at
	used := len(item(at))
	for {
		grew := false
		if last+1 < len(rows) && used+len(item(last+1)) <= height {
			last++
			used += len(item(last))
			grew = true
		}
		if first > 0 && used+len(item(first-1)) <= height && (last+1 >= len(rows) || grew) {
			first--
			used += len(item(first))
			grew = true
		}
		if !grew {
			break
		}
	}
	var out []string
	for i := first; i <= last; i++ {
		out = append(out, item(i)...)
	}
	if len(out) > height {
		out = out[:height]
	}
	return out
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

func wrapIndentPlain(s string, width int) []string {
	return wrapIndent(s, width, "", "   ")
}

// selectedSaid announces the selection: "Selected: 2 of 54, PIN-06 …".
func selectedSaid(cursor, total int, what string) string {
	if total == 0 {
		return "Nothing to select."
	}
	return fmt.Sprintf("Selected: %d of %d, %s", cursor+1, total, what)
}

// plainMarks turns a view drawn for sighted readers into words: marks into
// words, bullets and separators into punctuation, the row pointer into
// "Selected:".
func plainMarks(s string) string {
	r := strings.NewReplacer(
		"↑↓ pgup pgdn to scroll", "down arrow or Page Down reads on",
		" · "+scrollHow, ", down arrow or Page Down reads on",
		"✗ fail", "failed", "✓ pass", "passed", "? unknown", "unknown", "~ accepted", "risk accepted",
		"✗ ", "", "✓ ", "", " · ", ", ", "· ", "", "•", "", "→", "may be", "↑↓", "up and down arrows",
		"–", " to ", "…", "...",
	)
	var out []string
	for _, l := range strings.Split(ansi.Strip(s), "\n") {
		l = strings.TrimRight(l, " ")
		body := strings.TrimLeft(l, " ")
		indent := l[:len(l)-len(body)]
		selected := strings.HasPrefix(body, "> ")
		body = strings.TrimPrefix(strings.TrimPrefix(body, "> "), "· ")
		body = r.Replace(body)
		// Columns become a list said with commas.
		body = strings.Join(columnGap.Split(body, -1), ", ")
		if selected {
			l = "Selected: " + body
		} else {
			l = indent + body
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

var columnGap = regexp.MustCompile(`  +`)
