package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
)

// The README states how many checks there are and each area's ID range; both
// must follow the catalogue rather than a number someone remembered.
func TestREADMECheckCountsFollowTheCatalogue(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	cat := checklist.Builtin()
	m := regexp.MustCompile(`(\d+) checks in ten areas`).FindStringSubmatch(readme)
	if m == nil || m[1] != fmt.Sprint(len(cat.Checks)) {
		t.Errorf("README says %v checks; the catalogue has %d", m, len(cat.Checks))
	}
	last := map[string]string{}
	for _, c := range cat.Checks {
		prefix, num, _ := strings.Cut(c.ID, "-")
		if num > last[prefix] {
			last[prefix] = num
		}
	}
	for prefix, num := range last {
		if want := fmt.Sprintf("%s-01…%s", prefix, num); !strings.Contains(readme, want) {
			t.Errorf("README does not give the range %s", want)
		}
	}
}
