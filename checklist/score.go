package checklist

// Weights make one critical failure cost more than several low ones. A check's
// weight counts towards the score only when it passes; n/a checks are left out of
// both sides, and unknowns stay in the denominator so missing evidence lowers the
// score instead of hiding behind it.
func severityWeight(s Severity) int {
	switch s {
	case Critical:
		return 10
	case High:
		return 5
	case Medium:
		return 3
	case Low:
		return 1
	}
	return 0
}

// Tally counts results by status.
type Tally struct {
	Pass     int `json:"pass"`
	Fail     int `json:"fail"`
	Unknown  int `json:"unknown"`
	NA       int `json:"na"`
	Accepted int `json:"accepted"`
}

func (t *Tally) add(s Status) {
	switch s {
	case StatusPass:
		t.Pass++
	case StatusFail:
		t.Fail++
	case StatusUnknown:
		t.Unknown++
	case StatusNA:
		t.NA++
	case StatusAccepted:
		t.Accepted++
	}
}

// Total is the number of results counted.
func (t Tally) Total() int { return t.Pass + t.Fail + t.Unknown + t.NA + t.Accepted }

// DomainScore is the score of one domain.
type DomainScore struct {
	Domain Domain `json:"domain"`
	Title  string `json:"title"`
	// Score is 0–100: the weighted share of applicable checks that pass.
	Score int `json:"score"`
	// Confidence is 0–100: the weighted share of applicable checks with a known
	// status. A high score with low confidence means "looks fine so far".
	Confidence int   `json:"confidence"`
	Counts     Tally `json:"counts"`
	// Applicable is false when every check in the domain is n/a.
	Applicable bool `json:"applicable"`
}

// Scorecard is the overall and per-domain score of an audit.
type Scorecard struct {
	Overall    int           `json:"overall"`
	Confidence int           `json:"confidence"`
	Counts     Tally         `json:"counts"`
	Domains    []DomainScore `json:"domains"`
}

type weighing struct{ passed, known, applicable int }

func (w *weighing) add(r Result) {
	weight := severityWeight(r.Severity)
	if r.Status == StatusNA {
		return
	}
	w.applicable += weight
	if r.Status != StatusUnknown {
		w.known += weight
	}
	if r.Status == StatusPass {
		w.passed += weight
	}
}

func percent(part, whole int) int {
	if whole == 0 {
		return 0
	}
	// Round half up, but never round a failure up to a perfect score.
	p := (part*100 + whole/2) / whole
	if p == 100 && part < whole {
		p = 99
	}
	return p
}

// Score computes the scorecard. Overall is weighted over all checks rather than
// averaged over domains, so a domain with one check cannot outweigh one with ten.
func Score(results []Result) Scorecard {
	var card Scorecard
	var all weighing
	byDomain := make(map[Domain]*weighing, len(Domains))
	tallies := make(map[Domain]*Tally, len(Domains))
	for _, d := range Domains {
		byDomain[d] = &weighing{}
		tallies[d] = &Tally{}
	}
	for _, r := range results {
		all.add(r)
		card.Counts.add(r.Status)
		if w, ok := byDomain[r.Domain]; ok {
			w.add(r)
			tallies[r.Domain].add(r.Status)
		}
	}
	card.Overall = percent(all.passed, all.applicable)
	card.Confidence = percent(all.known, all.applicable)
	for _, d := range Domains {
		w := byDomain[d]
		card.Domains = append(card.Domains, DomainScore{
			Domain:     d,
			Title:      d.Title(),
			Score:      percent(w.passed, w.applicable),
			Confidence: percent(w.known, w.applicable),
			Counts:     *tallies[d],
			Applicable: w.applicable > 0,
		})
	}
	return card
}
