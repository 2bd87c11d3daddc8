package checklist

import (
	"slices"
	"testing"
)

func changeIDs(cs []Change) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.CheckID
	}
	return ids
}

func TestCompareSortsChanges(t *testing.T) {
	t.Parallel()
	before := results(
		res("A-01", DomainPINs, High, StatusFail),     // fixed
		res("A-02", DomainPINs, High, StatusFail),     // still open
		res("A-03", DomainPINs, High, StatusPass),     // regressed
		res("A-04", DomainPINs, High, StatusUnknown),  // new
		res("A-05", DomainPINs, High, StatusFail),     // now unknown: not fixed
		res("A-06", DomainPINs, High, StatusAccepted), // still open though accepted
	)
	after := results(
		res("A-01", DomainPINs, High, StatusPass),
		res("A-02", DomainPINs, High, StatusFail),
		res("A-03", DomainPINs, High, StatusFail),
		res("A-04", DomainPINs, High, StatusFail),
		res("A-05", DomainPINs, High, StatusUnknown),
		res("A-06", DomainPINs, High, StatusFail),
		res("A-07", DomainPINs, High, StatusFail), // a check the earlier audit did not have
	)
	c := Compare(before, after)
	for name, got := range map[string][]string{
		"fixed": changeIDs(c.Fixed), "still open": changeIDs(c.StillOpen),
		"regressed": changeIDs(c.Regressed), "new": changeIDs(c.New),
	} {
		want := map[string][]string{
			"fixed": {"A-01"}, "still open": {"A-02", "A-06"}, "regressed": {"A-03"}, "new": {"A-04", "A-07"},
		}[name]
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
	if c.ScoreBefore >= 100 || c.ScoreAfter >= c.ScoreBefore {
		t.Errorf("scores before %d after %d", c.ScoreBefore, c.ScoreAfter)
	}
}
