package checklist

import (
	"fmt"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/pins"
)

func (e evaluatorSet) addPINs() {
	e.register("PIN-01", []fact{judgedMailboxes}, func(f *Facts) Outcome {
		return mailboxesWhere(f, func(m inventory.Mailbox) string {
			if m.PIN.Verdict == inventory.PINEqualsExtension {
				return firstNonEmpty(safeReason(m.PIN), "PIN matches the extension")
			}
			return ""
		}, "Mailboxes whose PIN matches the extension: %d.", "No PIN matches its extension.")
	})
	e.register("PIN-02", []fact{judgedMailboxes}, func(f *Facts) Outcome {
		return mailboxesWhere(f, func(m inventory.Mailbox) string {
			if m.PIN.Verdict == inventory.PINWeak && !shortOnly(m.PIN) {
				return firstNonEmpty(safeReason(m.PIN), "easy to guess")
			}
			return ""
		}, "Mailboxes with a PIN that is easy to guess: %d.", "No PIN is on the easy-to-guess list.")
	})
	e.register("PIN-03", []fact{judgedMailboxes}, func(f *Facts) Outcome {
		return mailboxesWhere(f, func(m inventory.Mailbox) string {
			if m.PIN.Short {
				return "fewer than 6 digits"
			}
			return ""
		}, "Mailboxes with a PIN shorter than 6 digits: %d.", "Every judged PIN has at least 6 digits.")
	})
	e.register("PIN-06", []fact{judgedMailboxes}, func(f *Facts) Outcome {
		return mailboxesWhere(f, func(m inventory.Mailbox) string {
			switch {
			case m.PIN.Verdict == inventory.PINUnset:
				return "no PIN set"
			case m.PIN.Verdict == inventory.PINDefault:
				return "PIN left at the default"
			case !m.PINRequired:
				return "callers can reach it without a PIN"
			}
			return ""
		}, "Mailboxes that can be opened without a proper PIN: %d.", "Every mailbox has its own PIN and asks for it.")
	})
}

// shortOnly reports a PIN whose only fault is its length, which PIN-03 reports;
// counting it under PIN-02 as well would list one problem twice.
func shortOnly(j inventory.PINJudgement) bool {
	return j.Short && j.Reason == ShortPINReason
}

// safeReason returns the judge's reason only if it is one of the judge's own
// fixed phrases: reports print it, and nothing else may reach them from a PIN.
func safeReason(j inventory.PINJudgement) string {
	if pins.KnownReason(j.Reason) {
		return j.Reason
	}
	return ""
}

// ShortPINReason is the judgement reason for a PIN whose only fault is length.
const ShortPINReason = pins.ReasonShort

// mailboxesWhere fails when any enabled mailbox has a problem; judged says what is
// wrong with one mailbox, or "" when nothing is. Mailboxes whose PIN could not be
// judged keep the check unknown unless something else already fails it.
func mailboxesWhere(f *Facts, judged func(inventory.Mailbox) string, failText, passText string) Outcome {
	inv := f.Inventory
	var items []Item
	enabled, unjudged := 0, 0
	for _, m := range inv.Voicemail {
		if !m.Enabled {
			continue
		}
		enabled++
		if !mailboxJudged(m) {
			unjudged++
			continue
		}
		if why := judged(m); why != "" {
			items = append(items, Item{Kind: "mailbox", ID: m.Extension, Label: "Mailbox " + m.Extension, Detail: why})
		}
	}
	switch {
	case len(items) > 0:
		return fail(items, failText, len(items))
	case unjudged > 0:
		return unknown("Mailboxes whose PIN could not be read, so could not be judged: %d of %d.", unjudged, enabled)
	}
	return pass("%s (%s)", passText, plural(enabled, "mailbox", "mailboxes"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// JudgePIN judges a voicemail PIN for a connector at fetch time. The PIN goes no
// further than this call: only the verdict and a fixed reason come back.
func JudgePIN(pin, extension string) inventory.PINJudgement {
	j := pins.Judge(pin, extension)
	return inventory.PINJudgement{Verdict: inventory.PINVerdict(j.Verdict), Reason: j.Reason, Short: j.Short}
}
