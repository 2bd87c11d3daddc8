package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// ringfenceAt runs the command line with the clock at now and the given
// environment variables (and no others); the data folder is a fresh one unless
// RINGFENCE_HOME is given.
func ringfenceAt(t *testing.T, now time.Time, vars map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	dir := vars["RINGFENCE_HOME"]
	if dir == "" {
		dir = t.TempDir()
	}
	code := run(context.Background(), args, env{
		stdout: &out, stderr: &errOut,
		now: func() time.Time { return now },
		getenv: func(name string) string {
			if name == "RINGFENCE_HOME" {
				return dir
			}
			return vars[name]
		},
		interactive: func() bool { return false },
	})
	return result{code, out.String(), errOut.String()}
}

func TestVersionSaysWhatJudges(t *testing.T) {
	t.Parallel()
	checked := firmware.CheckedUpTo()
	plain := ringfenceAt(t, checked, nil, "version")
	if plain.code != exitOK {
		t.Fatalf("version: %+v", plain)
	}
	for _, want := range []string{"ringfence ", "commit:", "built:", "go:", fmt.Sprintf("catalogue:   version %d", checklist.Builtin().Version), "advisories:  checked up to " + checked.Format("2 January 2006")} {
		if !strings.Contains(plain.stdout, want) {
			t.Errorf("version output lacks %q:\n%s", want, plain.stdout)
		}
	}
	for _, flag := range []string{"--version", "-v"} {
		if r := ringfenceAt(t, checked, nil, flag); r.stdout != plain.stdout || r.code != exitOK {
			t.Errorf("%s differs from version:\n%s\nwant\n%s", flag, r.stdout, plain.stdout)
		}
	}
	if c, _, err := newRoot(&app{}).Find([]string{"version"}); err != nil || c.Hidden {
		t.Error("the version command is missing or hidden from help")
	}
}

func TestVersionJSONFields(t *testing.T) {
	t.Parallel()
	r := ringfenceAt(t, firmware.CheckedUpTo(), nil, "version", "--json")
	if r.code != exitOK {
		t.Fatalf("version --json: %+v", r)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("version --json is not JSON: %v\n%s", err, r.stdout)
	}
	want := []string{"version", "release", "commit", "date", "modified", "go", "catalogue_version", "advisories_checked_up_to", "advice_max_age_days", "advice_stale"}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	slices.Sort(want)
	if !slices.Equal(keys, want) {
		t.Errorf("fields %v, want %v", keys, want)
	}
	if got["catalogue_version"] != float64(checklist.Builtin().Version) || got["advisories_checked_up_to"] != firmware.CheckedUpTo().Format(time.DateOnly) {
		t.Errorf("version --json: %s", r.stdout)
	}
}

// The stale line appears exactly past the limit, which the flag and the
// environment variable set.
func TestVersionSaysWhenAdviceIsStale(t *testing.T) {
	t.Parallel()
	checked := firmware.CheckedUpTo()
	day := 24 * time.Hour
	tests := []struct {
		now   time.Time
		vars  map[string]string
		args  []string
		stale bool
	}{
		{checked.Add(120 * day), nil, nil, false},
		{checked.Add(120*day + time.Second), nil, nil, true},
		{checked.Add(30 * day), nil, []string{"--advice-max-age", "30"}, false},
		{checked.Add(30*day + time.Second), nil, []string{"--advice-max-age", "30"}, true},
		{checked.Add(31 * day), map[string]string{adviceMaxAgeEnv: "30"}, nil, true},
		{checked.Add(31 * day), map[string]string{adviceMaxAgeEnv: "30"}, []string{"--advice-max-age", "60"}, false},
	}
	for _, tt := range tests {
		r := ringfenceAt(t, tt.now, tt.vars, append([]string{"version"}, tt.args...)...)
		if got := strings.Contains(r.stdout, "Update Ringfence"); got != tt.stale || r.code != exitOK {
			t.Errorf("at %s with %v %v: stale line %v, want %v:\n%s%s", tt.now, tt.vars, tt.args, got, tt.stale, r.stdout, r.stderr)
		}
	}
	for _, bad := range []struct {
		vars map[string]string
		args []string
	}{
		{nil, []string{"--advice-max-age", "0"}},
		{nil, []string{"--advice-max-age=-5"}},
		{nil, []string{"--advice-max-age", "3651"}},
		{nil, []string{"--advice-max-age", "99999999999999999999"}},
		{nil, []string{"--advice-max-age", "four months"}},
		{map[string]string{adviceMaxAgeEnv: "four months"}, nil},
		{map[string]string{adviceMaxAgeEnv: "-1"}, nil},
		{map[string]string{adviceMaxAgeEnv: "99999999999999999999"}, nil},
	} {
		r := ringfenceAt(t, checked, bad.vars, append([]string{"version"}, bad.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "whole number of days") {
			t.Errorf("%v %v: %+v", bad.vars, bad.args, r)
		}
		// The reason is for the person who typed it, not a Go programmer.
		if low := strings.ToLower(r.stderr); strings.Contains(low, "strconv") || strings.Contains(low, "parse") {
			t.Errorf("%v %v: the message speaks of Go's parser: %s", bad.vars, bad.args, r.stderr)
		}
	}
}

// buildRingfence builds the program as a release or a person would, into a
// temporary folder, and returns the binary's path.
func buildRingfence(t *testing.T, args ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the program; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "ringfence")
	cmd := exec.Command(goTool(t), append(append([]string{"build", "-o", bin}, args...), ".")...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %v: %v\n%s", args, err, out)
	}
	return bin
}

func goTool(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the program with")
	}
	return path
}

func versionOf(t *testing.T, bin string) map[string]any {
	t.Helper()
	out, err := exec.Command(bin, "version", "--json").Output()
	if err != nil {
		t.Fatalf("%s version --json: %v", bin, err)
	}
	var v map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("version --json: %v\n%s", err, out)
	}
	return v
}

// A release build is stamped at link time, exactly as the release
// configuration does it, and says so.
func TestStampedBuildPrintsItsStamp(t *testing.T) {
	t.Parallel()
	const pkg = "github.com/ringfence/ringfence/checklist/buildinfo"
	const commit = "0123456789abcdef0123456789abcdef01234567"
	bin := buildRingfence(t, "-buildvcs=false", "-ldflags",
		"-X "+pkg+".version=v9.8.7 -X "+pkg+".commit="+commit+" -X "+pkg+".date=2026-12-01T10:00:00Z")
	v := versionOf(t, bin)
	if v["version"] != "v9.8.7" || v["release"] != "v9.8.7" || v["commit"] != commit || v["date"] != "2026-12-01T10:00:00Z" {
		t.Errorf("stamped build says %v", v)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil || !strings.HasPrefix(string(out), "ringfence v9.8.7\ncommit:      "+commit+"\nbuilt:       2026-12-01T10:00:00Z\n") {
		t.Errorf("--version of a stamped build: %v\n%s", err, out)
	}
}

// A build with no stamp, made in a git checkout, names the commit the Go
// toolchain recorded rather than saying only "development build". The source
// is copied into a fresh repository of its own: the toolchain records nothing
// in a linked worktree, whose .git is a file.
func TestUnstampedBuildReadsTheCommit(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the program; skipped with -short")
	}
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed, so a build cannot record its commit")
	}
	files, err := exec.Command(git, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skip("not in a git checkout, so there is no source to build a checkout from")
	}
	src := t.TempDir()
	for _, name := range strings.Split(strings.TrimSuffix(string(files), "\x00"), "\x00") {
		data, err := os.ReadFile(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted but not yet committed
		}
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	gitIn := func(args ...string) string {
		cmd := exec.Command(git, append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = src
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	gitIn("init", "-q")
	gitIn("add", "-A")
	gitIn("commit", "-q", "-m", "snapshot")
	commit := gitIn("rev-parse", "HEAD")

	bin := filepath.Join(t.TempDir(), "ringfence")
	cmd := exec.Command(goTool(t), "build", "-buildvcs=true", "-o", bin, ".")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	v := versionOf(t, bin)
	if v["commit"] != commit || v["date"] == "" || v["version"] != "" || v["modified"] != false {
		t.Errorf("unstamped build says %v, want commit %s, its time, and no release", v, commit)
	}
	if v["release"] != "source build "+commit[:12] {
		t.Errorf("release %q, want it to name commit %s", v["release"], commit[:12])
	}

	// The same commit tagged as a release, then changed and built before
	// committing, is not that release: its reports must not claim to be. (A
	// tag above v1 would need a /vN module path, so Go would ignore it.)
	gitIn("tag", "v1.2.3")
	f, err := os.OpenFile(filepath.Join(src, "main.go"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\n// a change not yet committed\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(goTool(t), "build", "-buildvcs=true", "-o", bin, ".")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build with a change: %v\n%s", err, out)
	}
	v = versionOf(t, bin)
	if v["version"] != "" || v["modified"] != true || v["release"] != "source build "+commit[:12]+" with changes" {
		t.Errorf("a changed build of tag v1.2.3 says %v; it should name commit %s with changes and no release", v, commit[:12])
	}
}

// The summary after an audit warns when the audit it is compared with was
// judged by another check catalogue, and says nothing when the rules agree.
func TestCompareWarnsOfDifferentRules(t *testing.T) {
	t.Parallel()
	home := map[string]string{"RINGFENCE_HOME": t.TempDir()}
	start := firmware.CheckedUpTo().Add(10 * time.Hour)
	if r := ringfenceAt(t, start, home, "sites", "add", "Acme Ltd"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	if r := ringfenceAt(t, start, home, "audit", "--site", "Acme Ltd"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	// The first audit was made by an older catalogue, as its file now says.
	store, err := sitestore.OpenStore(home["RINGFENCE_HOME"])
	if err != nil {
		t.Fatal(err)
	}
	refs, err := store.Audits("Acme Ltd")
	if err != nil || len(refs) != 1 {
		t.Fatalf("saved audits: %v %v", refs, err)
	}
	data, err := os.ReadFile(refs[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	was := `"catalogue_version": ` + strconv.Itoa(checklist.Builtin().Version)
	if !bytes.Contains(data, []byte(was)) {
		t.Fatalf("the saved audit does not record its catalogue:\n%.600s", data)
	}
	data = bytes.Replace(data, []byte(was), []byte(`"catalogue_version": 0`), 1)
	if err := os.WriteFile(refs[0].Path, data, 0o600); err != nil {
		t.Fatal(err)
	}

	r := ringfenceAt(t, start.Add(7*24*time.Hour), home, "audit", "--site", "Acme Ltd")
	want := "check catalogue version 0 then, " + strconv.Itoa(checklist.Builtin().Version) + " now"
	if r.code != exitOK || !strings.Contains(r.stdout, "Since the last audit") || !strings.Contains(r.stdout, want) {
		t.Errorf("second audit does not warn of the older catalogue (%q):\n%s%s", want, r.stdout, r.stderr)
	}
	r = ringfenceAt(t, start.Add(14*24*time.Hour), home, "audit", "--site", "Acme Ltd")
	if r.code != exitOK || !strings.Contains(r.stdout, "Since the last audit") || strings.Contains(r.stdout, "different rules") {
		t.Errorf("two audits judged by the same rules get a warning:\n%s%s", r.stdout, r.stderr)
	}
}
