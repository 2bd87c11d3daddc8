// Package connectors reads inventories from phone systems and files. Every
// connector only reads: none of them can change the system it looks at.
package connectors

import (
	"context"
	"fmt"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/connectors/tabular"
)

// Progress is a short report from a running fetch, for spinners and logs.
type Progress struct {
	Step  string // e.g. "users", "devices"
	Done  int
	Total int // 0 when unknown
}

// Source is anything that can produce an inventory.
type Source interface {
	// Name is the connector's short name, e.g. "demo", "3cx".
	Name() string
	// Fetch reads the inventory and accounts for what it could not use. It
	// honours ctx cancellation and calls progress (which may be nil) as it goes.
	Fetch(ctx context.Context, progress func(Progress)) (Result, error)
}

// Result is what a fetch found and what it left out. The inventory is
// embedded so that a result reads like the inventory it carries; the parts of
// a phone system that could not be read are its Source.Gaps, so that they
// travel with the inventory into the audit.
type Result struct {
	inventory.Inventory
	// Import accounts for every line of an imported file (read, used,
	// skipped and why); nil for sources that read no file.
	Import *tabular.Report
	// Warnings are things the user should know that left nothing out.
	Warnings []string
}

// Gaps are the parts of the phone system that could not be read.
func (r Result) Gaps() []inventory.Gap { return r.Source.Gaps }

// ImportLines is the account of an imported file, one line each: every
// skipped line with its reason, then how many lines were read, used and
// skipped. The command line and the app both show exactly these, so a row
// left out is never left out silently.
func (r Result) ImportLines() []string {
	rep := r.Import
	if rep == nil {
		return nil
	}
	name := safetext.Line(rep.File)
	var out []string
	for _, s := range rep.Skips {
		out = append(out, name+": skipped "+safetext.Line(s.Error()))
	}
	if n := rep.Unlisted(); n > 0 {
		out = append(out, fmt.Sprintf("%s: %d more skipped lines are not listed", name, n))
	}
	for _, n := range rep.Notes {
		out = append(out, name+": "+safetext.Line(n))
	}
	return append(out, name+": "+rep.Summary())
}

// facetNames says in plain words what each part of a phone system is.
var facetNames = map[inventory.Facet]string{
	inventory.FacetPBX: "phone system's version", inventory.FacetDevices: "phones", inventory.FacetDialling: "dialling rules",
	inventory.FacetVoicemail: "voicemail mailboxes", inventory.FacetCalls: "call records", inventory.FacetTrunks: "trunks",
	inventory.FacetAdmins: "admin accounts", inventory.FacetExtensions: "extensions",
}

// GapLines says, one line each, what part of the phone system could not be
// read and why: the checks resting on it stay unknown rather than pass.
func (r Result) GapLines() []string {
	var out []string
	for _, g := range r.Gaps() {
		what := facetNames[g.Facet]
		if what == "" {
			what = string(g.Facet)
		}
		out = append(out, fmt.Sprintf("Could not read the %s: %s The checks that need it stay unknown.", what, safetext.Line(g.Reason)))
	}
	return out
}

// Account is everything a fetch has to say besides the inventory: the
// import's account, the gaps and the warnings. The command line prints it
// and the app shows it, line for line.
func (r Result) Account() []string {
	out := append(r.ImportLines(), r.GapLines()...)
	for _, w := range r.Warnings {
		out = append(out, "Warning: "+safetext.Line(w))
	}
	return out
}
