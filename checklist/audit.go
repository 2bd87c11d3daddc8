package checklist

import (
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/reconcile"
)

// AuditSchema is the version of the saved audit file. Bump it when the layout
// changes in a way an older build could misread; older builds then refuse the file
// instead of overwriting it.
const AuditSchema = 1

// Audit is one visit to one site: what was found, what people answered, and what
// was decided. It is saved after every change.
type Audit struct {
	Schema  int       `json:"schema"`
	Site    string    `json:"site"`
	Auditor string    `json:"auditor,omitempty"`
	Started time.Time `json:"started"`
	Updated time.Time `json:"updated"`
	Demo    bool      `json:"demo,omitempty"`
	// Hours are the site's business hours when the audit was made ("Mon-Fri
	// 08:00-18:00"); empty means the default, Monday to Friday, 08:00 to 18:00.
	Hours     string              `json:"business_hours,omitempty"`
	Inventory inventory.Inventory `json:"inventory"`
	Answers   Answers             `json:"answers,omitempty"`
	// Accepted holds risk acceptances by check ID.
	Accepted map[string]Acceptance `json:"accepted,omitempty"`
	// LeaverDecisions are a person's rulings on uncertain matches between
	// extensions and the staff list, by extension number.
	LeaverDecisions reconcile.Decisions `json:"leaver_decisions,omitempty"`
	// Tracking holds owner, due date and done marks set on plan actions, by check ID.
	Tracking map[string]Tracking `json:"tracking,omitempty"`
	// JudgedBy is what judged the results: set at every evaluation. Nil in
	// an audit saved by a version that did not record it.
	JudgedBy *JudgedBy `json:"judged_by,omitempty"`
	Results  []Result  `json:"results"`
	Plan     []Action  `json:"plan"`
	History  []Event   `json:"history,omitempty"`
}

// Tracking is what the person running the audit decided about one action.
type Tracking struct {
	Owner string    `json:"owner,omitempty"`
	Due   time.Time `json:"due,omitzero"`
	Done  time.Time `json:"done,omitzero"`
}

// Event is one line of the audit's own history: who changed what, and when.
type Event struct {
	At   time.Time `json:"at"`
	What string    `json:"what"`
}

// Action is one step of the action plan.
type Action struct {
	Rank     int       `json:"rank"`
	CheckID  string    `json:"check"`
	Domain   Domain    `json:"domain"`
	Action   string    `json:"action"`
	Why      string    `json:"why"`
	Severity Severity  `json:"severity"`
	Effort   Effort    `json:"effort"`
	Due      time.Time `json:"due"`
	Owner    string    `json:"owner,omitempty"`
	Done     bool      `json:"done,omitempty"`
	Affected int       `json:"affected,omitempty"` // how many items the action touches
}
