//go:build unix

package sitestore

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/ringfence/ringfence/checklist"
)

// TestHelperCreator runs in a child process started by
// TestCreateSiteRaceAcrossProcesses. It waits at a named pipe so that both
// children try to create their site at the same moment.
func TestHelperCreator(t *testing.T) {
	t.Parallel()
	if os.Getenv("RINGFENCE_CREATETEST_CHILD") != "1" {
		t.Skip("run as a child process by TestCreateSiteRaceAcrossProcesses")
	}
	s, err := OpenStore(os.Getenv("RINGFENCE_CREATETEST_DIR"))
	if err != nil {
		fmt.Println("CREATED error", err)
		return
	}
	gate, err := os.Open(os.Getenv("RINGFENCE_CREATETEST_GATE"))
	if err != nil {
		fmt.Println("CREATED error", err)
		return
	}
	fmt.Println("ready")
	_, _ = gate.Read(make([]byte, 1)) // returns when the parent closes its end
	err = s.CreateSite(checklist.Site{Name: os.Getenv("RINGFENCE_CREATETEST_NAME")})
	switch {
	case err == nil:
		fmt.Println("CREATED added")
	case errors.Is(err, ErrSiteExists):
		fmt.Println("CREATED exists")
	default:
		fmt.Println("CREATED error", err)
	}
}

// TestCreateSiteRaceAcrossProcesses has two processes add sites whose names
// differ only in case, at the same moment, many times over: exactly one must
// be told the site was added, and its name must be the one on disk.
func TestCreateSiteRaceAcrossProcesses(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find the test binary to run a second process: %v", err)
	}
	names := [2]string{"Acme Plumbing", "ACME plumbing"}
	const rounds = 25
	for round := range rounds {
		dir := t.TempDir()
		gate := filepath.Join(dir, "gate")
		if err := syscall.Mkfifo(gate, 0o600); err != nil {
			t.Skipf("cannot make a named pipe here: %v", err)
		}
		// Holding the pipe open for reading and writing lets each child open
		// it without waiting; both then block on reading until it is closed.
		hold, err := os.OpenFile(gate, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		var cmds [2]*exec.Cmd
		var outs [2]strings.Builder
		var pipes [2]*bufio.Scanner
		for i, name := range names {
			cmds[i] = exec.Command(exe, "-test.run=^TestHelperCreator$", "-test.count=1")
			cmds[i].Env = append(os.Environ(), "RINGFENCE_CREATETEST_CHILD=1", "RINGFENCE_CREATETEST_DIR="+dir,
				"RINGFENCE_CREATETEST_GATE="+gate, "RINGFENCE_CREATETEST_NAME="+name)
			stdout, err := cmds[i].StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmds[i].Start(); err != nil {
				t.Fatal(err)
			}
			pipes[i] = bufio.NewScanner(stdout)
		}
		for i := range cmds {
			for pipes[i].Scan() && pipes[i].Text() != "ready" {
				outs[i].WriteString(pipes[i].Text() + "\n")
			}
		}
		_ = hold.Close()
		added := ""
		for i := range cmds {
			for pipes[i].Scan() {
				outs[i].WriteString(pipes[i].Text() + "\n")
			}
			if err := cmds[i].Wait(); err != nil {
				t.Fatalf("round %d: child: %v\n%s", round, err, outs[i].String())
			}
			switch res := childResult(outs[i].String()); res {
			case "added":
				if added != "" {
					t.Fatalf("round %d: both %q and %q were told their site was added; one of them was lost", round, added, names[i])
				}
				added = names[i]
			case "exists":
			default:
				t.Fatalf("round %d: %q got %q", round, names[i], res)
			}
		}
		if added == "" {
			t.Fatalf("round %d: neither site was added", round)
		}
		s, err := OpenStore(dir)
		if err != nil {
			t.Fatal(err)
		}
		site, err := s.Site(added)
		if err != nil || site.Name != added {
			t.Fatalf("round %d: %q was added but site.json holds %q (%v)", round, added, site.Name, err)
		}
	}
}

func childResult(out string) string {
	for line := range strings.Lines(out) {
		if rest, ok := strings.CutPrefix(line, "CREATED "); ok {
			return strings.TrimSpace(rest)
		}
	}
	return "nothing said:\n" + out
}
