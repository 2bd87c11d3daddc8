package yeastar

import (
	"context"
	"errors"
	"net/url"
	"strconv"

	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
)

// maxPages stops a server that keeps sending pages from keeping Ringfence busy.
const maxPages = 10000

// pageOf is one page of a Yeastar list: total_number and data.
type pageOf[T any] struct {
	status
	TotalNumber int `json:"total_number"`
	Data        []T `json:"data"`
}

// readAll pages through a list (pages count from 1) until it has total_number
// items, a page comes back empty or short, or a page brings nothing new. key
// names an item so that a server repeating itself cannot pad the inventory.
func readAll[T any](ctx context.Context, s *Source, what, path string, extra url.Values, key func(T) string, progress func(connectors.Progress)) ([]T, error) {
	step := "reading " + what
	var out []T
	seen := map[string]bool{}
	for page := 1; ; page++ {
		if page > maxPages {
			return nil, &httpx.Error{Connector: name, Step: step, Err: errors.New("the PBX kept sending pages"), Hint: "Check that the PBX firmware is up to date."}
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
		if fresh == 0 || len(p.Data) < s.opts.PageSize || (p.TotalNumber > 0 && len(out) >= p.TotalNumber) {
			return out, nil
		}
	}
}
