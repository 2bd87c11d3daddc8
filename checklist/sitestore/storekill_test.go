package sitestore

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

const (
	killSite   = "Kill Test Ltd"
	killRounds = 60
	// killAudits is how many audit files the writer cycles through, so that a
	// kill can land while a file grows or while a big one is replaced by a small one.
	killAudits   = 6
	killMaxSaves = 150
)

var killBase = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// killSeal is what the writer stores in Auditor: the number of history entries
// and a checksum over them. A file that parses but mixes two saves fails it.
func killSeal(history []checklist.Event) string {
	h := sha256.New()
	for _, e := range history {
		fmt.Fprintf(h, "%d|%s\n", e.At.UnixNano(), e.What)
	}
	return fmt.Sprintf("seal %d %x", len(history), h.Sum(nil))
}

// TestHelperWriter runs in a child process started by TestStoreSurvivesKill. It
// saves ever-larger audits as fast as it can until it is killed.
func TestHelperWriter(t *testing.T) {
	t.Parallel()
	if os.Getenv("RINGFENCE_KILLTEST_CHILD") != "1" {
		t.Skip("run as a child process by TestStoreSurvivesKill")
	}
	s, err := OpenStore(os.Getenv("RINGFENCE_KILLTEST_DIR"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	fmt.Println("ready")
	for k := 0; ; k++ {
		a := &checklist.Audit{Site: killSite, Started: killBase.Add(time.Duration(k%killAudits) * time.Minute)}
		saves := 1 + rand.IntN(killMaxSaves)
		for seq := range saves {
			a.History = append(a.History, checklist.Event{
				At:   a.Started.Add(time.Duration(seq) * time.Second),
				What: fmt.Sprintf("seq %d %s", seq, strings.Repeat("x", rand.IntN(300))),
			})
			a.Auditor = killSeal(a.History)
			// The save lock must come free each time: the previous writer's
			// died with it.
			if err := putAudit(s, a); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(3)
			}
		}
	}
}

// TestStoreSurvivesKill kills a process in the middle of saving, over and over,
// and checks that every audit on disk is one the writer completed.
func TestStoreSurvivesKill(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("this platform cannot start a second process")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find the test binary to run a second process: %v", err)
	}
	dir := t.TempDir()
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSite(checklist.Site{Name: killSite}); err != nil {
		t.Fatal(err)
	}

	var checked, entries, leftovers int
	for round := range killRounds {
		cmd := exec.Command(exe, "-test.run=^TestHelperWriter$", "-test.count=1")
		cmd.Env = append(os.Environ(), "RINGFENCE_KILLTEST_CHILD=1", "RINGFENCE_KILLTEST_DIR="+dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until the writer holds the lock, then let it write for a moment.
		ready := false
		for sc := bufio.NewScanner(stdout); sc.Scan(); {
			if sc.Text() == "ready" {
				ready = true
				break
			}
		}
		if ready {
			time.Sleep(time.Duration(1+rand.IntN(50)) * time.Millisecond)
		}
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if !ready || stderr.Len() > 0 {
			t.Fatalf("round %d: the writer failed before it was killed:\n%s", round, stderr.String())
		}

		leftovers += countTemps(t, s)
		refs, err := s.Audits(killSite)
		if err != nil {
			t.Fatal(err)
		}
		for _, ref := range refs {
			if strings.HasPrefix(filepath.Base(ref.Path), ".") {
				t.Errorf("round %d: Audits listed a temporary file", round)
			}
			a, err := s.LoadAudit(killSite, ref)
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			checkKillAudit(t, round, a)
			checked++
			entries += len(a.History)
		}
	}

	// Saving a change clears what the kills left behind.
	if _, err := s.UpdateAudit(killSite, func(*checklist.Audit) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if n := countTemps(t, s); n != 0 {
		t.Errorf("%d temporary files are still there after the next save", n)
	}
	t.Logf("%d kills; %d audit files read back whole (%d history entries); %d kills landed mid-save and left a temporary file",
		killRounds, checked, entries, leftovers)
}

func checkKillAudit(t *testing.T, round int, a *checklist.Audit) {
	t.Helper()
	if a.Auditor != killSeal(a.History) {
		t.Fatalf("round %d: audit %v does not match its checksum", round, a.Started)
	}
	for i, e := range a.History {
		if !strings.HasPrefix(e.What, fmt.Sprintf("seq %d ", i)) {
			t.Fatalf("round %d: audit %v entry %d is out of sequence", round, a.Started, i)
		}
	}
	if len(a.History) == 0 {
		t.Fatalf("round %d: audit %v was saved with no history", round, a.Started)
	}
}

func countTemps(t *testing.T, s *Store) int {
	t.Helper()
	n := 0
	for _, dir := range []string{s.siteDir(killSite), s.auditsDir(killSite)} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if isTempName(e.Name()) {
				n++
			}
		}
	}
	return n
}
