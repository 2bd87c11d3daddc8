package freepbx

import (
	"context"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// The cdr module declares "after" as a number but decodes it as a Relay
// cursor, so it cannot page reliably: Ringfence reads one page of the newest
// records, up to the call limit. "disposition" is left out because its
// resolver reads an undefined variable and always answers "": billsec says
// whether a call was answered.
const callsQuery = `query Calls($first: Int) {
  fetchAllCdrs(first: $first, orderby: date) {
    totalCount
    cdrs { calldate timestamp src cnum dst billsec }
  }
}`

type cdrRow struct {
	CallDate  string `json:"calldate"`
	Timestamp int64  `json:"timestamp"`
	Src       string `json:"src"`
	CNum      string `json:"cnum"`
	Dst       string `json:"dst"`
	BillSec   int    `json:"billsec"`
}

func (s *Source) fetchCalls(ctx context.Context) ([]inventory.Call, int, error) {
	var ans struct {
		FetchAllCdrs *struct {
			TotalCount int      `json:"totalCount"`
			Cdrs       []cdrRow `json:"cdrs"`
		} `json:"fetchAllCdrs"`
	}
	if err := s.query(ctx, "reading call records", callsQuery, map[string]any{"first": s.opts.CallLimit}, &ans); err != nil {
		return nil, 0, err
	}
	if ans.FetchAllCdrs == nil {
		return nil, 0, nil
	}
	rows := ans.FetchAllCdrs.Cdrs
	if len(rows) > s.opts.CallLimit {
		rows = rows[:s.opts.CallLimit]
	}
	calls := make([]inventory.Call, 0, len(rows))
	for _, r := range rows {
		calls = append(calls, r.call())
	}
	return calls, ans.FetchAllCdrs.TotalCount, nil
}

func (r cdrRow) call() inventory.Call {
	c := inventory.Call{
		From:     firstNonEmpty(r.CNum, r.Src),
		To:       r.Dst,
		Duration: time.Duration(r.BillSec) * time.Second,
		Answered: r.BillSec > 0,
	}
	switch {
	case r.Timestamp > 0:
		c.Start = time.Unix(r.Timestamp, 0).UTC()
	default:
		// calldate is the PBX's local time; without a zone UTC is the best guess.
		if t, err := time.Parse("2006-01-02 15:04:05", r.CallDate); err == nil {
			c.Start = t
		}
	}
	return c
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
