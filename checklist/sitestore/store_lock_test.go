package sitestore

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
)

const lockSite = "Acme Ltd"

// TestHelperLocker runs in a child process started by TestStoreClaimAcrossProcesses:
// a lock is only worth having if another process sees it.
func TestHelperLocker(t *testing.T) {
	t.Parallel()
	if os.Getenv("RINGFENCE_LOCKTEST_CHILD") != "1" {
		t.Skip("run as a child process by TestStoreClaimAcrossProcesses")
	}
	s, err := OpenStore(os.Getenv("RINGFENCE_LOCKTEST_DIR"))
	if err != nil {
		fmt.Println("LOCKRESULT error", err)
		return
	}
	claim, err := s.Claim(lockSite)
	switch {
	case errors.Is(err, ErrSiteLocked):
		fmt.Println("LOCKRESULT busy", err)
	case err != nil:
		fmt.Println("LOCKRESULT error", err)
	default:
		fmt.Println("LOCKRESULT locked")
		_ = claim.Release()
	}
}

func lockInChild(t *testing.T, dir string) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find the test binary to run a second process: %v", err)
	}
	cmd := exec.Command(exe, "-test.run=^TestHelperLocker$", "-test.count=1")
	cmd.Env = append(os.Environ(), "RINGFENCE_LOCKTEST_CHILD=1", "RINGFENCE_LOCKTEST_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child process failed: %v\n%s", err, out)
	}
	for line := range strings.Lines(string(out)) {
		if rest, ok := strings.CutPrefix(line, "LOCKRESULT "); ok {
			return strings.TrimSpace(rest)
		}
	}
	t.Fatalf("child process said nothing about the lock:\n%s", out)
	return ""
}

func TestStoreClaimAcrossProcesses(t *testing.T) {
	s := storeWithSite(t, lockSite)
	claim, err := s.Claim(lockSite)
	if err != nil {
		t.Fatal(err)
	}
	want := "busy Another Ringfence window is already working on Acme Ltd. Close it, or wait for it to finish."
	if got := lockInChild(t, s.Dir()); got != want {
		t.Errorf("while claimed, the other process got %q, want %q", got, want)
	}
	if err := claim.Release(); err != nil {
		t.Fatal(err)
	}
	if err := claim.Release(); err != nil {
		t.Errorf("a second Release: %v", err)
	}
	if got := lockInChild(t, s.Dir()); got != "locked" {
		t.Errorf("after Release, the other process got %q, want the lock", got)
	}
}

func TestStoreClaimIsPerSite(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, lockSite)
	if err := s.CreateSite(checklist.Site{Name: "Other"}); err != nil {
		t.Fatal(err)
	}
	a, err := s.Claim(lockSite)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Release()
	b, err := s.Claim("Other")
	if err != nil {
		t.Fatalf("opening one site blocked another: %v", err)
	}
	defer b.Release()
	// An open site can still be changed, by this process or another.
	if _, err := s.UpdateSite(lockSite, func(site *checklist.Site) error { site.Contact = "Front desk"; return nil }); err != nil {
		t.Errorf("changing a site this window has open: %v", err)
	}
}
