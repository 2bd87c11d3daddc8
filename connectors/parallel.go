package connectors

import (
	"context"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

// ForEach runs fn for each index from 0 to n-1 with at most limit calls in
// flight, for per-item requests such as one voicemail PIN per extension. The
// first error cancels the calls still to come and is returned; so is the
// caller's cancellation. progress, if not nil, is called after each success
// with the number done so far, from one goroutine at a time.
func ForEach(ctx context.Context, n, limit int, fn func(ctx context.Context, i int) error, progress func(done int)) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(limit, 1))
	var done atomic.Int64
	var report = make(chan struct{}, 1)
	report <- struct{}{}
	for i := range n {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := fn(gctx, i); err != nil {
				return err
			}
			d := done.Add(1)
			if progress != nil {
				<-report
				progress(int(d))
				report <- struct{}{}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}
