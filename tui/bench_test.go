package tui

import (
	"fmt"
	"testing"

	"github.com/ringfence/ringfence/checklist"
)

// BenchmarkAuditView moves the cursor through a table of ten thousand
// affected phones and redraws the audit screen each time: one frame per op.
// It has to stay well under 16 ms.
func BenchmarkAuditView(b *testing.B) {
	h := newHarness(b, true, 120, 40)
	a := h.top().(*auditScreen)
	items := make([]checklist.Item, 10_000)
	for i := range items {
		items[i] = checklist.Item{Kind: "device", ID: fmt.Sprintf("00:0B:82:%02X:%02X:%02X", i>>16&255, i>>8&255, i&255),
			Label: fmt.Sprintf("Desk phone %d", i), Detail: "still on the factory admin password"}
	}
	res := h.app.sh.sess.audit.Results
	for i := range res {
		if res[i].Domain == checklist.DomainEndpoints && res[i].Basis == checklist.FromInventory {
			res[i].Affected = items
			break
		}
	}
	a.refresh()
	h.press("tab")
	if len(a.table.rows) < 10_000 {
		b.Fatalf("table has %d rows", len(a.table.rows))
	}
	down := keyMsg("down")
	b.ResetTimer()
	for b.Loop() {
		h.app.Update(down)
		_ = h.app.render()
	}
}
