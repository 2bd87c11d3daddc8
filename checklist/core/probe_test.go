package core

import (
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

func exposure(from inventory.Vantage, open ...int) inventory.Exposure {
	x := inventory.Exposure{Host: "pbx.example.co.uk", Address: "203.0.113.10", At: now, From: from}
	for _, p := range inventory.ProbePorts {
		pa := inventory.PortAnswer{Port: p.Port, Checked: true}
		for _, o := range open {
			pa.Open = pa.Open || o == p.Port
		}
		x.Ports = append(x.Ports, pa)
	}
	return x
}

func TestARecordedProbeJudgesTheExposureChecksAndKeepsAnswers(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	if _, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: (&fakeSource{inv: twoLines()}).open}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(store, "Acme Dental", Answer(cat, "NW-01", checklist.Answer{Value: "yes"}, now)); err != nil {
		t.Fatal(err)
	}
	a, err := RecordProbe(store, cat, "Acme Dental", exposure(inventory.VantageOutside, 443, 23), now)
	if err != nil {
		t.Fatal(err)
	}
	if r := resultOf(a, "NW-01"); r.Status != checklist.StatusFail || r.Basis != checklist.FromInventory {
		t.Errorf("an admin page open to the internet must fail NW-01 whatever was answered: %s from %s: %s", r.Status, r.Basis, r.Evidence)
	}
	if r := resultOf(a, "NW-06"); r.Status != checklist.StatusFail {
		t.Errorf("Telnet open must fail NW-06: %s", r.Evidence)
	}
	if a.Answers["NW-01"].Value != "yes" {
		t.Error("the person's answer was lost")
	}
	_, saved, err := OpenSite(store, "Acme Dental")
	if err != nil || saved.Inventory.Exposure == nil || saved.Inventory.Exposure.Host != "pbx.example.co.uk" {
		t.Fatalf("the probe was not saved: %v", err)
	}
	if last := saved.History[len(saved.History)-1].What; !strings.Contains(last, "from outside the office") {
		t.Errorf("history says %q", last)
	}

	// A later probe from inside replaces it; the answer decides NW-01 again.
	a, err = RecordProbe(store, cat, "Acme Dental", exposure(inventory.VantageInside, 443), now)
	if err != nil {
		t.Fatal(err)
	}
	if r := resultOf(a, "NW-01"); r.Status != checklist.StatusPass || r.Basis != checklist.FromAnswer || !strings.Contains(r.Evidence, "not what the internet sees") {
		t.Errorf("from inside, the answer decides and the evidence says whose view it was: %s from %s: %s", r.Status, r.Basis, r.Evidence)
	}
}

func TestAProbeStoppedBeforeAnyPortIsAGap(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	if _, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: (&fakeSource{inv: twoLines()}).open}, now); err != nil {
		t.Fatal(err)
	}
	x := exposure(inventory.VantageOutside)
	for i := range x.Ports {
		x.Ports[i].Checked = false
	}
	a, err := RecordProbe(store, cat, "Acme Dental", x, now)
	if err != nil {
		t.Fatal(err)
	}
	if r := resultOf(a, "NW-06"); r.Status != checklist.StatusUnknown || !strings.Contains(r.Evidence, "stopped before") {
		t.Errorf("NW-06: %s: %s", r.Status, r.Evidence)
	}
	if _, err := RecordProbe(store, cat, "Nobody", x, now); err == nil {
		t.Error("a probe was recorded against a site that does not exist")
	}
}
