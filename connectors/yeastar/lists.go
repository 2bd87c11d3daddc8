package yeastar

import (
	"context"
	"net/url"
	"strconv"

	"github.com/ringfence/ringfence/connectors"
)

// pageOf is one page of a Yeastar list: total_number and data.
type pageOf[T any] struct {
	status
	TotalNumber int `json:"total_number"`
	Data        []T `json:"data"`
}

// readAll pages through a list (pages count from 1) until it has total_number
// items or a page comes back empty or short. key names an item so that a
// server repeating itself cannot pad the inventory; a full page that brings
// nothing new, or more pages than the client's limit, is an error rather than
// a quiet stop that would pass off part of the list as all of it.
func readAll[T any](ctx context.Context, s *Source, what, path string, extra url.Values, key func(T) string, progress func(connectors.Progress)) ([]T, error) {
	step := "reading " + what
	var out []T
	seen := map[string]bool{}
	pager := s.client.Pager(step, what)
	for page := 1; ; page++ {
		if err := pager.Next(""); err != nil {
			return nil, err
		}
		q := url.Values{"page": {strconv.Itoa(page)}, "page_size": {strconv.Itoa(s.opts.PageSize)}}
		for k, v := range extra {
			q[k] = v
		}
		var p pageOf[T]
		if err := s.get(ctx, step, path, q, &p); err != nil {
			return nil, err
		}
		fresh := 0
		for _, item := range p.Data {
			k := key(item)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, item)
			fresh++
		}
		if progress != nil && fresh > 0 {
			progress(connectors.Progress{Step: what, Done: len(out), Total: p.TotalNumber})
		}
		if len(p.Data) < s.opts.PageSize || (p.TotalNumber > 0 && len(out) >= p.TotalNumber) {
			return out, nil
		}
		if fresh == 0 {
			return nil, pager.NothingNew()
		}
	}
}
