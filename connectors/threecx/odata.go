package threecx

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/ringfence/ringfence/connectors/httpx"
)

// page is one answer from an OData collection. The items are kept raw until
// the page is known to be new, so a server repeating itself is caught by what
// it sent rather than by what Ringfence made of it.
type page struct {
	Value    json.RawMessage `json:"value"`
	Count    *int            `json:"@odata.count"`
	NextLink string          `json:"@odata.nextLink"`
}

// list reads a whole collection, page by page, handing each page to visit as
// it arrives so that a large system is never held twice in memory. It follows
// @odata.nextLink when the server gives one (the server chose the page size),
// and otherwise steps $skip by the page size it asked for. A link that
// repeats, a page the same as an earlier one, a link to another collection
// and more pages than the limit all stop it with a clear error.
func list[T any](ctx context.Context, s *Source, step, path string, query url.Values, progress func(done, total int), visit func([]T) error) error {
	size := s.cfg.PageSize
	what := strings.TrimPrefix(step, "reading ")
	pager := s.client.Pager(step, what)
	skip, done, total := 0, 0, 0
	next := ""
	for {
		if err := pager.Next(next); err != nil {
			return err
		}
		var p page
		var err error
		if next != "" {
			if err := s.sameCollection(step, path, next); err != nil {
				return err
			}
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
		if err := pager.Seen(p.Value); err != nil {
			return err
		}
		var items []T
		if len(p.Value) > 0 && string(p.Value) != "null" {
			if err := json.Unmarshal(p.Value, &items); err != nil {
				return &httpx.Error{Connector: Name, Step: step, Err: fmt.Errorf("%w (the list was not in the expected form)", httpx.ErrBadData),
					Hint: "Check that the phone system runs 3CX version 20."}
			}
		}
		if p.Count != nil {
			total = *p.Count
		}
		if err := visit(items); err != nil {
			return err
		}
		done += len(items)
		if progress != nil {
			progress(done, total)
		}
		switch {
		case len(items) == 0:
			// An empty page ends the list, whatever link came with it.
			return nil
		case p.NextLink != "":
			next = p.NextLink
		case total > 0 && done < total, next == "" && len(items) == size:
			// A server may give fewer than asked without a link; the count
			// says whether more remain.
			next, skip = "", done
		default:
			return nil
		}
	}
}

// sameCollection refuses a next-page link to another collection: the
// client's allow-list would let it through (it is a read), but what came back
// would be taken for more of this list.
func (s *Source) sameCollection(step, path, link string) error {
	u, err := url.Parse(link)
	if err == nil {
		base, _ := url.Parse(s.client.BaseURL())
		if u = base.ResolveReference(u); u.Path == base.Path+path {
			return nil
		}
	}
	return &httpx.Error{Connector: Name, Step: step, Err: fmt.Errorf("%w: the next-page link pointed to another list", httpx.ErrBadData),
		Hint: "Check that the phone system runs 3CX version 20 and that nothing between you and it rewrites its answers."}
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
