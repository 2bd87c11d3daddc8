package connectors

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestForEachKeepsToTheLimitAndReportsProgress(t *testing.T) {
	t.Parallel()
	var inFlight, most atomic.Int64
	seen := make([]bool, 50)
	var last int
	err := ForEach(context.Background(), len(seen), 4, func(ctx context.Context, i int) error {
		n := inFlight.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		seen[i] = true
		inFlight.Add(-1)
		return nil
	}, func(done int) { last = max(last, done) })
	if err != nil {
		t.Fatal(err)
	}
	if most.Load() > 4 {
		t.Errorf("%d calls in flight, limit 4", most.Load())
	}
	for i, ok := range seen {
		if !ok {
			t.Fatalf("item %d was never done", i)
		}
	}
	if last != len(seen) {
		t.Errorf("progress reached %d of %d", last, len(seen))
	}
}

func TestForEachStopsAtTheFirstError(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	var calls atomic.Int64
	err := ForEach(context.Background(), 1000, 1, func(ctx context.Context, i int) error {
		calls.Add(1)
		if i == 3 {
			return boom
		}
		return ctx.Err()
	}, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	if calls.Load() > 10 {
		t.Errorf("%d calls made after the error; the rest should be skipped", calls.Load())
	}
}

func TestForEachHonoursCancellation(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := ForEach(ctx, 10, 2, func(ctx context.Context, i int) error { return nil }, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v", err)
	}
}

func TestParseFetchOptions(t *testing.T) {
	t.Parallel()
	o, err := ParseFetchOptions("freepbx", map[string]string{"calls": "Yes", "concurrency": "500", "page_size": "50", "other": "x"})
	if err != nil || !o.Calls || o.Concurrency != 32 || o.PageSize != 50 {
		t.Errorf("got %+v, %v", o, err)
	}
	for _, bad := range []map[string]string{{"calls": "maybe"}, {"call_limit": "0"}, {"page_size": "ten"}} {
		if _, err := ParseFetchOptions("freepbx", bad); err == nil {
			t.Errorf("%v should be refused", bad)
		}
	}
	o = FetchOptions{PageSize: 7}.WithDefaults(FetchOptions{CallLimit: 1, Concurrency: 2, PageSize: 3})
	if o != (FetchOptions{CallLimit: 1, Concurrency: 2, PageSize: 7}) {
		t.Errorf("defaults: %+v", o)
	}
}
