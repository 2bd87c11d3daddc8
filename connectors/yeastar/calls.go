package yeastar

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// cdrRow is one call record. "time" follows the PBX's display format (it can
// be day-first or month-first, 12- or 24-hour), so the Unix timestamp is used.
type cdrRow struct {
	ID           int    `json:"id"`
	Timestamp    int64  `json:"timestamp"`
	CallFrom     string `json:"call_from"`
	CallTo       string `json:"call_to"`
	TalkDuration int    `json:"talk_duration"`
	Disposition  string `json:"disposition"`
	CallType     string `json:"call_type"`
}

// fetchCalls reads up to CallLimit records, newest first. A page that brings
// no record not already read, while more are due, is an error.
func (s *Source) fetchCalls(ctx context.Context) ([]inventory.Call, int, error) {
	const step = "reading call records"
	size := min(s.opts.CallLimit, maxCDRPage)
	pager := s.client.Pager(step, "call records")
	seen := map[int]bool{}
	var calls []inventory.Call
	total := 0
	for page := 1; len(calls) < s.opts.CallLimit; page++ {
		if err := pager.Next(""); err != nil {
			return nil, 0, err
		}
		q := url.Values{"page": {strconv.Itoa(page)}, "page_size": {strconv.Itoa(size)}, "sort_by": {"id"}, "order_by": {"desc"}}
		var p pageOf[cdrRow]
		if err := s.get(ctx, step, "cdr/list", q, &p); err != nil {
			return nil, 0, err
		}
		total = p.TotalNumber
		fresh := 0
		for _, r := range p.Data {
			if len(calls) == s.opts.CallLimit {
				break
			}
			if seen[r.ID] {
				continue
			}
			seen[r.ID] = true
			calls = append(calls, r.call())
			fresh++
		}
		if len(p.Data) < size || (total > 0 && page*size >= total) {
			break
		}
		if fresh == 0 && len(calls) < s.opts.CallLimit {
			return nil, 0, pager.NothingNew()
		}
	}
	return calls, total, nil
}

func (r cdrRow) call() inventory.Call {
	c := inventory.Call{
		From:     number(r.CallFrom),
		To:       number(r.CallTo),
		Duration: time.Duration(r.TalkDuration) * time.Second,
		Answered: strings.EqualFold(r.Disposition, "ANSWERED") || r.TalkDuration > 0,
	}
	if r.Timestamp > 0 {
		c.Start = time.Unix(r.Timestamp, 0).UTC()
	}
	return c
}

// number takes the number out of "Name<1001>", the form call_from and
// call_to use when the party has a name.
func number(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '<'); i >= 0 && strings.HasSuffix(s, ">") {
		return strings.TrimSpace(s[i+1 : len(s)-1])
	}
	return s
}
