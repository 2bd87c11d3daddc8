package checklist

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// randomProbe is a probe with each port tried or not, open or not, from a
// random place, of a public or a private address.
func randomProbe(r *rand.Rand) *inventory.Exposure {
	x := closedProbe([]inventory.Vantage{inventory.VantageInside, inventory.VantageOutside, inventory.VantageUnsaid}[r.IntN(3)])
	if r.IntN(3) == 0 {
		x.Address, x.PrivateAddress = "10.1.2.3", true
	}
	for i := range x.Ports {
		x.Ports[i].Checked = r.IntN(6) != 0
		x.Ports[i].Open = x.Ports[i].Checked && r.IntN(3) == 0
	}
	if r.IntN(5) == 0 {
		x.Ports = x.Ports[r.IntN(len(x.Ports)):]
	}
	return x
}

// TestProbeFromInsideNeverSpeaksForTheInternet: whatever a probe found, when
// it did not run from outside to a public address, the admin-page check never
// passes or fails on it and no evidence claims the internet's view.
func TestProbeFromInsideNeverSpeaksForTheInternet(t *testing.T) {
	t.Parallel()
	cat := Builtin()
	base := cleanInventory(t, 1)
	r := rand.New(rand.NewPCG(7, 11))
	for range 400 {
		inv := cloneInventory(base)
		inv.Exposure = randomProbe(r)
		internet := inv.Exposure.InternetView()
		for _, res := range Evaluate(cat, &inv, nil, nil, testNow) {
			if res.CheckID != "NW-01" && res.CheckID != "NW-06" {
				continue
			}
			if !internet && strings.Contains(res.Evidence, "Seen from outside") {
				t.Fatalf("%s claims the internet's view from %+v: %s", res.CheckID, inv.Exposure, res.Evidence)
			}
			if !internet && res.CheckID == "NW-01" && res.Status != StatusUnknown {
				t.Fatalf("NW-01 is %s from inside: %s", res.Status, res.Evidence)
			}
			if res.Status == StatusPass {
				for _, pa := range inv.Exposure.Ports {
					if info, _ := inventory.PortInfo(pa.Port); pa.Open && (res.CheckID == "NW-06") == (info.Kind != inventory.PortAdminWeb) {
						t.Fatalf("%s passes with port %d open: %s", res.CheckID, pa.Port, res.Evidence)
					}
				}
				if len(inv.Exposure.Ports) < len(inventory.ProbePorts) && res.CheckID == "NW-01" {
					t.Fatalf("NW-01 passes with ports never tried: %s", res.Evidence)
				}
			}
		}
	}
}

func TestExposureSummarySaysWhoseView(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		x    *inventory.Exposure
		want string
	}{
		{closedProbe(inventory.VantageOutside), "what the internet sees"},
		{closedProbe(inventory.VantageInside), "not what the internet sees"},
		{closedProbe(inventory.VantageUnsaid), "did not say where"},
		{&inventory.Exposure{Host: "pbx", Address: "192.168.0.2", PrivateAddress: true, From: inventory.VantageOutside}, "private address"},
	} {
		if got := ExposureSummary(c.x); !strings.Contains(got, c.want) {
			t.Errorf("from %q: %q lacks %q", c.x.From, got, c.want)
		}
	}
}

func TestJudgeDisclosedUsesTheAdvisoryTable(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		header     string
		recognised bool
		class      firmware.Class
	}{
		{"Asterisk PBX 13.1.0", true, firmware.ClassVulnerable},
		{"FPBX-16.0.40(13.1.0)", true, firmware.ClassVulnerable}, // the Asterisk underneath decides
		{"kamailio (5.6.3 (x86_64/linux))", true, firmware.ClassUnknown},
		{"\x1b[2Jkamailio (5.6.3)", false, firmware.ClassUnknown},
		{"", false, firmware.ClassUnknown},
		{strings.Repeat("A", 100000), false, firmware.ClassUnknown},
	} {
		d := JudgeDisclosed(c.header)
		if d.Recognised != c.recognised || d.Verdict.Class() != c.class || d.Verdict.Reason == "" {
			t.Errorf("%.40q: recognised %v, %s (%q); want %v, %s", c.header, d.Recognised, d.Verdict.Class(), d.Verdict.Reason, c.recognised, c.class)
		}
	}
}

// A new audit reads the phone system again, but the probe did not come from
// the phone system: like the staff list, it is kept until a new one is run,
// and the evidence says when it was run.
func TestANewAuditKeepsTheLastProbe(t *testing.T) {
	t.Parallel()
	cat := Builtin()
	first := NewAudit(cat, "Acme", inventoryWith(inventory.FacetExtensions), nil, testNow)
	x := closedProbe(inventory.VantageOutside)
	x.Ports[1].Open = true
	first.RecordExposure(cat, *x, testNow)
	next := ContinueAudit(cat, Site{Name: "Acme"}, inventoryWith(inventory.FacetExtensions), first, testNow.AddDate(0, 0, 7))
	r := resultFor(t, next.Results, "NW-01")
	if next.Inventory.Exposure == nil || r.Status != StatusFail {
		t.Fatalf("the last probe was dropped: NW-01 %s: %s", r.Status, r.Evidence)
	}
	if !strings.Contains(r.Evidence, testNow.Format("2 Jan 2006")) {
		t.Errorf("the evidence does not say when the probe ran: %s", r.Evidence)
	}
}

// From outside, a host where nothing answered at all (no SIP reply, every port
// silent rather than refused) cannot be told apart from a laptop with no
// working network or a wrong address: no exposure check may pass on it. As
// soon as anything answers, a silent port is a firewall doing its job.
func TestNothingAnsweringAtAllProvesNothing(t *testing.T) {
	t.Parallel()
	cat := Builtin()
	base := cleanInventory(t, 1)
	silent := closedProbe(inventory.VantageOutside)
	for i := range silent.SIP {
		silent.SIP[i].Answered, silent.SIP[i].Status = false, 0
	}
	for i := range silent.Ports {
		silent.Ports[i].Silent = true
	}
	answering := closedProbe(inventory.VantageOutside)
	for i := range answering.Ports {
		answering.Ports[i].Silent = true // the TLS port's SIP reply shows the host is reachable
	}
	for name, tc := range map[string]struct {
		x        *inventory.Exposure
		mayPass  bool
		evidence string
	}{
		"nothing answered": {silent, false, "Nothing on pbx.example.co.uk answered"},
		"SIP answered":     {answering, true, ""},
	} {
		inv := cloneInventory(base)
		inv.Exposure = tc.x
		for _, res := range Evaluate(cat, &inv, nil, nil, testNow) {
			if res.CheckID != "NW-01" && res.CheckID != "NW-06" {
				continue
			}
			if !tc.mayPass && res.Status == StatusPass {
				t.Errorf("%s: %s passes on a probe nothing answered: %s", name, res.CheckID, res.Evidence)
			}
			if tc.mayPass && res.Status != StatusPass {
				t.Errorf("%s: %s is %s, want pass: %s", name, res.CheckID, res.Status, res.Evidence)
			}
			if tc.evidence != "" && !strings.Contains(res.Evidence, tc.evidence) {
				t.Errorf("%s: %s does not say %q: %s", name, res.CheckID, tc.evidence, res.Evidence)
			}
		}
	}
}
