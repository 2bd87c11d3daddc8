package yeastar

import (
	"context"
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
)

// judgeMailbox asks for one extension's voicemail PIN, which Yeastar sends in
// Base64, and returns only the verdict. The PIN and its encoding never leave
// this function.
func (s *Source) judgeMailbox(ctx context.Context, e extensionRow) (inventory.Mailbox, error) {
	var ans struct {
		status
		Password string `json:"password"`
	}
	q := url.Values{"id": {strconv.Itoa(e.ID)}, "type": {"vm_pin"}}
	if err := s.get(ctx, "reading the voicemail PIN of extension "+e.Number, "extension/getpassword", q, &ans); err != nil {
		return inventory.Mailbox{}, err
	}
	m := inventory.Mailbox{Extension: e.Number, Enabled: true, PINRequired: true,
		PIN: inventory.PINJudgement{Verdict: inventory.PINUnknown}}
	if raw, ok := decodePIN(ans.Password); ok {
		m.PIN = checklist.JudgePIN(string(raw), e.Number)
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
func (s *Source) fetchVoicemail(ctx context.Context, exts []extensionRow, progress func(connectors.Progress)) ([]inventory.Mailbox, error) {
	boxes := make([]inventory.Mailbox, len(exts))
	err := connectors.ForEach(ctx, len(exts), s.opts.Concurrency, func(ctx context.Context, i int) error {
		m, err := s.judgeMailbox(ctx, exts[i])
		boxes[i] = m
		return err
	}, func(done int) {
		if progress != nil {
			progress(connectors.Progress{Step: "voicemail", Done: done, Total: len(exts)})
		}
	})
	if err != nil {
		return nil, err
	}
	return boxes, nil
}
