package cdr

import (
	"io"
	"sync/atomic"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// batchSize is how many calls travel together between the reading and the
// analysing goroutine: enough to make the hand-over cheap, few enough that the
// memory in flight stays small (a few hundred kilobytes).
const batchSize = 4096

// ScanConcurrently is Scan with fn running on a goroutine of its own, so that
// reading the file and analysing the calls overlap on a machine with more than
// one core. fn sees every call in file order and is never called concurrently;
// its first error stops the scan within a batch and is returned. Memory stays
// bounded: three batches exist, reused in turn.
func ScanConcurrently(r io.Reader, name string, layout Layout, fn func(inventory.Call) error) (Stats, []RowError, error) {
	full := make(chan []inventory.Call, 2)
	free := make(chan []inventory.Call, 3)
	for range cap(free) {
		free <- make([]inventory.Call, 0, batchSize)
	}
	var failure atomic.Pointer[error]
	done := make(chan struct{})
	go func() {
		defer close(done)
		for batch := range full {
			if failure.Load() == nil {
				for _, c := range batch {
					if err := fn(c); err != nil {
						failure.Store(&err)
						break
					}
				}
			}
			free <- batch[:0]
		}
	}()

	batch := <-free
	st, rejected, err := Scan(r, name, layout, func(c inventory.Call) error {
		if p := failure.Load(); p != nil {
			return *p
		}
		batch = append(batch, c)
		if len(batch) == batchSize {
			full <- batch
			batch = <-free
		}
		return nil
	})
	if len(batch) > 0 {
		full <- batch
	}
	close(full)
	<-done
	if err != nil {
		return st, rejected, err
	}
	if p := failure.Load(); p != nil {
		return st, rejected, *p
	}
	return st, rejected, nil
}
