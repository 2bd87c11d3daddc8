package threecx

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"

	"github.com/ringfence/ringfence/connectors/httpx"
)

// page is one answer from an OData collection.
type page[T any] struct {
	Value    []T    `json:"value"`
	Count    *int   `json:"@odata.count"`
	NextLink string `json:"@odata.nextLink"`
}

// maxEntities stops a server that ignores $skip from looping for ever.
const maxEntities = 1_000_000

// list reads a whole collection, page by page, handing each page to visit as
// it arrives so that a large system is never held twice in memory. It follows
// @odata.nextLink when the server gives one (the server chose the page size),
// and otherwise steps $skip by the page size it asked for.
func list[T any](ctx context.Context, s *Source, step, path string, query url.Values, progress func(done, total int), visit func([]T) error) error {
	size := s.cfg.PageSize
	skip, done, total := 0, 0, 0
	next := ""
	for {
		var p page[T]
		var err error
		if next != "" {
			err = s.get(ctx, step, next, nil, &p)
		} else {
			q := url.Values{}
			for k, v := range query {
				q[k] = v
			}
			q.Set("$top", strconv.Itoa(size))
			q.Set("$skip", strconv.Itoa(skip))
			q.Set("$count", "true")
			err = s.get(ctx, step, path, q, &p)
		}
		if err != nil {
			return err
		}
		if p.Count != nil {
			total = *p.Count
		}
		if err := visit(p.Value); err != nil {
			return err
		}
		done += len(p.Value)
		if progress != nil {
			progress(done, total)
		}
		if done > maxEntities {
			return &httpx.Error{Connector: Name, Step: step, Err: fmt.Errorf("%w: more than %d entries came back", httpx.ErrBadData, maxEntities),
				Hint: "The phone system seems to repeat the same page; check that its version is supported."}
		}
		switch {
		case p.NextLink != "":
			next = p.NextLink
		case len(p.Value) == 0:
			return nil
		case total > 0 && done < total, next == "" && len(p.Value) == size:
			// A server may give fewer than asked without a link; the count
			// says whether more remain.
			next, skip = "", done
		default:
			return nil
		}
	}
}

// flexible accepts a JSON object or an array of them: the XAPI description
// makes some navigation properties collections and some single values, and
// versions have differed.
type flexible[T any] []T

func (f *flexible[T]) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		var many []T
		err := json.Unmarshal(b, &many)
		*f = many
		return err
	}
	if string(b) == "null" {
		*f = nil
		return nil
	}
	var one T
	err := json.Unmarshal(b, &one)
	*f = []T{one}
	return err
}
