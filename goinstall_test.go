package main

import (
	"archive/zip"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// A person with Go installs Ringfence with "go install …@version" (a tag) or
// "…@main" (a commit, which Go names by a pseudo-version). Those builds have
// no stamp and no git checkout, so the version must come from what the Go
// toolchain recorded. This serves the source to the go command the way the
// module proxy would, from a folder, and installs it twice.
func TestGoInstallNamesTheVersionOrCommit(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("installs the program twice; skipped with -short")
	}
	gotool := goTool(t)
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed, so the module's files cannot be listed")
	}
	listed, err := exec.Command(git, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skip("not in a git checkout, so the module's files cannot be listed")
	}
	modcache, err := exec.Command(gotool, "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	// The modules Ringfence needs come from the local module cache, which
	// the go command can read as a proxy, so nothing is fetched from outside.
	deps := filepath.Join(strings.TrimSpace(string(modcache)), "cache", "download")

	var files []string
	nested := map[string]bool{} // folders holding a module of their own
	for _, name := range strings.Split(strings.TrimSuffix(string(listed), "\x00"), "\x00") {
		if _, err := os.Stat(name); err != nil {
			continue // deleted but not yet committed
		}
		if path.Base(name) == "go.mod" && path.Dir(name) != "." {
			nested[path.Dir(name)] = true
		}
		files = append(files, name)
	}

	proxy := t.TempDir()
	const modPath = "github.com/ringfence/ringfence"
	const commit = "0123456789ab"
	pseudo := "v0.0.0-20261201093000-" + commit
	dir := filepath.Join(proxy, filepath.FromSlash(modPath), "@v")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	goMod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"v1.4.0", pseudo} {
		writeModuleZip(t, filepath.Join(dir, v+".zip"), modPath+"@"+v, files, nested)
		for name, data := range map[string][]byte{
			v + ".mod":  goMod,
			v + ".info": []byte(`{"Version":"` + v + `","Time":"2026-12-01T09:30:00Z"}`),
		} {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}

	// A private module cache, writable (-modcacherw) so that it can be
	// removed: the fake versions must not reach the machine's own cache.
	cache := t.TempDir()
	install := func(v string) map[string]any {
		bin := t.TempDir()
		cmd := exec.Command(gotool, "install", modPath+"@"+v)
		cmd.Dir = t.TempDir()
		cmd.Env = append(os.Environ(), "GOBIN="+bin, "GOMODCACHE="+cache, "GOFLAGS=-modcacherw -trimpath",
			"GOPROXY=file://"+filepath.ToSlash(proxy)+",file://"+filepath.ToSlash(deps),
			"GOSUMDB=off", "GONOSUMDB="+modPath, "GOTOOLCHAIN=local", "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go install @%s: %v\n%s", v, err, out)
		}
		return versionOf(t, filepath.Join(bin, "ringfence"))
	}

	if v := install("v1.4.0"); v["version"] != "v1.4.0" || v["release"] != "v1.4.0" {
		t.Errorf("go install @v1.4.0 says %v; it should name release v1.4.0", v)
	}
	// A commit is not a release, but it is known: the pseudo-version names
	// it and its time, so reports can tell two such builds apart.
	v := install(pseudo)
	if v["version"] != "" || v["release"] != "source build "+commit || v["commit"] != commit || v["date"] != "2026-12-01T09:30:00Z" {
		t.Errorf("go install @%s says %v; it should name commit %s and its time, and no release", pseudo, v, commit)
	}
}

// writeModuleZip writes a module zip as the proxy serves it: every file under
// "path@version/", leaving out folders that are modules of their own.
func writeModuleZip(t *testing.T, name, prefix string, files []string, nested map[string]bool) {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
files:
	for _, file := range files {
		for d := path.Dir(file); d != "."; d = path.Dir(d) {
			if nested[d] {
				continue files
			}
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(prefix + "/" + file)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
