package checklist

import "time"

// Status is the outcome of one check.
type Status string

const (
	StatusPass     Status = "pass"
	StatusFail     Status = "fail"
	StatusUnknown  Status = "unknown" // no evidence or not answered: never shown or scored as a pass
	StatusNA       Status = "n/a"
	StatusAccepted Status = "accepted" // a failure whose risk someone has accepted until a date
)

func (s Status) valid() bool {
	switch s {
	case StatusPass, StatusFail, StatusUnknown, StatusNA, StatusAccepted:
		return true
	}
	return false
}

// Evidence sources, so a report can say which facts came from the PBX and which
// from a person.
const (
	FromInventory = "inventory"
	FromAnswer    = "answer"
	FromNothing   = "none"
)

// Result is the outcome of one check for one audit.
type Result struct {
	CheckID  string   `json:"id"`
	Domain   Domain   `json:"domain"`
	Title    string   `json:"title"`
	Status   Status   `json:"status"`
	Severity Severity `json:"severity"`
	Effort   Effort   `json:"effort"`
	// Evidence explains the status in one or two plain sentences.
	Evidence string `json:"evidence"`
	// Affected lists the extensions, devices or accounts behind a failure (or
	// behind an unknown, such as phones whose firmware could not be read).
	Affected []Item `json:"affected,omitempty"`
	// Basis says where the status came from: inventory, answer or none.
	Basis string `json:"basis"`
	// Acceptance is set when a failure's risk was accepted (valid or expired).
	Acceptance *Acceptance `json:"acceptance,omitempty"`
	// NAReason explains a not-applicable status.
	NAReason string `json:"na_reason,omitempty"`
}

// Item is one thing a finding is about.
type Item struct {
	Kind   string `json:"kind"` // extension, device, mailbox, account, trunk, call, rule
	ID     string `json:"id"`   // extension number, MAC, username...
	Label  string `json:"label"`
	Detail string `json:"detail,omitempty"` // why this item is listed
}

// Acceptance records that someone has accepted a risk instead of fixing it.
type Acceptance struct {
	Reason  string    `json:"reason"`
	Owner   string    `json:"owner"`
	Expires time.Time `json:"expires"`
}

// Expired reports whether the acceptance has run out at the given time.
func (a Acceptance) Expired(at time.Time) bool {
	return !a.Expires.After(at)
}
