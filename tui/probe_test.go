package tui

import (
	"net"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors/sipprobe"
	"github.com/ringfence/ringfence/connectors/sipprobe/sipprobetest"
)

// openLoopbackPort accepts connections until the test ends, standing in for
// a web admin page.
func openLoopbackPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

func probeHarness(t *testing.T, accessible bool) (*harness, *sipprobetest.Server) {
	t.Helper()
	fake := sipprobetest.Start(t, "Asterisk PBX 13.1.0")
	h := newHarnessWithStore(t, smallSite(t), false, 80, 24)
	h.app.sh.opts.Accessible = accessible
	h.app.sh.opts.Probe = sipprobe.Config{Step: time.Second, Ports: []int{openLoopbackPort(t), fake.ClosedPort}}
	return h, fake
}

func TestCheckWhatTheInternetSeesAsksThenProbesAndRecords(t *testing.T) {
	t.Parallel()
	h, fake := probeHarness(t, false)
	h.press("enter")
	h.mustSee("Check what the internet sees")
	h.press("down", "down", "down", "enter")
	if _, ok := h.top().(*probeScreen); !ok {
		t.Fatalf("the fourth row should open the probe, got %T", h.top())
	}
	h.typeText(fake.Addr)
	h.press("enter", "enter") // the address, and "Not sure" where this computer is
	h.mustSee("It never sends REGISTER,")
	if got := fake.Received(); len(got) != 0 {
		t.Fatalf("sent before confirmation: %q", got)
	}
	h.press("left", "enter")
	h.mustSee("answers (SIP 200)")
	h.mustSee("what the local network sees")
	h.mustSee("known security flaw")
	for _, got := range fake.Received() {
		if !strings.HasPrefix(string(got), "OPTIONS sip:") {
			t.Errorf("the server was sent %q", got)
		}
	}
	saved, err := h.store.LatestAudit("Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	if saved.Inventory.Exposure == nil || saved.Inventory.Exposure.From != inventory.VantageUnsaid {
		t.Fatalf("the probe was not saved with the audit: %+v", saved.Inventory.Exposure)
	}
	h.mustSee("t probe again") // the way to run it again stays in the key help at 80 columns
	h.press("G")
	h.mustSee("NW-01")
	h.press("esc")
	if _, ok := h.top().(*probeScreen); ok {
		t.Error("esc should leave the probe")
	}
}

func TestCheckWhatTheInternetSeesSendsNothingWhenCancelled(t *testing.T) {
	t.Parallel()
	h, fake := probeHarness(t, false)
	h.press("enter", "down", "down", "down", "enter")
	h.typeText(fake.Addr)
	h.press("enter", "enter", "enter") // Cancel is chosen until you move to Send
	h.mustSee("Nothing was sent.")
	if got := fake.Received(); len(got) != 0 {
		t.Errorf("sent after Cancel: %q", got)
	}
}

func TestCheckWhatTheInternetSeesRefusesARange(t *testing.T) {
	t.Parallel()
	h, _ := probeHarness(t, false)
	h.press("enter", "down", "down", "down", "enter")
	h.typeText("10.0.0.0/24")
	h.press("enter")
	h.mustSee("not one host")
}

// TestProbeFindingsReadAsLinearText: in accessible mode the findings are
// plain lines a screen reader can follow, with nothing drawn.
func TestProbeFindingsReadAsLinearText(t *testing.T) {
	t.Parallel()
	h, fake := probeHarness(t, false)
	h.press("enter", "down", "down", "down", "enter")
	h.typeText(fake.Addr)
	h.press("enter", "enter", "left", "enter")
	h.mustSee("answers (SIP 200)")
	h.app.sh.opts.Accessible = true
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		h.send(tea_WindowSize(size[0], size[1]))
		s := h.screen()
		for n, line := range strings.Split(s, "\n") {
			if bad := drawnNotSaid(line); bad != "" {
				t.Fatalf("line %d has %s: %q\nwhole screen:\n%s", n+1, bad, line, s)
			}
		}
		if !strings.Contains(s, "known security flaw") {
			t.Errorf("accessible findings lack the verdict:\n%s", s)
		}
	}
}

// TestAStoppedProbeIsNotSaved: esc while the probe runs means the person
// does not want its findings, so half a probe must never reach the audit.
func TestAStoppedProbeIsNotSaved(t *testing.T) {
	t.Parallel()
	h, fake := probeHarness(t, false)
	s, _ := newProbeScreen(h.app.sh, "Acme Dental")
	target, err := sipprobe.ParseTarget(fake.Addr, fake.ClosedPort)
	if err != nil {
		t.Fatal(err)
	}
	s.target = target
	cmd := s.probe()
	s.Update(keyMsg("esc")) // stopped before the background work gets going
	if s.op.running {
		t.Fatal("esc did not stop the probe")
	}
	batch, ok := cmd().(tea.BatchMsg)
	if !ok {
		t.Fatalf("the probe is not a batch of commands: %T", batch)
	}
	for _, c := range batch {
		if c != nil && !isTimer(c) {
			if msg := h.exec(c); msg != nil {
				s.Update(msg)
			}
		}
	}
	saved, err := h.store.LatestAudit("Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	if saved.Inventory.Exposure != nil {
		t.Errorf("a stopped probe was saved with the audit: %+v", saved.Inventory.Exposure)
	}
}

// runAccessibly answers an accessible form as a screen reader's user would,
// and returns everything it said.
func runAccessibly(t *testing.T, f *formHost, answers string) string {
	t.Helper()
	var out strings.Builder
	if err := f.form.WithInput(strings.NewReader(answers)).WithOutput(&out).Run(); err != nil {
		t.Fatalf("the form: %v\n%s", err, out.String())
	}
	return out.String()
}

// In accessible mode huh reads out only a select's or a confirm's title, so
// a person using a screen reader must still hear where the probe shows the
// view from, and exactly what they are agreeing to send, before agreeing.
func TestAccessibleProbeQuestionsSayWhatTheyMean(t *testing.T) {
	t.Parallel()
	sh := &shared{opts: Options{Accessible: true}}
	s, _ := newProbeScreen(sh, "Acme")
	said := runAccessibly(t, s.form, "127.0.0.1\n1\n")
	if !strings.Contains(said, "what the office sees") || !strings.Contains(said, "mobile hotspot") {
		t.Errorf("the question of where this computer is was read without its meaning:\n%s", said)
	}
	target, err := sipprobe.ParseTarget("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	s.target = target
	s.askToGo()
	said = runAccessibly(t, s.form, "n\n")
	for _, want := range []string{"OPTIONS", "never sends REGISTER", "127.0.0.1", "responsible for"} {
		if !strings.Contains(said, want) {
			t.Errorf("the request to send was read without %q:\n%s", want, said)
		}
	}
}
