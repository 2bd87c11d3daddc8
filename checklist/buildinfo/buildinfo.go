// Package buildinfo says which build of Ringfence is running: the release,
// the commit it was built from, when, and with which Go. A release build is
// stamped at link time; any other build reads what the Go toolchain recorded.
package buildinfo

import (
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Stamped at link time by the release build:
//
//	-X github.com/ringfence/ringfence/checklist/buildinfo.version=v1.2.3
//	-X github.com/ringfence/ringfence/checklist/buildinfo.commit=<full commit>
//	-X github.com/ringfence/ringfence/checklist/buildinfo.date=<RFC 3339 time>
//
// Empty when not stamped; then Read falls back to the toolchain's record.
var version, commit, date string

// Info describes one build. Empty fields are not known.
type Info struct {
	// Version is the release ("v1.2.3"); empty for a build that is not a release.
	Version string
	// Commit is the full revision the build was made from; for a go install
	// of a commit, only its first twelve characters, which is all Go records.
	Commit string
	// Date is when the build (or, for a local build, its commit) was made, RFC 3339.
	Date string
	// Modified is true when a local build had uncommitted changes.
	Modified bool
	// GoVersion is the Go toolchain that built it ("go1.26.8").
	GoVersion string
}

// Read returns what is known about the running build. It is worked out once:
// every evaluation of an audit records it.
func Read() Info { return read() }

var read = sync.OnceValue(func() Info {
	bi, _ := debug.ReadBuildInfo()
	return resolve(stamp{version, commit, date}, bi)
})

// stamp is what the linker was given.
type stamp struct{ version, commit, date string }

// pseudoVersion matches the versions the Go toolchain makes up for a commit that
// carries no release tag ("v0.0.0-20261203070000-7e26d8b1a2c3", maybe
// "+dirty"): they name a commit and its time, not a release, so they are not
// shown as one. The submatches are the time and the commit.
var pseudoVersion = regexp.MustCompile(`(?:^|[-.])(\d{14})-([0-9a-f]{12})(?:\+dirty)?$`)

func resolve(s stamp, bi *debug.BuildInfo) Info {
	in := Info{Version: clean(s.version), Commit: clean(s.commit), Date: clean(s.date), GoVersion: runtime.Version()}
	if bi == nil {
		return in
	}
	if bi.GoVersion != "" {
		in.GoVersion = bi.GoVersion
	}
	// A tagged checkout built with uncommitted changes ("v1.2.3+dirty") is
	// not that release, so it is named by its commit, as any local build is.
	if in.Version == "" {
		if v := clean(bi.Main.Version); v != "(devel)" && !pseudoVersion.MatchString(v) && !strings.HasSuffix(v, "+dirty") {
			in.Version = v
		}
	}
	vcs := map[string]string{}
	for _, kv := range bi.Settings {
		vcs[kv.Key] = kv.Value
	}
	revision := clean(vcs["vcs.revision"])
	if in.Commit == "" {
		in.Commit = revision
	}
	if in.Date == "" {
		in.Date = clean(vcs["vcs.time"])
	}
	// A go install of a commit (such as @main) has no VCS record, but its
	// pseudo-version still names the commit and its time.
	if m := pseudoVersion.FindStringSubmatch(clean(bi.Main.Version)); m != nil {
		if in.Commit == "" {
			in.Commit = m[2]
		}
		if t, err := time.Parse("20060102150405", m[1]); in.Date == "" && err == nil {
			in.Date = t.Format(time.RFC3339)
		}
	}
	// Uncommitted changes are known only for the commit the toolchain saw.
	in.Modified = revision != "" && revision == in.Commit && vcs["vcs.modified"] == "true"
	return in
}

// clean keeps a stamp to one short line of plain characters: the values end up
// in reports, and a stamp is no place for a line break or an escape.
func clean(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 100 {
		s = s[:100]
	}
	return strings.Map(func(r rune) rune {
		if r < 0x21 || r == 0x7f || r > 0x7e {
			return -1
		}
		return r
	}, s)
}

// Known reports whether anything at all is known about the build.
func (in Info) Known() bool { return in.Version != "" || in.Commit != "" }

// ShortCommit is the first twelve characters of the commit, as Go's own
// versions show it.
func (in Info) ShortCommit() string {
	if len(in.Commit) > 12 {
		return in.Commit[:12]
	}
	return in.Commit
}

// Release names the build in one short phrase for reports and the user agent:
// the release, else the commit it was built from, else "development build".
func (in Info) Release() string {
	switch {
	case in.Version != "":
		return in.Version
	case in.Commit != "" && in.Modified:
		return "source build " + in.ShortCommit() + " with changes"
	case in.Commit != "":
		return "source build " + in.ShortCommit()
	}
	return "development build"
}
