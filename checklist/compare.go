package checklist

// Change is one check's movement between two audits of a site.
type Change struct {
	CheckID  string   `json:"id"`
	Title    string   `json:"title"`
	Domain   Domain   `json:"domain"`
	Severity Severity `json:"severity"`
	Before   Status   `json:"before"` // empty when the check was not in the earlier audit
	After    Status   `json:"after"`
}

// Comparison says what changed between an earlier and a later audit.
type Comparison struct {
	// Fixed: failing before, passing (or no longer applicable) now.
	Fixed []Change `json:"fixed"`
	// New: failing now, and not known to be passing before (unknown, absent or n/a).
	New []Change `json:"new"`
	// StillOpen: failing (or accepted) in both.
	StillOpen []Change `json:"still_open"`
	// Regressed: passing before, failing now.
	Regressed []Change `json:"regressed"`
	// NotChecked: judged before, but not this time (unknown now, or resting
	// on weaker evidence than before). These lower the score without anything
	// having got worse on the phone system, so they are listed to say why.
	NotChecked  []Change `json:"not_checked,omitempty"`
	ScoreBefore int      `json:"score_before"`
	ScoreAfter  int      `json:"score_after"`
	// JudgedDifferently warns, in plain words, that different check
	// catalogues or advisory tables judged the two audits; empty when the
	// same did (see CompareAudits).
	JudgedDifferently string `json:"judged_differently,omitempty"`
}

// CompareAudits is Compare for two whole audits, which also says when they
// were judged by different rules, so a change in the rules is not taken for a
// change on the phone system.
func CompareAudits(before, after *Audit) Comparison {
	c := Compare(before.Results, after.Results)
	c.JudgedDifferently = JudgedDifferently(before.JudgedBy, after.JudgedBy)
	return c
}

func failing(s Status) bool { return s == StatusFail || s == StatusAccepted }

// weaker says a result rests on less than before: the phone system showed
// it then, and only an answer (or nothing) says so now.
func weaker(before, after string) bool { return before == FromInventory && after != FromInventory }

// Compare reports the changes from before to after, in the later audit's order.
// Every change that lowers the score is listed as got worse, new or not
// checked, so the lists never contradict the scores beside them.
func Compare(before, after []Result) Comparison {
	was := make(map[string]Result, len(before))
	for _, r := range before {
		was[r.CheckID] = r
	}
	c := Comparison{ScoreBefore: Score(before).Overall, ScoreAfter: Score(after).Overall}
	for _, r := range after {
		old, seen := was[r.CheckID]
		prev := old.Status
		ch := Change{CheckID: r.CheckID, Title: r.Title, Domain: r.Domain, Severity: r.Severity, Before: prev, After: r.Status}
		switch {
		case failing(prev) && (r.Status == StatusPass || r.Status == StatusNA) && weaker(old.Basis, r.Basis):
			c.NotChecked = append(c.NotChecked, ch)
		case failing(prev) && (r.Status == StatusPass || r.Status == StatusNA):
			c.Fixed = append(c.Fixed, ch)
		case failing(prev) && failing(r.Status):
			c.StillOpen = append(c.StillOpen, ch)
		case prev == StatusPass && failing(r.Status):
			c.Regressed = append(c.Regressed, ch)
		case failing(r.Status) && (!seen || prev == StatusUnknown || prev == StatusNA):
			c.New = append(c.New, ch)
		case seen && prev != StatusUnknown && r.Status == StatusUnknown,
			prev == StatusPass && r.Status == StatusNA:
			c.NotChecked = append(c.NotChecked, ch)
		}
	}
	return c
}
