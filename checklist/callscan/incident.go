package callscan

import "time"

// Kind names what an incident is about.
type Kind string

const (
	KindLeaverCalls    Kind = "calls_after_leaving"
	KindHighRisk       Kind = "high_risk_destination"
	KindNotAllowed     Kind = "country_not_allowed"
	KindPremium        Kind = "premium_rate"
	KindInvalidNumber  Kind = "invalid_number"
	KindOutOfHours     Kind = "out_of_hours"
	KindBurst          Kind = "burst"
	KindShortCalls     Kind = "short_calls"
	KindConcurrentCall Kind = "concurrent_calls"
)

// Severity orders incidents: critical first.
type Severity string

const (
	Critical Severity = "critical"
	High     Severity = "high"
	Medium   Severity = "medium"
)

func (s Severity) rank() int {
	switch s {
	case Critical:
		return 0
	case High:
		return 1
	}
	return 2
}

// Incident is one thing in the call records that someone should look at.
type Incident struct {
	Kind     Kind     `json:"kind"`
	Severity Severity `json:"severity"`
	// Start is the first call's start; End is when the last call ended.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Extensions are the extensions that made the calls.
	Extensions []string `json:"extensions"`
	// Destination is the number, range or country the calls went to, where
	// one applies: a national-form number, a range name or "+371".
	Destination string `json:"destination,omitempty"`
	// Calls counts the calls; for concurrency it is the most at once.
	Calls int `json:"calls"`
	// Minutes is the talk time of those calls.
	Minutes float64 `json:"minutes"`
	// CostPence is the cost where the records or the rates say it; CostKnown
	// is false when none of the calls had a price.
	CostPence int  `json:"cost_pence,omitempty"`
	CostKnown bool `json:"cost_known"`
	// Explanation says in plain words what happened and why it matters.
	Explanation string `json:"explanation"`
	// HoursAssumed is true for an out-of-hours finding judged against the
	// default week because the site's own hours were never given.
	HoursAssumed bool `json:"hours_assumed,omitempty"`
}

// Counts says how many calls the analyser saw and what it did with them.
type Counts struct {
	Calls      int `json:"calls"`
	Outbound   int `json:"outbound"`     // to numbers outside the business
	Incoming   int `json:"incoming"`     // from outside numbers: not judged
	Internal   int `json:"internal"`     // extension to extension, feature codes, 999
	Undated    int `json:"undated"`      // no start time: judged on number only
	OutOfOrder int `json:"out_of_order"` // too far out of time order for the concurrency sweep
}
