package sitestore

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestHelperRenamer runs in a child process started by the tests below: it
// renames lockSite to the name it is given and says how that went.
func TestHelperRenamer(t *testing.T) {
	if os.Getenv("RINGFENCE_RENAME_CHILD") != "1" {
		t.Skip("run as a child process by TestRenameAcrossProcesses")
	}
	s, err := OpenStore(os.Getenv("RINGFENCE_RENAME_DIR"))
	if err != nil {
		fmt.Println("RENAMERESULT error", err)
		return
	}
	_, err = s.RenameSite(lockSite, os.Getenv("RINGFENCE_RENAME_TO"))
	switch {
	case err == nil:
		fmt.Println("RENAMERESULT renamed")
	case errors.Is(err, ErrSiteLocked):
		fmt.Println("RENAMERESULT locked")
	case errors.Is(err, ErrNoSite):
		fmt.Println("RENAMERESULT gone")
	default:
		fmt.Println("RENAMERESULT error", err)
	}
}

func renameInChild(t *testing.T, dir, to string) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find the test binary to run a second process: %v", err)
	}
	cmd := exec.Command(exe, "-test.run=^TestHelperRenamer$", "-test.count=1")
	cmd.Env = append(os.Environ(), "RINGFENCE_RENAME_CHILD=1", "RINGFENCE_RENAME_DIR="+dir, "RINGFENCE_RENAME_TO="+to)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("child process failed: %v\n%s", err, out)
		return ""
	}
	for line := range strings.Lines(string(out)) {
		if rest, ok := strings.CutPrefix(line, "RENAMERESULT "); ok {
			return strings.TrimSpace(rest)
		}
	}
	t.Errorf("child process said nothing about the rename:\n%s", out)
	return ""
}

// While an app window in this process has the site open, another process may
// not rename it.
func TestRenameAcrossProcessesRespectsAnOpenWindow(t *testing.T) {
	s := storeWithSite(t, lockSite)
	claim, err := s.Claim(lockSite)
	if err != nil {
		t.Fatal(err)
	}
	if got := renameInChild(t, s.Dir(), "Zeta Ltd"); got != "locked" {
		t.Errorf("rename while open elsewhere: %q, want locked", got)
	}
	claim.Release()
	if got := renameInChild(t, s.Dir(), "Zeta Ltd"); got != "renamed" {
		t.Errorf("rename once closed: %q", got)
	}
}

// Two processes renaming the same site at once: one wins, the other is told,
// and the site and its audit exist exactly once under the winner's name.
func TestRenameRaceAcrossProcesses(t *testing.T) {
	for round := range 3 {
		s := storeWithSite(t, lockSite)
		started := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		if err := putAudit(s, storeAudit(lockSite, started)); err != nil {
			t.Fatal(err)
		}
		names := []string{"Zeta Ltd", "Omega Ltd"}
		results := make([]string, len(names))
		var wg sync.WaitGroup
		for i, to := range names {
			wg.Go(func() { results[i] = renameInChild(t, s.Dir(), to) })
		}
		wg.Wait()
		won := 0
		for i, r := range results {
			switch r {
			case "renamed":
				won++
				a, err := s.LatestAudit(names[i])
				if err != nil || a == nil || a.Site != names[i] || a.Answers["PIN-04"].Value != "yes" {
					t.Errorf("round %d: the winner's audit: %+v, %v", round, a, err)
				}
			case "locked", "gone":
			default:
				t.Errorf("round %d: renaming to %s: %s", round, names[i], r)
			}
		}
		sites, problems := s.Sites()
		if won != 1 || len(sites) != 1 || len(problems) > 0 {
			t.Errorf("round %d: %d renames won, sites %+v, problems %v", round, won, sites, problems)
		}
	}
}
