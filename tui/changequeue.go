package tui

import (
	"errors"
	"sync"
)

// changeQueue keeps the changes to a saved record (an audit, an incident) not
// yet saved, in the order they were made, and saves them one batch at a time
// so they land on disk in that order.
type changeQueue[T any] struct {
	flushing sync.Mutex // one save at a time, so changes land in order
	mu       sync.Mutex // guards pending
	pending  []func(*T) error
}

func (q *changeQueue[T]) queue(c func(*T) error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = append(q.pending, c)
}

// idle reports whether every change made so far has been saved.
func (q *changeQueue[T]) idle() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.pending) == 0
}

// changeError is a change the record on disk refused. It is dropped rather
// than retried, since it would be refused again.
type changeError struct{ err error }

func (e *changeError) Error() string { return e.err.Error() }
func (e *changeError) Unwrap() error { return e.err }

// flush hands every queued change, in order, to save and returns the record
// as saved; nil when there was nothing to save. A change the record refuses
// comes back as a *changeError and the batch is dropped; when the save itself
// fails, the changes stay queued and the next flush tries them again.
func (q *changeQueue[T]) flush(save func(changes []func(*T) error) (*T, error)) (*T, error) {
	q.flushing.Lock()
	defer q.flushing.Unlock()
	q.mu.Lock()
	batch := q.pending
	q.mu.Unlock()
	if len(batch) == 0 {
		return nil, nil
	}
	wrapped := make([]func(*T) error, len(batch))
	for i, c := range batch {
		wrapped[i] = func(r *T) error {
			if err := c(r); err != nil {
				return &changeError{err}
			}
			return nil
		}
	}
	saved, err := save(wrapped)
	if _, refused := errors.AsType[*changeError](err); err != nil && !refused {
		return nil, err
	}
	q.mu.Lock()
	q.pending = q.pending[len(batch):]
	q.mu.Unlock()
	return saved, err
}
