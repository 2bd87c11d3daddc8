package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// CI builds the slow release snapshot only when .ci/release-inputs prints an
// id it has not seen pass on this machine. So the id must change with every
// change to what a release is made from, committed or not, and with nothing
// else; otherwise a broken release configuration passes CI unseen.
func TestReleaseInputsIdFollowsTheFilesAReleaseIsMadeFrom(t *testing.T) {
	t.Parallel()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed, and the id is worked out with it")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed, and .ci/release-inputs is a bash script")
	}
	script, err := os.ReadFile(".ci/release-inputs")
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	write := func(name, text string, mode os.FileMode) {
		t.Helper()
		p := filepath.Join(repo, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
	}
	gitIn := func(args ...string) {
		t.Helper()
		cmd := exec.Command(git, append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	id := func() string {
		t.Helper()
		out, err := exec.Command("bash", filepath.Join(repo, ".ci", "release-inputs")).Output()
		if err != nil {
			t.Fatalf(".ci/release-inputs: %v", err)
		}
		s := strings.TrimSpace(string(out))
		if len(s) != 64 {
			t.Fatalf(".ci/release-inputs printed %q, not a SHA-256", s)
		}
		return s
	}

	write(".ci/release-inputs", string(script), 0o755)
	write(".ci/release-snapshot", "#!/bin/sh\n", 0o755)
	write(".goreleaser.yaml", "version: 2\n", 0o644)
	write("go.mod", "module example.invalid/m\n", 0o644)
	write("go.sum", "", 0o644)
	write("LICENSE", "licence\n", 0o644)
	write("NOTICE", "notice\n", 0o644)
	write("tools/go.mod", "module example.invalid/m/tools\n", 0o644)
	write("tools/third-party-licences", "#!/bin/sh\n", 0o755)
	write("README.md", "readme\n", 0o644)
	write("main.go", "package main\n", 0o644)
	gitIn("init", "-q")
	gitIn("add", "-A")
	gitIn("commit", "-q", "-m", "first")

	committed := id()
	if again := id(); again != committed {
		t.Fatalf("the id changes with nothing changed: %s then %s", committed, again)
	}
	// What a release is not made from does not force a snapshot.
	write("main.go", "package main\n\nfunc main() {}\n", 0o644)
	write("README.md", "readme, longer\n", 0o644)
	if got := id(); got != committed {
		t.Errorf("changing main.go and README.md changed the id")
	}

	for _, change := range []struct {
		what string
		do   func()
	}{
		{"an uncommitted change to .goreleaser.yaml", func() { write(".goreleaser.yaml", "version: 2\nbuilds: []\n", 0o644) }},
		{"a new file in tools/, not yet added", func() { write("tools/extra", "x\n", 0o644) }},
		{"a release tool that is no longer executable", func() { write("tools/third-party-licences", "#!/bin/sh\n", 0o644) }},
		{"NOTICE deleted", func() {
			if err := os.Remove(filepath.Join(repo, "NOTICE")); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		before := id()
		change.do()
		if id() == before {
			t.Errorf("%s leaves the id as it was, so the snapshot would not run", change.what)
		}
	}
	// The same files give the same id whether or not they are committed, so
	// committing what a snapshot just passed does not force another.
	dirty := id()
	gitIn("add", "-A")
	gitIn("commit", "-q", "-m", "second")
	if got := id(); got != dirty {
		t.Errorf("committing the files changed the id, so the snapshot would run again for the same files")
	}
}
