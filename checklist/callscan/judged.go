package callscan

// Judged is what the analyser made of the last call it was given, for
// totals that must count each call once however many incidents it is in.
type Judged struct {
	// Leaver: made from a leaver's extension after they left.
	Leaver bool
	// Outbound: to a number outside the business.
	Outbound bool
	// Risky: to a premium-rate range, a high-risk or not-allowed country, or
	// a number abroad too long or short to exist.
	Risky bool
	// OutOfHours: made while the business was closed.
	OutOfHours bool
	// CostPence is the call's cost where the record or the rates say it,
	// or -1.
	CostPence int64
}

// LastJudged is what the analyser made of the call most recently added.
func (a *Analyzer) LastJudged() Judged { return a.last }
