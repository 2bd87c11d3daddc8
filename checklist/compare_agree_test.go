package checklist

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func withBasis(r Result, basis string) Result { r.Basis = basis; return r }

// The reported case: a demo saved as a site, then audited again with no
// phone system to read. What the phone system had shown is no longer known,
// which lowered the score, and one check now passes only on an old answer.
// The comparison must show the loss and must not call that check fixed.
func TestCompareShowsWhatIsNoLongerKnownWhenTheScoreFalls(t *testing.T) {
	t.Parallel()
	before := results(
		withBasis(res("EP-03", DomainEndpoints, High, StatusFail), FromInventory),
		withBasis(res("EP-07", DomainEndpoints, High, StatusPass), FromInventory),
		withBasis(res("NW-01", DomainNetwork, Critical, StatusPass), FromInventory),
		withBasis(res("PIN-07", DomainPINs, Medium, StatusFail), FromAnswer),
	)
	after := results(
		withBasis(res("EP-03", DomainEndpoints, High, StatusPass), FromAnswer),
		withBasis(res("EP-07", DomainEndpoints, High, StatusUnknown), FromNothing),
		withBasis(res("NW-01", DomainNetwork, Critical, StatusUnknown), FromNothing),
		withBasis(res("PIN-07", DomainPINs, Medium, StatusFail), FromAnswer),
	)
	c := Compare(before, after)
	if c.ScoreAfter >= c.ScoreBefore {
		t.Fatalf("the case should lower the score: %d to %d", c.ScoreBefore, c.ScoreAfter)
	}
	if slices.Contains(changeIDs(c.Fixed), "EP-03") {
		t.Error("EP-03 failed on what the phone system showed; an answer alone does not fix it")
	}
	if got := changeIDs(c.NotChecked); !slices.Equal(got, []string{"EP-03", "EP-07", "NW-01"}) {
		t.Errorf("not checked this time: got %v", got)
	}
}

// Property: whenever the score falls, the comparison names at least one check
// that explains it; whenever it lists nothing worse, the score did not fall.
func TestCompareAgreesWithTheScore(t *testing.T) {
	t.Parallel()
	statuses := []Status{StatusPass, StatusFail, StatusUnknown, StatusNA, StatusAccepted}
	bases := []string{FromInventory, FromAnswer, FromNothing}
	sevs := []Severity{Critical, High, Medium, Low}
	rng := rand.New(rand.NewPCG(12, 3))
	for round := range 5000 {
		n := 1 + rng.IntN(8)
		var before, after []Result
		for i := range n {
			id := fmt.Sprintf("X-%02d", i)
			sev := sevs[rng.IntN(len(sevs))]
			b := withBasis(res(id, DomainPINs, sev, statuses[rng.IntN(len(statuses))]), bases[rng.IntN(len(bases))])
			a := withBasis(res(id, DomainPINs, sev, statuses[rng.IntN(len(statuses))]), bases[rng.IntN(len(bases))])
			before, after = append(before, b), append(after, a)
		}
		c := Compare(before, after)
		worse := len(c.Regressed) + len(c.New) + len(c.NotChecked)
		if c.ScoreAfter < c.ScoreBefore && worse == 0 {
			t.Fatalf("round %d: score fell %d to %d with nothing listed as worse or no longer checked\nbefore %+v\nafter %+v",
				round, c.ScoreBefore, c.ScoreAfter, before, after)
		}
	}
}
