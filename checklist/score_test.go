package checklist

import "testing"

func results(specs ...Result) []Result { return specs }

func res(id string, d Domain, s Severity, st Status) Result {
	return Result{CheckID: id, Domain: d, Severity: s, Status: st, Effort: Minutes}
}

func TestScoreNeverRewardsMissingEvidence(t *testing.T) {
	t.Parallel()
	allPass := results(res("A-01", DomainPINs, High, StatusPass), res("A-02", DomainPINs, Low, StatusPass))
	oneUnknown := results(res("A-01", DomainPINs, High, StatusPass), res("A-02", DomainPINs, Low, StatusUnknown))
	oneNA := results(res("A-01", DomainPINs, High, StatusPass), res("A-02", DomainPINs, Low, StatusNA))

	if got := Score(allPass).Overall; got != 100 {
		t.Errorf("all passing: %d, want 100", got)
	}
	card := Score(oneUnknown)
	if card.Overall >= 100 {
		t.Errorf("an unknown must lower the score, got %d", card.Overall)
	}
	if card.Confidence >= 100 {
		t.Errorf("an unknown must lower confidence, got %d", card.Confidence)
	}
	if got := Score(oneNA).Overall; got != 100 {
		t.Errorf("n/a checks are left out, so the rest scores %d, want 100", got)
	}
}

func TestScoreWeightsBySeverity(t *testing.T) {
	t.Parallel()
	criticalFails := results(res("A-01", DomainPINs, Critical, StatusFail), res("A-02", DomainPINs, Low, StatusPass))
	lowFails := results(res("A-01", DomainPINs, Critical, StatusPass), res("A-02", DomainPINs, Low, StatusFail))
	if a, b := Score(criticalFails).Overall, Score(lowFails).Overall; a >= b {
		t.Errorf("failing a critical check (%d) must cost more than failing a low one (%d)", a, b)
	}
}

func TestAcceptedRiskEarnsNoPoints(t *testing.T) {
	t.Parallel()
	card := Score(results(res("A-01", DomainPINs, High, StatusPass), res("A-02", DomainPINs, High, StatusAccepted)))
	if card.Overall != 50 {
		t.Errorf("got %d, want 50: an accepted risk is still a risk", card.Overall)
	}
	if card.Counts.Accepted != 1 || card.Counts.Pass != 1 {
		t.Errorf("counts: %+v", card.Counts)
	}
}

func TestScoreNeverRoundsAFailureUpToPerfect(t *testing.T) {
	t.Parallel()
	var rs []Result
	for range 400 {
		rs = append(rs, res("A-01", DomainPINs, Critical, StatusPass))
	}
	rs = append(rs, res("A-02", DomainPINs, Low, StatusFail))
	if got := Score(rs).Overall; got != 99 {
		t.Errorf("got %d, want 99", got)
	}
}

func TestDomainScoresAreSeparateAndOrdered(t *testing.T) {
	t.Parallel()
	card := Score(results(
		res("A-01", DomainPINs, High, StatusPass),
		res("B-01", DomainNetwork, High, StatusFail),
		res("C-01", DomainPolicies, High, StatusNA),
	))
	if len(card.Domains) != len(Domains) {
		t.Fatalf("%d domains, want %d", len(card.Domains), len(Domains))
	}
	by := map[Domain]DomainScore{}
	for i, d := range card.Domains {
		if d.Domain != Domains[i] {
			t.Errorf("domain %d is %s, want %s", i, d.Domain, Domains[i])
		}
		by[d.Domain] = d
	}
	if by[DomainPINs].Score != 100 || by[DomainNetwork].Score != 0 {
		t.Errorf("pins %d, network %d", by[DomainPINs].Score, by[DomainNetwork].Score)
	}
	if by[DomainPolicies].Applicable || by[DomainFirmware].Applicable {
		t.Error("a domain with only n/a or no checks is not applicable")
	}
	if card.Overall != 50 {
		t.Errorf("overall %d, want 50", card.Overall)
	}
}
