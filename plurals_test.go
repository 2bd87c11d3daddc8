package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors/demo"
	"github.com/ringfence/ringfence/export"
)

// onePlural catches a count of one beside a plural noun ("1 days", "of 1
// actions"); a leading digit such as "21 days" is not a match.
var onePlural = regexp.MustCompile(`(^|[^0-9.,])1 (?:[a-z-]+ )?(days|calls|items|phones|extensions|mailboxes|devices|minutes|checks|actions|questions|accounts|trunks|rules|seconds|times|rows|lines|numbers|hours|findings|leavers|records|people|answers|admins|forwards|destinations)\b`)

// pickUpTo keeps at most max elements of s, chosen at random, in order.
func pickUpTo[T any](r *rand.Rand, s []T, max int) []T {
	n := r.IntN(max + 1)
	if n > len(s) {
		n = len(s)
	}
	idx := r.Perm(len(s))[:n]
	var out []T
	for i := range s {
		for _, j := range idx {
			if i == j {
				out = append(out, s[i])
			}
		}
	}
	return out
}

// smallInventory is the demo company cut down to zero, one or two of each
// thing, with leaving dates and the call window a day or two long, so that
// every count in the text comes out as 0, 1 or 2.
func smallInventory(r *rand.Rand, inv inventory.Inventory, now time.Time) inventory.Inventory {
	inv.Extensions = pickUpTo(r, inv.Extensions, 2)
	inv.Voicemail = pickUpTo(r, inv.Voicemail, 2)
	inv.Devices = pickUpTo(r, inv.Devices, 2)
	inv.Admins = pickUpTo(r, inv.Admins, 2)
	inv.Trunks = pickUpTo(r, inv.Trunks, 2)
	inv.Calls = pickUpTo(r, inv.Calls, 2)
	staff := pickUpTo(r, inv.Staff, 2)
	for i := range staff {
		if !staff[i].Left.IsZero() {
			staff[i].Left = now.AddDate(0, 0, -r.IntN(3))
		}
	}
	inv.Staff = staff
	inv.Source.CallDays = r.IntN(3)
	for i := range inv.Extensions {
		e := &inv.Extensions[i]
		e.Forwards = pickUpTo(r, e.Forwards, 2)
	}
	return inv
}

// renderedText is everything a person reads about an audit in text: the
// summary, the Markdown report and each check's evidence and item details.
func renderedText(t *testing.T, a *checklist.Audit) string {
	t.Helper()
	var b bytes.Buffer
	if err := export.WriteSummary(&b, a, 5); err != nil {
		t.Fatal(err)
	}
	if err := export.WriteMarkdown(&b, a, export.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, r := range a.Results {
		fmt.Fprintln(&b, r.Evidence)
		for _, it := range r.Affected {
			fmt.Fprintln(&b, it.Label, it.Detail)
		}
	}
	for _, act := range a.Plan {
		fmt.Fprintln(&b, act.Action, act.Why)
	}
	return b.String()
}

func assertNoOnePlural(t *testing.T, what, text string) {
	t.Helper()
	for _, line := range bytes.Split([]byte(text), []byte("\n")) {
		if m := onePlural.Find(line); m != nil {
			t.Errorf("%s says %q in: %s", what, m, line)
		}
	}
}

func TestCountsOfOneAreSingular(t *testing.T) {
	cat := checklist.Builtin()
	ctx := context.Background()
	a, err := demo.Audit(ctx, cat, fixedNow, nil)
	if err != nil {
		t.Fatal(err)
	}
	assertNoOnePlural(t, "the demo", renderedText(t, a))
	base := a.Inventory
	// The whole demo with each leaver gone 0, 1 or 2 days, the call window as
	// long, and at most that many calls from each extension.
	for n := range 3 {
		inv := base
		inv.Staff = append([]inventory.StaffMember(nil), base.Staff...)
		for i := range inv.Staff {
			if !inv.Staff[i].Left.IsZero() {
				inv.Staff[i].Left = fixedNow.AddDate(0, 0, -n).Add(-time.Hour)
			}
		}
		perExt := map[string]int{}
		inv.Calls = nil
		for _, c := range base.Calls {
			if perExt[c.From] < n {
				perExt[c.From]++
				c.Start = fixedNow.Add(-time.Duration(perExt[c.From]) * time.Minute)
				inv.Calls = append(inv.Calls, c)
			}
		}
		inv.Source.CallDays = n
		whole := checklist.NewAudit(cat, "Whole site", inv, demo.Answers(fixedNow), fixedNow)
		assertNoOnePlural(t, fmt.Sprintf("the demo with counts of %d", n), renderedText(t, whole))
	}
	for seed := range uint64(60) {
		r := rand.New(rand.NewPCG(seed, 7))
		inv := smallInventory(r, base, fixedNow)
		small := checklist.NewAudit(cat, "Small site", inv, demo.Answers(fixedNow), fixedNow)
		assertNoOnePlural(t, fmt.Sprintf("generated audit %d", seed), renderedText(t, small))
		if t.Failed() {
			return
		}
	}
}
