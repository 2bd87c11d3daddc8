package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
)

func TestMarkdownEscaping(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"a | b", `a \| b`},
		{"*bold* _it_ `code`", `\*bold\* \_it\_ \` + "`" + `code\` + "`"},
		{"[link](http://x)", `\[link\](http\[:\]//x)`},
		{"see https://evil.example or www.evil.example", `see https\[:\]//evil.example or www\[.\]evil.example`},
		{"mail eve@evil.example", `mail eve\[@\]evil.example`},
		{"esc \x1b]2;title\a end", "esc ␛\\]2;title␇ end"},
		{"rtl \u202egnp.exe", `rtl \<U+202E\>gnp.exe`},
		{"<script>", `\<script\>`},
		{"# heading", `\# heading`},
		{"- item", `\- item`},
		{"line one\nline two", "line one line two"},
		{`back\slash`, `back\\slash`},
		{"Zoë Ó'Brien, multi-factor", "Zoë Ó'Brien, multi-factor"},
	}
	for _, tc := range tests {
		if got := mdText(tc.in); got != tc.want {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkdownHasSummaryAndWholePlan(t *testing.T) {
	t.Parallel()
	cat := checklist.Builtin()
	a := demoAudit(t)
	a.Auditor = "Jo | Whitaker"
	a.Track(cat, a.Plan[0].CheckID, checklist.Tracking{Owner: "Zoë *Hartley*"}, testNow)
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, a, Options{Generated: testNow}); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	card := checklist.Score(a.Results)
	for _, want := range []string{
		"# Phone system security audit: Brightwater Kitchens Ltd",
		"audited by Jo \\| Whitaker",
		"**Score: " + itoa(card.Overall) + " out of 100.**",
		"## Scores by area", "| Voicemail PINs |", "## Do these first", "## Action plan",
		"Zoë \\*Hartley\\*",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("%q missing", want)
		}
	}
	// Every action is a table row with the same number of cells as the header.
	rows := 0
	for _, line := range strings.Split(md, "\n") {
		for _, act := range a.Plan {
			if strings.HasPrefix(line, "| "+itoa(act.Rank)+" | "+act.CheckID+" |") {
				rows++
				if got := cellCount(line); got != 9 {
					t.Errorf("row %d has %d cells, want 9: %s", act.Rank, got, line)
				}
			}
		}
	}
	if rows != len(a.Plan) {
		t.Errorf("%d plan rows, want %d", rows, len(a.Plan))
	}
}

// cellCount counts the cells of a Markdown table row, ignoring escaped pipes.
func cellCount(line string) int {
	return strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") - 1
}

func TestMarkdownSinceLastAudit(t *testing.T) {
	t.Parallel()
	cat := checklist.Builtin()
	prev := demoAudit(t)
	if err := prev.SetAnswer(cat, "EP-05", checklist.Answer{Value: "no"}, testNow); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, demoAudit(t), Options{Previous: prev, Generated: testNow}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "## Since the last audit") || !strings.Contains(buf.String(), "- Fixed: EP-05") {
		t.Errorf("comparison missing:\n%s", buf.String())
	}
}
