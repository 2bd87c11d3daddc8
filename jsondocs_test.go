package main

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/buildinfo"
)

// keyPaths lists every field of a JSON document as a dotted path, with "[]"
// for the elements of a list: "inventory.devices[].vendor".
func keyPaths(v any, prefix string, out map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			out[p] = true
			keyPaths(child, p, out)
		}
	case []any:
		for _, child := range v {
			keyPaths(child, prefix+"[]", out)
		}
	}
}

// The JSON report is a public interface: scripts are written against the
// README. Every field the report really writes for the demo company must be
// documented there, in the example or the table of fields, and every field of
// the example must really be written.
func TestJSONReportFieldsAreDocumented(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile("(?s)\n## The JSON report\n(.*?)\n## ").FindSubmatch(readme)
	if section == nil {
		t.Fatal(`README.md has no "## The JSON report" section`)
	}
	example := regexp.MustCompile("(?s)```json\n(.*?)```").FindSubmatch(section[1])
	if example == nil {
		t.Fatal("the JSON report section has no example")
	}
	var doc any
	if err := json.Unmarshal(example[1], &doc); err != nil {
		t.Fatalf("the README's example JSON report does not parse: %v", err)
	}
	documented := map[string]bool{}
	keyPaths(doc, "", documented)
	// Fields named in the table's left column or its explanations.
	var table []string
	for _, line := range strings.Split(string(section[1]), "\n") {
		if strings.HasPrefix(line, "| `") {
			table = append(table, line)
		}
	}
	inTable := map[string]bool{}
	for _, m := range regexp.MustCompile("`([a-z_.\\[\\]]+)`").FindAllStringSubmatch(strings.Join(table, "\n"), -1) {
		inTable[m[1]] = true
	}

	r := ringfenceAt(t, time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC), nil, "audit", "--demo", "--auditor", "Sam Patel", "--json", "-")
	if r.code != exitOK {
		t.Fatalf("audit --demo --json -: %+v", r)
	}
	var report any
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("the JSON report does not parse: %v", err)
	}
	written := map[string]bool{}
	keyPaths(report, "", written)

	for _, p := range slices.Sorted(func(yield func(string) bool) {
		for p := range written {
			if !yield(p) {
				return
			}
		}
	}) {
		leaf := p[strings.LastIndex(p, ".")+1:]
		named := inTable[leaf]
		for name := range inTable {
			named = named || p == name || strings.HasSuffix(p, "."+name)
		}
		if !documented[p] && !named {
			t.Errorf("the JSON report writes %s, which the README does not document", p)
		}
	}
	for p := range documented {
		// The commit is written only when the build knows it; a test binary
		// is not built from a checkout, so it does not.
		if p == "judged_by.commit" && buildinfo.Read().Commit == "" {
			continue
		}
		if !written[p] {
			t.Errorf("the README documents %s, which the JSON report does not write", p)
		}
	}
}
