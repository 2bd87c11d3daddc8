package checklist

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

var testNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// checkSpec describes a check for a small catalogue built inside a test.
type checkSpec struct {
	id       string
	domain   Domain
	severity Severity
	effort   Effort
	question bool // adds a yes/no question: yes passes, no fails
}

func testCatalogue(t *testing.T, specs ...checkSpec) *Catalogue {
	t.Helper()
	var b strings.Builder
	b.WriteString("checks:\n")
	for _, s := range specs {
		fmt.Fprintf(&b, `  - id: %s
    domain: %s
    title: Title of %s
    action: Fix %s
    why: Why %s matters. More detail here.
    fix: [First step, Second step]
    severity: %s
    effort: %s
    refs: {source: "https://www.ncsc.gov.uk/"}
`, s.id, s.domain, s.id, s.id, s.id, s.severity, s.effort)
		if s.question {
			fmt.Fprintf(&b, `    question:
      prompt: Is %s fine?
      options:
        - {value: "yes", label: "Yes", status: pass}
        - {value: "no", label: "No", status: fail}
`, s.id)
		}
	}
	cat, err := LoadCatalogue([]byte(b.String()))
	if err != nil {
		t.Fatalf("test catalogue: %v", err)
	}
	return cat
}

func resultFor(t *testing.T, results []Result, id string) Result {
	t.Helper()
	for _, r := range results {
		if r.CheckID == id {
			return r
		}
	}
	t.Fatalf("no result for %s", id)
	return Result{}
}

func inventoryWith(facets ...inventory.Facet) inventory.Inventory {
	return inventory.Inventory{Source: inventory.SourceInfo{Connector: "test", Collected: facets}}
}

func itemIDs(items []Item) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	return ids
}
