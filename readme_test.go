package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
)

// The README states how many checks and areas there are and each area's ID
// range; all of them must follow the catalogue rather than a number someone
// remembered.
func TestREADMECheckCountsFollowTheCatalogue(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range readmeCountProblems(string(data), checklist.Builtin()) {
		t.Error(p)
	}
}

var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}

// inWords spells small numbers the way the README does ("ten areas").
func inWords(n int) string {
	if n >= 0 && n < len(numberWords) {
		return numberWords[n]
	}
	return fmt.Sprint(n)
}

var (
	checkCountRe = regexp.MustCompile(`(\d+)\s+checks\s+in\s+(\w+)\s+areas`)
	areaCountRe  = regexp.MustCompile(`\b(` + strings.Join(numberWords, "|") + `|\d+)\s+areas\b`)
	idRangeRe    = regexp.MustCompile(`\b([A-Z]{2,4})-01…(\d{2})\b`)
)

// readmeCountProblems lists every place where the README's counts, area
// table or ID ranges disagree with cat, saying what the README should say.
func readmeCountProblems(readme string, cat *checklist.Catalogue) []string {
	var problems []string
	areas := inWords(len(checklist.Domains))
	if m := checkCountRe.FindStringSubmatch(readme); m == nil {
		problems = append(problems, fmt.Sprintf("README should say %q", fmt.Sprintf("%d checks in %s areas", len(cat.Checks), areas)))
	} else if m[1] != fmt.Sprint(len(cat.Checks)) {
		problems = append(problems, fmt.Sprintf("README says %s checks; the catalogue has %d", m[1], len(cat.Checks)))
	}
	for _, m := range areaCountRe.FindAllStringSubmatch(readme, -1) {
		if m[1] != areas {
			problems = append(problems, fmt.Sprintf("README says %q; there are %s areas", m[0], areas))
		}
	}

	// Each area's row in the table gives its prefix and last ID.
	want := map[string]string{} // prefix -> "PREFIX-01…NN"
	for _, d := range checklist.Domains {
		checks := cat.InDomain(d)
		if len(checks) == 0 {
			problems = append(problems, fmt.Sprintf("area %s has no checks", d))
			continue
		}
		prefix, _, _ := strings.Cut(checks[0].ID, "-")
		last := ""
		for _, c := range checks {
			p, num, _ := strings.Cut(c.ID, "-")
			if p != prefix {
				problems = append(problems, fmt.Sprintf("area %s mixes the prefixes %s and %s", d, prefix, p))
			}
			last = max(last, num)
		}
		rng := fmt.Sprintf("%s-01…%s", prefix, last)
		want[prefix] = rng
		row := "| " + d.Title() + " | " + rng + " |"
		if !strings.Contains(readme, row) {
			problems = append(problems, fmt.Sprintf("README's table of areas should have the row %q", row))
		}
	}
	for _, m := range idRangeRe.FindAllStringSubmatch(readme, -1) {
		if w, ok := want[m[1]]; !ok || w != m[0] {
			problems = append(problems, fmt.Sprintf("README gives the range %s; the catalogue has %s", m[0], firstNonEmpty(w, "no such area")))
		}
	}
	return problems
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
