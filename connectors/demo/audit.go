package demo

import (
	"context"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

// Audit is the demo company's audit as of now, with its canned answers and
// any extra ones on top. It lives in memory only: the demo is never saved
// unless a person saves it under a site name of their own.
func Audit(ctx context.Context, cat *checklist.Catalogue, now time.Time, extra checklist.Answers) (*checklist.Audit, error) {
	res, err := New(now).Fetch(ctx, nil)
	if err != nil {
		return nil, err
	}
	answers := Answers(now)
	for id, a := range extra {
		answers[id] = a
	}
	a := checklist.NewAudit(cat, SiteName, res.Inventory, answers, now)
	a.Demo = true
	return a, nil
}
