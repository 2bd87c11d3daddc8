package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// ringfenceBinary builds the command for a test that runs it as real
// processes, as a user would.
func ringfenceBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("the go command is needed to build Ringfence for this test: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "ringfence")
	if out, err := exec.Command(goTool, "build", "-o", bin, "github.com/ringfence/ringfence").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// processEnv keeps children away from the user's own data and keyring.
func processEnv(dir string) []string {
	env := []string{"RINGFENCE_HOME=" + dir, "NO_COLOR=1", "DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(dir, "no-bus")}
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k == "PATH" || k == "HOME" || k == "TMPDIR" || k == "GOCOVERDIR" {
			env = append(env, kv)
		}
	}
	return env
}

func breachProcess(bin, dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, append([]string{"breach", "--site", "Acme"}, args...)...)
	cmd.Env = processEnv(dir)
	return cmd
}

func processStore(t *testing.T) (*sitestore.Store, string) {
	t.Helper()
	dir := t.TempDir()
	store, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateSite(checklist.Site{Name: "Acme"}); err != nil {
		t.Fatal(err)
	}
	return store, dir
}

// Processes started at the same moment on a site with no incident all record
// into one incident, and nothing any of them recorded is lost.
func TestBreachProcessesRecordingAtOnceLoseNothing(t *testing.T) {
	t.Parallel()
	bin := ringfenceBinary(t)
	store, dir := processStore(t)
	const rounds, each = 3, 4
	for round := range rounds {
		var wg sync.WaitGroup
		errs := make([]error, each)
		outs := make([][]byte, each)
		for p := range each {
			wg.Go(func() {
				tag := fmt.Sprintf("p%d-%d", round, p)
				outs[p], errs[p] = breachProcess(bin, dir, "--log", tag, "--record", "now/bar-calls=done", "--by", tag).CombinedOutput()
			})
		}
		wg.Wait()
		for p, err := range errs {
			if err != nil {
				t.Fatalf("round %d process %d: %v\n%s", round, p, err, outs[p])
			}
		}
	}
	all, err := store.Incidents("Acme")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 {
		t.Fatalf("processes starting at once made %d incidents, want 1", len(all))
	}
	inc := all[0]
	if len(inc.Log) != rounds*each || len(inc.Entries) != rounds*each {
		t.Fatalf("%d notes and %d entries saved, want %d of each", len(inc.Log), len(inc.Entries), rounds*each)
	}
	seen := map[string]bool{}
	for _, l := range inc.Log {
		seen[l.Text] = true
	}
	for round := range rounds {
		for p := range each {
			if tag := fmt.Sprintf("p%d-%d", round, p); !seen[tag] {
				t.Errorf("note %s was lost", tag)
			}
		}
	}
}

// A real process killed with SIGKILL at a random moment, often while it is
// saving, leaves the incident readable with everything earlier runs saved,
// and the next run resumes the same incident.
func TestBreachSurvivesKillMidSave(t *testing.T) {
	t.Parallel()
	bin := ringfenceBinary(t)
	store, dir := processStore(t)
	inc := &breach.Incident{Opened: fixedNow}
	// A long record makes each save take a while, so kills land inside it.
	for k := range 4000 {
		inc.Log = append(inc.Log, breach.LogLine{At: fixedNow, Text: fmt.Sprintf("earlier note %d %s", k, strings.Repeat("x", 150))})
	}
	if err := store.CreateIncident("Acme", inc); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if out, err := breachProcess(bin, dir, "--log", "calibrate").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	full := time.Since(start)
	saved := map[string]bool{"calibrate": true}
	r := rand.New(rand.NewPCG(7, 13))
	killed := 0
	for round := range 30 {
		tag := fmt.Sprintf("round-%d", round)
		cmd := breachProcess(bin, dir, "--log", tag)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int64N(int64(full) + 1)))
		_ = cmd.Process.Kill() // SIGKILL: no chance to tidy up
		err := cmd.Wait()
		var exit *exec.ExitError
		switch {
		case err == nil:
			saved[tag] = true
		case errors.As(err, &exit) && !exit.Exited():
			killed++
		default:
			t.Fatalf("%s: %v", tag, err)
		}
		back, err := store.LoadIncident("Acme", inc.ID)
		if err != nil {
			t.Fatalf("after killing %s the incident cannot be read: %v", tag, err)
		}
		have := map[string]bool{}
		for _, l := range back.Log {
			have[l.Text] = true
		}
		for want := range saved {
			if !have[want] {
				t.Fatalf("after killing %s, the note %q saved earlier is gone", tag, want)
			}
		}
		if len(back.Log) < 4000+len(saved) {
			t.Fatalf("after killing %s, %d notes are left", tag, len(back.Log))
		}
	}
	if killed == 0 {
		t.Fatal("no run was killed before it finished, so nothing was tested")
	}
	out, err := breachProcess(bin, dir).CombinedOutput()
	if err != nil || strings.Contains(string(out), "Started incident") || !strings.Contains(string(out), inc.ID) {
		t.Fatalf("reopening did not resume incident %s: %v\n%s", inc.ID, err, out)
	}
	t.Logf("%d of 30 runs killed before they finished", killed)
}
