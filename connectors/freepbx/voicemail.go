package freepbx

import (
	"context"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
)

// The voicemail module returns the PIN in clear text as "password". It is
// judged inside judgeMailbox and never leaves it.
const voicemailQuery = `query Mailbox($ext: ID!) {
  fetchVoiceMail(extensionId: $ext) { status password }
}`

// judgeMailbox reads one mailbox and returns what may be kept about it. ok is
// false when the extension has no mailbox after all.
func (s *Source) judgeMailbox(ctx context.Context, ext string) (inventory.Mailbox, bool, error) {
	var ans struct {
		FetchVoiceMail *struct {
			Status   bool    `json:"status"`
			Password *string `json:"password"`
		} `json:"fetchVoiceMail"`
	}
	if err := s.query(ctx, "reading voicemail for extension "+ext, voicemailQuery, map[string]any{"ext": ext}, &ans); err != nil {
		return inventory.Mailbox{}, false, err
	}
	vm := ans.FetchVoiceMail
	if vm == nil || !vm.Status {
		return inventory.Mailbox{}, false, nil // "unable to fetch": no box for this extension
	}
	m := inventory.Mailbox{Extension: ext, Enabled: true, PINRequired: true, PIN: inventory.PINJudgement{Verdict: inventory.PINUnknown}}
	if vm.Password != nil {
		m.PIN = checklist.JudgePIN(*vm.Password, ext)
	}
	vm.Password = nil
	return m, true, nil
}

// fetchVoicemail judges every mailbox with at most opts.Concurrency requests
// in flight. The first error stops the rest. Mailboxes come back in the order
// of the extensions, whatever order the answers arrive in.
func (s *Source) fetchVoicemail(ctx context.Context, exts []extensionNode, progress func(connectors.Progress)) ([]inventory.Mailbox, error) {
	var todo []string
	for _, e := range exts {
		if e.hasVoicemail() {
			todo = append(todo, e.ExtensionID)
		}
	}
	boxes := make([]inventory.Mailbox, len(todo))
	found := make([]bool, len(todo))
	err := connectors.ForEach(ctx, len(todo), s.opts.Concurrency, func(ctx context.Context, i int) error {
		m, ok, err := s.judgeMailbox(ctx, todo[i])
		boxes[i], found[i] = m, ok
		return err
	}, func(done int) {
		if progress != nil {
			progress(connectors.Progress{Step: "voicemail", Done: done, Total: len(todo)})
		}
	})
	if err != nil {
		return nil, err
	}
	out := make([]inventory.Mailbox, 0, len(todo))
	for i, m := range boxes {
		if found[i] {
			out = append(out, m)
		}
	}
	return out, nil
}
