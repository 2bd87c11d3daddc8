package tabular

import (
	"fmt"
	"strings"
)

// Skip is one line that was not used, and why.
type Skip struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

func (s Skip) Error() string { return fmt.Sprintf("line %d: %s", s.Line, s.Reason) }

// MaxSkips caps the skipped lines listed, so a file of the wrong kind cannot
// fill memory with complaints; Report.Skipped still counts every one.
const MaxSkips = 1000

// Report is what an import says about the file it read.
type Report struct {
	File      string `json:"file"`
	Encoding  string `json:"encoding"`
	Delimiter string `json:"delimiter"`
	// Layout names the exporting product when the importer recognised it.
	Layout string `json:"layout,omitempty"`
	// Header is the line of the header row, 0 when the file has none.
	Header int `json:"header_line,omitempty"`
	// Titles counts lines above the header row taken as a title.
	Titles int `json:"title_lines,omitempty"`
	// Read counts the lines below the header that hold anything (blank lines
	// and lines of empty cells carry nothing and are not counted). Every one
	// is either Used or Skipped.
	Read    int    `json:"read"`
	Used    int    `json:"used"`
	Skipped int    `json:"skipped"`
	Skips   []Skip `json:"skips,omitempty"` // the first MaxSkips skipped lines
	// Notes are things the user should know that cost no line, such as a
	// status value the importer kept but did not recognise.
	Notes []string `json:"notes,omitempty"`
}

// Balanced reports whether every line read was either used or skipped.
func (r Report) Balanced() bool { return r.Read == r.Used+r.Skipped }

// Summary is the one-line account of an import, such as
// "21 lines read: 11 used, 10 skipped".
func (r Report) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s read", plural(r.Read, "line"))
	if r.Header > 0 {
		fmt.Fprintf(&b, " below the header on line %d", r.Header)
	}
	fmt.Fprintf(&b, ": %d used, %d skipped", r.Used, r.Skipped)
	if r.Read != r.Used+r.Skipped {
		fmt.Fprintf(&b, " (%d unaccounted for: please report this)", r.Read-r.Used-r.Skipped)
	}
	return b.String()
}

// Unlisted is how many skipped lines are counted but not listed.
func (r Report) Unlisted() int { return max(r.Skipped-len(r.Skips), 0) }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
