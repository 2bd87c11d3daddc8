// Package export turns an audit into documents people keep: the JSON report, a
// plain-text summary and (in later files) PDF, CSV and Markdown.
package export

import (
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// ReportSchema is the version of the JSON report, a public interface that other
// tools read. Add fields freely; bump it only when a field changes meaning or goes.
const ReportSchema = 1

// Report is the JSON document. It is built from an audit; the inventory part
// lists every device and extension, and never a PIN or secret.
type Report struct {
	Schema    int          `json:"schema"`
	Site      string       `json:"site"`
	Generated time.Time    `json:"generated"`
	Auditor   string       `json:"auditor,omitempty"`
	Source    ReportSource `json:"source"`
	// JudgedBy (added in schema 1) says which release, check catalogue and
	// firmware advisories judged the audit; null for an audit saved before
	// Ringfence recorded it.
	JudgedBy *checklist.JudgedBy `json:"judged_by"`
	Score    ReportScore         `json:"score"`
	Results  []ReportCheck       `json:"results"`
	Plan     []ReportStep        `json:"plan"`
	// Inventory was added in schema 1 without a bump: new fields may appear.
	Inventory ReportInventory `json:"inventory"`
}

// ReportSource says where the facts came from.
type ReportSource struct {
	Connector string    `json:"connector"`
	FetchedAt time.Time `json:"fetched_at,omitzero"`
	PBX       string    `json:"pbx,omitempty"`
}

// ReportScore is the overall score and one entry per domain.
type ReportScore struct {
	Overall    int                     `json:"overall"`
	Confidence int                     `json:"confidence"`
	Counts     checklist.Tally         `json:"counts"`
	Domains    []checklist.DomainScore `json:"domains"`
}

// ReportCheck is one check's result.
type ReportCheck struct {
	ID         string                `json:"id"`
	Domain     checklist.Domain      `json:"domain"`
	Title      string                `json:"title"`
	Status     checklist.Status      `json:"status"`
	Severity   checklist.Severity    `json:"severity"`
	Effort     checklist.Effort      `json:"effort"`
	Evidence   string                `json:"evidence"`
	Basis      string                `json:"basis"`
	Affected   []checklist.Item      `json:"affected"`
	NAReason   string                `json:"na_reason,omitempty"`
	Acceptance *checklist.Acceptance `json:"acceptance,omitempty"`
}

// ReportStep is one line of the action plan.
type ReportStep struct {
	Rank     int                `json:"rank"`
	Check    string             `json:"check"`
	Action   string             `json:"action"`
	Why      string             `json:"why"`
	Severity checklist.Severity `json:"severity"`
	Effort   checklist.Effort   `json:"effort"`
	Due      string             `json:"due"` // YYYY-MM-DD
	Owner    string             `json:"owner,omitempty"`
	Done     bool               `json:"done"`
}

// NewReport builds the JSON document for an audit.
func NewReport(a *checklist.Audit, generated time.Time) Report {
	card := checklist.Score(a.Results)
	r := Report{
		Schema: ReportSchema, Site: a.Site, Generated: generated.UTC(), Auditor: a.Auditor, JudgedBy: a.JudgedBy,
		Source: ReportSource{Connector: a.Inventory.Source.Connector, FetchedAt: a.Inventory.Source.FetchedAt,
			PBX: pbxLabel(a.Inventory.PBX)},
		Score:     ReportScore{Overall: card.Overall, Confidence: card.Confidence, Counts: card.Counts, Domains: card.Domains},
		Results:   make([]ReportCheck, 0, len(a.Results)),
		Plan:      make([]ReportStep, 0, len(a.Plan)),
		Inventory: newReportInventory(a, generated.UTC()),
	}
	for _, res := range a.Results {
		affected := res.Affected
		if affected == nil {
			affected = []checklist.Item{}
		}
		r.Results = append(r.Results, ReportCheck{
			ID: res.CheckID, Domain: res.Domain, Title: res.Title, Status: res.Status,
			Severity: res.Severity, Effort: res.Effort, Evidence: res.Evidence, Basis: res.Basis,
			Affected: affected, NAReason: res.NAReason, Acceptance: res.Acceptance,
		})
	}
	for _, p := range a.Plan {
		r.Plan = append(r.Plan, ReportStep{
			Rank: p.Rank, Check: p.CheckID, Action: p.Action, Why: p.Why, Severity: p.Severity,
			Effort: p.Effort, Due: p.Due.Format(time.DateOnly), Owner: p.Owner, Done: p.Done,
		})
	}
	return r
}

func pbxLabel(p inventory.PBX) string {
	label := p.Product
	if p.Version != "" {
		label += " " + p.Version
	}
	if p.Hosted && label != "" {
		label += " (hosted)"
	}
	return label
}
