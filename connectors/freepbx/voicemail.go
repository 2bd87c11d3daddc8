package freepbx

import (
	"context"
	"sync"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/pins"
	"github.com/ringfence/ringfence/connectors"
)

// The voicemail module returns the PIN in clear text as "password". It is
// judged inside judgeMailbox and never leaves it.
const voicemailQuery = `query Mailbox($ext: ID!) {
  fetchVoiceMail(extensionId: $ext) { status password }
}`

// judgeMailbox reads one mailbox and returns what may be kept about it. ok is
// false when the extension has no mailbox after all.
func (s *Source) judgeMailbox(ctx context.Context, ext string) (checklist.Mailbox, bool, error) {
	var ans struct {
		FetchVoiceMail *struct {
			Status   bool    `json:"status"`
			Password *string `json:"password"`
		} `json:"fetchVoiceMail"`
	}
	if err := s.query(ctx, "reading voicemail for extension "+ext, voicemailQuery, map[string]any{"ext": ext}, &ans); err != nil {
		return checklist.Mailbox{}, false, err
	}
	vm := ans.FetchVoiceMail
	if vm == nil || !vm.Status {
		return checklist.Mailbox{}, false, nil // "unable to fetch": no box for this extension
	}
	m := checklist.Mailbox{Extension: ext, Enabled: true, PINRequired: true, PIN: checklist.PINJudgement{Verdict: checklist.PINUnknown}}
	if vm.Password != nil {
		j := pins.Judge(*vm.Password, ext)
		m.PIN = checklist.PINJudgement{Verdict: checklist.PINVerdict(j.Verdict), Reason: j.Reason, Short: j.Short}
	}
	vm.Password = nil
	return m, true, nil
}

// fetchVoicemail judges every mailbox with at most opts.Concurrency requests
// in flight. The first error stops the rest. Mailboxes come back in the order
// of the extensions, whatever order the answers arrive in.
func (s *Source) fetchVoicemail(ctx context.Context, exts []extensionNode, progress func(connectors.Progress)) ([]checklist.Mailbox, error) {
	var todo []string
	for _, e := range exts {
		if e.hasVoicemail() {
			todo = append(todo, e.ExtensionID)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	boxes := make([]checklist.Mailbox, len(todo))
	found := make([]bool, len(todo))
	var (
		mu       sync.Mutex
		firstErr error
		done     int
	)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(s.opts.Concurrency, max(len(todo), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				m, ok, err := s.judgeMailbox(ctx, todo[i])
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				boxes[i], found[i] = m, ok
				done++
				if progress != nil && err == nil {
					progress(connectors.Progress{Step: "voicemail", Done: done, Total: len(todo)})
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for i := range todo {
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
	out := make([]checklist.Mailbox, 0, len(todo))
	for i, m := range boxes {
		if found[i] {
			out = append(out, m)
		}
	}
	return out, nil
}
