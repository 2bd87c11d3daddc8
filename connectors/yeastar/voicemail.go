package yeastar

import (
	"context"
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/pins"
	"github.com/ringfence/ringfence/connectors"
)

// judgeMailbox asks for one extension's voicemail PIN, which Yeastar sends in
// Base64, and returns only the verdict. The PIN and its encoding never leave
// this function.
func (s *Source) judgeMailbox(ctx context.Context, e extensionRow) (checklist.Mailbox, error) {
	var ans struct {
		status
		Password string `json:"password"`
	}
	q := url.Values{"id": {strconv.Itoa(e.ID)}, "type": {"vm_pin"}}
	if err := s.get(ctx, "reading the voicemail PIN of extension "+e.Number, "extension/getpassword", q, &ans); err != nil {
		return checklist.Mailbox{}, err
	}
	m := checklist.Mailbox{Extension: e.Number, Enabled: true, PINRequired: true,
		PIN: checklist.PINJudgement{Verdict: checklist.PINUnknown}}
	if raw, ok := decodePIN(ans.Password); ok {
		j := pins.Judge(string(raw), e.Number)
		m.PIN = checklist.PINJudgement{Verdict: checklist.PINVerdict(j.Verdict), Reason: j.Reason, Short: j.Short}
		clear(raw)
	}
	ans.Password = ""
	return m, nil
}

// decodePIN undoes the Base64; a value that is not Base64 cannot be judged.
func decodePIN(b64 string) ([]byte, bool) {
	b64 = strings.TrimSpace(b64)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding} {
		if raw, err := enc.DecodeString(b64); err == nil {
			return raw, true
		}
	}
	return nil, false
}

// fetchVoicemail judges every extension's PIN with at most opts.Concurrency
// requests in flight, in extension order. The first error stops the rest.
func (s *Source) fetchVoicemail(ctx context.Context, exts []extensionRow, progress func(connectors.Progress)) ([]checklist.Mailbox, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	boxes := make([]checklist.Mailbox, len(exts))
	var (
		mu       sync.Mutex
		firstErr error
		done     int
		wg       sync.WaitGroup
	)
	jobs := make(chan int)
	for w := 0; w < min(s.opts.Concurrency, max(len(exts), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				m, err := s.judgeMailbox(ctx, exts[i])
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				boxes[i] = m
				done++
				if progress != nil && err == nil {
					progress(connectors.Progress{Step: "voicemail", Done: done, Total: len(exts)})
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for i := range exts {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return boxes, nil
}
