package threecx

import (
	"context"
	"net/url"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// defaultCallDays is how far back call history is read unless the site says:
// a quarter, the cadence of the audit itself, so that one audit's calls meet
// the last one's and nothing in between goes unread.
const defaultCallDays = 90

// callWindow is how many days of history to read, and from when.
func (s *Source) callWindow(now time.Time) (int, time.Time) {
	days := s.cfg.CallDays
	if days <= 0 {
		days = defaultCallDays
	}
	return days, now.UTC().AddDate(0, 0, -days)
}

// callRecord is a row of CallHistoryView, the XAPI's call log.
type callRecord struct {
	SegmentStartTime time.Time `json:"SegmentStartTime"`
	SegmentEndTime   time.Time `json:"SegmentEndTime"`
	SrcDn            string    `json:"SrcDn"`
	DstCallerNumber  string    `json:"DstCallerNumber"`
	DstDn            string    `json:"DstDn"`
	CallAnswered     bool      `json:"CallAnswered"`
	SrcExternal      bool      `json:"SrcExternal"`
	DstExternal      bool      `json:"DstExternal"`
}

func (s *Source) readCalls(ctx context.Context, since time.Time, progress func(done, total int)) ([]inventory.Call, error) {
	q := url.Values{
		"$select":  {"SegmentStartTime,SegmentEndTime,SrcDn,DstCallerNumber,DstDn,CallAnswered,SrcExternal,DstExternal"},
		"$filter":  {"SegmentStartTime ge " + since.UTC().Format(time.RFC3339) + " and DstExternal eq true and SrcExternal eq false"},
		"$orderby": {"SegmentStartTime desc"},
	}
	var out []inventory.Call
	err := list(ctx, s, "reading call history", "/xapi/v1/CallHistoryView", q, progress, func(batch []callRecord) error {
		for _, c := range batch {
			to := firstNonEmpty(c.DstCallerNumber, c.DstDn)
			d := time.Duration(0)
			if c.SegmentEndTime.After(c.SegmentStartTime) {
				d = c.SegmentEndTime.Sub(c.SegmentStartTime)
			}
			out = append(out, inventory.Call{Start: c.SegmentStartTime, From: c.SrcDn, To: to, Duration: d, Answered: c.CallAnswered})
		}
		return nil
	})
	return out, err
}
