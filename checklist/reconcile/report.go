package reconcile

import "time"

// Confidence says how sure a match is.
type Confidence string

const (
	// Certain: the same e-mail address, the same full name, or a person said so.
	Certain Confidence = "certain"
	// Likely: the same person by every usual reading (Bob and Robert, a
	// middle name left out), worth a glance.
	Likely Confidence = "likely"
	// Possible: only an initial, or names in another order; not used until a
	// person confirms it.
	Possible Confidence = "possible"
)

// Verdict is what a person decided about an extension's match.
type Verdict string

const (
	Confirm Verdict = "confirm" // the suggested person is right
	Reject  Verdict = "reject"  // the suggested person is wrong
	Shared  Verdict = "shared"  // a role or shared line (Reception, Pharmacy), not one person's
	Person  Verdict = "person"  // one person's line, whatever its name suggests
)

// Decision is a person's ruling on one extension. Staff, when set, names the
// person (by e-mail address, or by name as it appears on the staff list) to
// match instead of the suggestion.
type Decision struct {
	Verdict Verdict `json:"verdict"`
	Staff   string  `json:"staff,omitempty"`
}

// Decisions are keyed by extension number.
type Decisions map[string]Decision

// Match ties an extension (or voicemail box) to a person on the staff list.
type Match struct {
	Extension     string     `json:"extension"`
	ExtensionName string     `json:"extension_name,omitempty"`
	Name          string     `json:"name"`
	Email         string     `json:"email,omitempty"`
	Left          time.Time  `json:"left,omitzero"`
	Confidence    Confidence `json:"confidence"`
	Reason        string     `json:"reason"`
	// Decided is true when a person confirmed or chose the match.
	Decided bool `json:"decided,omitempty"`
	// Others names further people the extension could belong to.
	Others []string `json:"others,omitempty"`
}

// Leaver is someone who has left but still has something live.
type Leaver struct {
	Name          string     `json:"name"`
	Email         string     `json:"email,omitempty"`
	Left          time.Time  `json:"left"`
	DaysSinceLeft int        `json:"days_since_left"`
	Extension     string     `json:"extension"`
	ExtensionName string     `json:"extension_name,omitempty"`
	Confidence    Confidence `json:"confidence"`
	// Live lists, in plain words, what still works for them.
	Live             []string  `json:"live"`
	ExtensionEnabled bool      `json:"extension_enabled"`
	Voicemail        bool      `json:"voicemail"`
	Forwards         []string  `json:"forwards,omitempty"`
	Devices          []string  `json:"devices,omitempty"`
	CallsAfter       int       `json:"calls_after"`
	MinutesAfter     float64   `json:"minutes_after"`
	LastCallAfter    time.Time `json:"last_call_after,omitzero"`
}

// Finding is an extension, mailbox or phone that needs a look, and why.
type Finding struct {
	Extension string `json:"extension"`
	Name      string `json:"name,omitempty"`
	Reason    string `json:"reason"`
}

// Forward is a call forward to a number outside the business.
type Forward struct {
	Extension   string `json:"extension"`
	Name        string `json:"name,omitempty"`
	Destination string `json:"destination"`
	// Owner says whose extension it is: "current staff", "a leaver",
	// "nobody on the staff list" or "shared".
	Owner string `json:"owner"`
}

// Report is the outcome of one reconciliation.
type Report struct {
	// Matches holds every extension matched to a person, surest first.
	Matches []Match `json:"matches"`
	// ToConfirm holds likely and possible matches nobody has ruled on.
	ToConfirm []Match `json:"to_confirm,omitempty"`
	// Leavers still active, longest gone first.
	Leavers []Leaver `json:"leavers,omitempty"`
	// Unowned extensions look personal and belong to nobody on the staff list.
	Unowned []Finding `json:"unowned,omitempty"`
	// Shared holds role and shared lines: places, teams, services and
	// devices (Reception, Pharmacy, On-call Vet), used by whoever does the job.
	Shared []Finding `json:"shared,omitempty"`
	// MaybeRole holds enabled lines nobody on the staff list owns whose names
	// point both ways (Rose Room, Nurse Wendy). They count as personal until
	// someone marks them as a role line or a person's.
	MaybeRole []Finding `json:"maybe_role,omitempty"`
	// Orphans are voicemail boxes and phones tied to extensions that do not exist.
	Orphans []Finding `json:"orphans,omitempty"`
	// Forwards leave the business.
	Forwards []Forward `json:"forwards,omitempty"`
	// Personal counts the enabled personal extensions compared, including
	// those in MaybeRole and leaving out role and shared lines.
	Personal int `json:"personal"`
}
