package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors/sipprobe/sipprobetest"
)

func TestProbeRefusesAnythingButOneHost(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, arg := range []string{"10.0.0.0/24", "10.0.0.1-50", "*.example.com", "10.0.0.1,10.0.0.2", "224.0.0.1"} {
		r := ringfence(t, dir, "probe", arg, "--yes")
		if r.code != exitUsage || !strings.Contains(r.stderr, "one") || r.stdout != "" {
			t.Errorf("%s: %+v", arg, r)
		}
	}
	if r := ringfence(t, dir, "probe", "127.0.0.1", "--from", "somewhere", "--yes"); r.code != exitUsage || !strings.Contains(r.stderr, "--from inside") {
		t.Errorf("bad --from: %+v", r)
	}
}

func TestProbeNeedsYesWithoutATerminal(t *testing.T) {
	t.Parallel()
	fake := sipprobetest.Start(t, "Asterisk PBX 13.1.0")
	r := ringfence(t, t.TempDir(), "probe", fake.Addr)
	if r.code != exitUsage || !strings.Contains(r.stderr, "--yes") {
		t.Errorf("%+v", r)
	}
	if got := fake.Received(); len(got) != 0 {
		t.Errorf("something was sent before confirmation: %q", got)
	}
}

func TestProbeAsksAtATerminal(t *testing.T) {
	fake := sipprobetest.Start(t, "Asterisk PBX 13.1.0")
	r := ringfenceAtTerminal(t, t.TempDir(), "no\n", "probe", fake.Addr, "--tls-port", fmt.Sprint(fake.ClosedPort))
	if r.code != exitOK || !strings.Contains(r.stderr, "never sends REGISTER, INVITE") || !strings.Contains(r.stdout, "Nothing was sent") {
		t.Errorf("%+v", r)
	}
	if got := fake.Received(); len(got) != 0 {
		t.Errorf("something was sent after a no: %q", got)
	}
}

func TestProbeReportsAndRecords(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if r := ringfence(t, dir, "sites", "add", "Acme"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	if r := ringfence(t, dir, "audit", "--site", "Acme"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	fake := sipprobetest.Start(t, "Asterisk PBX 13.1.0")
	r := ringfence(t, dir, "probe", fake.Addr, "--yes", "--site", "Acme", "--from", "outside", "--tls-port", fmt.Sprint(fake.ClosedPort))
	if r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	for _, want := range []string{"answers (SIP 200)", "Asterisk PBX 13.1.0", "known security flaw", "private address", "not what the internet sees", "Recorded against the audit of Acme", "NW-01 unknown", "NW-06"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, got := range fake.Received() {
		if !strings.HasPrefix(string(got), "OPTIONS sip:") {
			t.Errorf("the server was sent %q", got)
		}
	}

	r = ringfence(t, dir, "probe", fake.Addr, "--yes", "--json", "--tls-port", fmt.Sprint(fake.ClosedPort))
	var doc struct {
		Exposure struct {
			SIP []struct {
				Status int    `json:"status"`
				Server string `json:"server"`
			} `json:"sip"`
		} `json:"exposure"`
		Sent struct {
			Datagrams int `json:"udp_datagrams"`
		} `json:"sent"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || r.code != exitOK {
		t.Fatalf("JSON: %v %+v", err, r)
	}
	if doc.Exposure.SIP[0].Status != 200 || doc.Sent.Datagrams != 1 {
		t.Errorf("JSON: %+v", doc)
	}
}

func TestProbeShowsEscapeCodesButNeverObeysThem(t *testing.T) {
	t.Parallel()
	fake := sipprobetest.Start(t, "\x1b[31mAsterisk\x1b]0;pwned\x07\u202e")
	r := ringfence(t, t.TempDir(), "probe", fake.Addr, "--yes", "--tls-port", fmt.Sprint(fake.ClosedPort))
	if r.code != exitOK || !strings.Contains(r.stdout, "It says it is:") {
		t.Fatalf("%+v", r)
	}
	if strings.ContainsAny(r.stdout, "\x1b\x07\u202e") {
		t.Errorf("an escape code from the server reached the terminal:\n%q", r.stdout)
	}
}

// TestAStoppedProbeIsNotRecorded: Ctrl-C during a probe keeps its partial
// findings off the site's audit.
func TestAStoppedProbeIsNotRecorded(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ringfence(t, dir, "sites", "add", "Acme")
	ringfence(t, dir, "audit", "--site", "Acme")
	fake := sipprobetest.Start(t, "Asterisk PBX 13.1.0")
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as if Ctrl-C came at once
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"probe", fake.Addr, "--yes", "--site", "Acme", "--tls-port", fmt.Sprint(fake.ClosedPort)}, env{
		stdout: &out, stderr: &errOut, now: func() time.Time { return fixedNow },
		getenv: func(name string) string {
			if name == "RINGFENCE_HOME" {
				return dir
			}
			return os.Getenv(name)
		},
		interactive: func() bool { return false },
	})
	store, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, err := store.LatestAudit("Acme")
	if err != nil {
		t.Fatal(err)
	}
	if a.Inventory.Exposure != nil {
		t.Errorf("a stopped probe was recorded (exit %d): %s %s", code, out.String(), errOut.String())
	}
}

// Recording a probe judges the audit again; it must do so under the rules the
// person set for this run (--advice-max-age), not the defaults.
func TestARecordedProbeKeepsTheAdviceAgeLimitGiven(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if r := ringfence(t, dir, "sites", "add", "Acme"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	if r := ringfence(t, dir, "--advice-max-age", "30", "audit", "--site", "Acme"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	fake := sipprobetest.Start(t, "Asterisk PBX 13.1.0")
	r := ringfence(t, dir, "--advice-max-age", "30", "probe", fake.Addr, "--yes", "--site", "Acme", "--tls-port", fmt.Sprint(fake.ClosedPort))
	if r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	store, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, err := store.LatestAudit("Acme")
	if err != nil {
		t.Fatal(err)
	}
	if a.JudgedBy == nil || a.JudgedBy.AdviceMaxAgeDays != 30 {
		t.Fatalf("after the probe the audit was judged with %+v, want an age limit of 30 days", a.JudgedBy)
	}
}

// A probe for a site with no audit yet has nothing to be recorded against:
// it is refused before anything is sent, rather than run and then lost.
func TestProbeForASiteWithNoAuditSendsNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if r := ringfence(t, dir, "sites", "add", "Acme"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	fake := sipprobetest.Start(t, "Asterisk PBX 13.1.0")
	r := ringfence(t, dir, "probe", fake.Addr, "--yes", "--site", "Acme", "--tls-port", fmt.Sprint(fake.ClosedPort))
	if r.code == exitOK || !strings.Contains(r.stderr, "ringfence audit --site") {
		t.Errorf("a probe for a site with no audit: %+v", r)
	}
	if got := fake.Received(); len(got) != 0 {
		t.Errorf("the probe ran although its result could not be kept: %q", got)
	}
}

// Every judgement in probe --json has one of the firmware checks' statuses,
// or is null where the reply named nothing: never a verdict with no status.
func TestProbeJSONJudgesOnlyWhatWasNamed(t *testing.T) {
	t.Parallel()
	fake := sipprobetest.Start(t, "Asterisk PBX 13.1.0")
	r := ringfence(t, t.TempDir(), "probe", fake.Addr, "--yes", "--json", "--tls-port", fmt.Sprint(fake.ClosedPort))
	var doc struct {
		Exposure struct {
			SIP []struct {
				Server string `json:"server"`
			} `json:"sip"`
		} `json:"exposure"`
		Disclosed []*struct {
			Verdict struct {
				Status string `json:"status"`
			} `json:"verdict"`
		} `json:"disclosed"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || r.code != exitOK {
		t.Fatalf("JSON: %v %+v", err, r)
	}
	if len(doc.Disclosed) != len(doc.Exposure.SIP) {
		t.Fatalf("%d judgements for %d transports:\n%s", len(doc.Disclosed), len(doc.Exposure.SIP), r.stdout)
	}
	statuses := map[string]bool{}
	for _, st := range []firmware.Status{firmware.StatusCurrent, firmware.StatusOutdated, firmware.StatusEndOfLife, firmware.StatusExploited, firmware.StatusCompromised, firmware.StatusUnknown} {
		statuses[string(st)] = true
	}
	for i, d := range doc.Disclosed {
		named := doc.Exposure.SIP[i].Server != ""
		switch {
		case named && (d == nil || !statuses[d.Verdict.Status]):
			t.Errorf("transport %d named %q but was judged %+v", i, doc.Exposure.SIP[i].Server, d)
		case !named && d != nil:
			t.Errorf("transport %d named nothing but has a judgement with status %q", i, d.Verdict.Status)
		}
	}
}

// A fully qualified name ends in a dot; the sentence about it must not end in
// two.
func TestProbeOfANameWithATrailingDotReadsWell(t *testing.T) {
	t.Parallel()
	r := ringfence(t, t.TempDir(), "probe", "pbx.ringfence.invalid.", "--yes")
	if r.code == exitOK || !strings.Contains(r.stderr, "pbx.ringfence.invalid") || strings.Contains(r.stderr, "..") {
		t.Errorf("%+v", r)
	}
}
