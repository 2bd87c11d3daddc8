package core

import (
	"context"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

// Demo builds the demo company's audit in memory from its source and its own
// answers: it is never saved, so nothing real is touched.
func Demo(ctx context.Context, cat *checklist.Catalogue, name string, src Source, answers checklist.Answers, now time.Time) (*checklist.Audit, error) {
	got, err := src.Fetch(ctx)
	if err != nil {
		return nil, err
	}
	a := checklist.NewAudit(cat, name, got.Inventory, answers, now)
	a.Demo = true
	return a, nil
}
