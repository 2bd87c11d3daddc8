package checklist

import (
	"slices"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist/inventory"
)

const propertySeeds = 12

// TestCleanSiteBaselinePasses proves the property below is not vacuous: on the
// generated clean sites every automated check has what it needs and passes, so
// any check that stops passing after a fact is taken away stopped because of it.
func TestCleanSiteBaselinePasses(t *testing.T) {
	t.Parallel()
	cat := Builtin()
	for seed := range uint64(propertySeeds) {
		inv := cleanInventory(t, seed)
		for _, r := range Evaluate(cat, &inv, nil, nil, testNow) {
			if ch, _ := cat.Check(r.CheckID); ch.Automated && r.Status != StatusPass {
				t.Errorf("seed %d: %s is %s on a clean site: %s", seed, r.CheckID, r.Status, r.Evidence)
			}
		}
	}
}

// TestNoCheckPassesWithoutItsFacts takes each fact an automated check rests on
// away from a clean site in three ways (not collected, collected but empty,
// every item unidentifiable) and requires that the check no longer passes:
// missing evidence may lower confidence, never pass a check.
func TestNoCheckPassesWithoutItsFacts(t *testing.T) {
	t.Parallel()
	cat := Builtin()
	type pair struct {
		id string
		f  inventory.Facet
	}
	failed := map[pair][]string{}
	tried := map[pair]bool{}
	cases := 0
	for _, ch := range cat.Checks {
		if !ch.Automated {
			continue
		}
		for _, f := range restsOn(ch.ID) {
			for _, m := range []mutation{removed, emptied, unidentifiable} {
				for seed := range uint64(propertySeeds) {
					inv := cloneInventory(cleanInventory(t, seed))
					withGap := seed%2 == 1
					if !mutate(&inv, f, m, withGap) {
						continue
					}
					tried[pair{ch.ID, f}] = true
					cases++
					r := resultFor(t, Evaluate(cat, &inv, nil, nil, testNow), ch.ID)
					if r.Status == StatusPass {
						p := pair{ch.ID, f}
						if !slices.Contains(failed[p], string(m)) {
							failed[p] = append(failed[p], string(m))
							t.Errorf("%s passes with %s %s (seed %d): %s", ch.ID, f, m, seed, r.Evidence)
						}
						continue
					}
					if r.Evidence == "" {
						t.Errorf("%s with %s %s says nothing about why", ch.ID, f, m)
					}
					if m == removed && withGap && r.Status == StatusUnknown && !strings.Contains(r.Evidence, testGapReason) {
						t.Errorf("%s with %s not read: evidence %q does not quote the reason the source gave", ch.ID, f, r.Evidence)
					}
				}
			}
		}
	}
	t.Logf("(check, fact) pairs tried: %d; cases: %d; pairs where a check passed: %d", len(tried), cases, len(failed))
}

// restsOn lists the facets an automated check declares it rests on.
func restsOn(id string) []inventory.Facet {
	var out []inventory.Facet
	for _, n := range Builtin().evaluators[id].needs {
		if !slices.Contains(out, n.facet) {
			out = append(out, n.facet)
		}
	}
	return out
}
