package demo

import (
	"context"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/connectors"
)

// Audit is the demo company's audit as of now, with its canned answers and
// any extra ones on top, built by the same use case as every front end's. It
// lives in memory only: the demo is never saved unless a person saves it
// under a site name of their own.
func Audit(ctx context.Context, cat *checklist.Catalogue, now time.Time, extra checklist.Answers) (*checklist.Audit, error) {
	answers := Answers(now)
	for id, a := range extra {
		answers[id] = a
	}
	return core.Demo(ctx, cat, SiteName, connectors.ForAudit(New(now), nil), answers, now)
}
