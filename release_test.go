package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// releaseConfig is the part of .goreleaser.yaml that the README and the
// build stamp depend on.
type releaseConfig struct {
	Builds []struct {
		Env     []string `yaml:"env"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
		Flags   []string `yaml:"flags"`
		Ldflags []string `yaml:"ldflags"`
	} `yaml:"builds"`
	Archives []struct {
		Files []string `yaml:"files"`
	} `yaml:"archives"`
	Casks []struct {
		Name       string      `yaml:"name"`
		Repository releaseRepo `yaml:"repository"`
		SkipUpload string      `yaml:"skip_upload"`
	} `yaml:"homebrew_casks"`
	Scoops []struct {
		Name       string      `yaml:"name"`
		Repository releaseRepo `yaml:"repository"`
		SkipUpload string      `yaml:"skip_upload"`
	} `yaml:"scoops"`
	Release struct {
		Disable string `yaml:"disable"`
	} `yaml:"release"`
}

type releaseRepo struct {
	Owner string `yaml:"owner"`
	Name  string `yaml:"name"`
}

func readReleaseConfig(t *testing.T) releaseConfig {
	t.Helper()
	data, err := os.ReadFile(".goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var c releaseConfig
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if len(c.Builds) != 1 || len(c.Archives) != 1 || len(c.Casks) != 1 || len(c.Scoops) != 1 {
		t.Fatalf(".goreleaser.yaml should have one build, archive, cask and Scoop manifest; it has %d, %d, %d and %d",
			len(c.Builds), len(c.Archives), len(c.Casks), len(c.Scoops))
	}
	return c
}

// The build stamp is a contract with checklist/buildinfo: the linker ignores
// -X for a name that does not exist, so a typo here would ship unstamped
// binaries without a word.
func TestReleaseBuildsEveryTargetStampedAndWithoutCgo(t *testing.T) {
	t.Parallel()
	b := readReleaseConfig(t).Builds[0]
	ldflags := strings.Join(b.Ldflags, " ")
	for _, stamp := range []string{
		"-X github.com/ringfence/ringfence/checklist/buildinfo.version=v{{.Version}}",
		"-X github.com/ringfence/ringfence/checklist/buildinfo.commit={{.FullCommit}}",
		"-X github.com/ringfence/ringfence/checklist/buildinfo.date={{.Date}}",
	} {
		if !strings.Contains(ldflags, stamp) {
			t.Errorf("the release ldflags lack %q", stamp)
		}
	}
	if strings.Contains(ldflags, "main.version") {
		t.Error("the release ldflags still stamp main.version; the stamp lives in checklist/buildinfo")
	}
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Error("the release build should set CGO_ENABLED=0")
	}
	if !slices.Contains(b.Flags, "-trimpath") {
		t.Error("the release build should use -trimpath, so no build machine's paths are in the binary")
	}
	for _, want := range [][2][]string{{b.Goos, {"darwin", "linux", "windows"}}, {b.Goarch, {"amd64", "arm64"}}} {
		got := slices.Sorted(slices.Values(want[0]))
		if !slices.Equal(got, want[1]) {
			t.Errorf("the release builds for %v; it should build for %v", got, want[1])
		}
	}
}

// Nothing is published by accident: with no token set, the release, the cask
// and the Scoop manifest stay on the machine that built them.
func TestReleasePublishesOnlyWithATokenSet(t *testing.T) {
	t.Parallel()
	c := readReleaseConfig(t)
	for what, v := range map[string]string{
		"release.disable":            c.Release.Disable,
		"homebrew_casks.skip_upload": c.Casks[0].SkipUpload,
		"scoops.skip_upload":         c.Scoops[0].SkipUpload,
	} {
		if !regexp.MustCompile(`\A\{\{ if isEnvSet "[A-Z_]*TOKEN" \}\}false\{\{ else \}\}true\{\{ end \}\}\z`).MatchString(v) {
			t.Errorf("%s is %q; it should be true unless a token is set", what, v)
		}
	}
}

// An archive is something a person may pass on, so it carries the licence and
// the licences of everything built in, as well as the docs.
func TestReleaseArchivesCarryTheLicencesAndDocs(t *testing.T) {
	t.Parallel()
	files := readReleaseConfig(t).Archives[0].Files
	for _, want := range []string{"README.md", "LICENSE", "NOTICE", "THIRD-PARTY-LICENCES.txt", "completions/*", "manpages/*"} {
		if !slices.Contains(files, want) {
			t.Errorf("release archives do not include %s", want)
		}
	}
	licence, err := os.ReadFile("LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Apache License\n                           Version 2.0, January 2004", "END OF TERMS AND CONDITIONS", "Copyright 2026 Ringfence contributors"} {
		if !strings.Contains(string(licence), want) {
			t.Errorf("LICENSE lacks %q", want)
		}
	}
}

// The README's install section comes first, offers only what a release
// really makes, and leaves the two set-up commands as the first commands
// block, so that someone with Go can still start with them.
func TestREADMEInstallMatchesTheRelease(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	c := readReleaseConfig(t)

	if h := regexp.MustCompile(`(?m)^## .*$`).FindString(readme); h != "## Install" {
		t.Errorf("the README's first section is %q; it should be \"## Install\"", h)
	}
	block := regexp.MustCompile("(?s)```[a-z]*\n(.*?)```").FindStringSubmatch(readme)
	if block == nil || !regexp.MustCompile(`\Ago run \. demo .*\ngo test \./\.\.\. .*\n\z`).MatchString(block[1]) {
		t.Errorf("the README's first commands block should be the two set-up commands, go run . demo and go test ./...; it is %q", block)
	}

	cask := c.Casks[0]
	tap := strings.TrimPrefix(cask.Repository.Name, "homebrew-")
	scoop := c.Scoops[0]
	module := readModulePath(t)
	for _, want := range []string{
		"brew install --cask " + cask.Repository.Owner + "/" + tap + "/" + cask.Name,
		"scoop bucket add " + scoop.Name + " https://github.com/" + scoop.Repository.Owner + "/" + scoop.Repository.Name,
		"scoop install " + scoop.Name,
		"go install " + module + "@latest",
		"sha256sum --ignore-missing -c checksums.txt",
		"ringfence_VERSION_linux_amd64.tar.gz",
		"ringfence_VERSION_amd64.deb",
		"ringfence-VERSION-1.x86_64.rpm",
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("the README's install section should say %q", want)
		}
	}
	if !strings.Contains(readme, "## Licence") || !strings.Contains(readme, "Apache License, Version 2.0") {
		t.Error("the README should give the licence notice under \"## Licence\"")
	}
}

func readModulePath(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^module (\S+)`).FindSubmatch(data)
	if m == nil {
		t.Fatal("go.mod names no module")
	}
	return string(m[1])
}
