package buildinfo

import (
	"runtime/debug"
	"testing"
)

func settings(kv ...string) []debug.BuildSetting {
	var out []debug.BuildSetting
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
	}
	return out
}

func TestResolve(t *testing.T) {
	t.Parallel()
	const rev = "7e26d8b1a2c3d4e5f60718293a4b5c6d7e8f9012"
	local := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261203070000-7e26d8b1a2c3+dirty"},
		Settings: settings("vcs", "git", "vcs.revision", rev, "vcs.time", "2026-12-03T07:00:00Z", "vcs.modified", "true")}
	tests := []struct {
		name    string
		s       stamp
		bi      *debug.BuildInfo
		want    Info
		release string
	}{
		{"stamped release", stamp{"v1.2.3", rev, "2026-12-01T10:00:00Z"}, &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			Info{Version: "v1.2.3", Commit: rev, Date: "2026-12-01T10:00:00Z", GoVersion: "go1.26.8"}, "v1.2.3"},
		{"go install of a tag", stamp{}, &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}},
			Info{Version: "v1.2.3", GoVersion: "go1.26.8"}, "v1.2.3"},
		{"local build with changes", stamp{}, local,
			Info{Commit: rev, Date: "2026-12-03T07:00:00Z", Modified: true, GoVersion: "go1.26.8"}, "source build 7e26d8b1a2c3 with changes"},
		{"go install of a commit", stamp{}, &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.4-0.20261203070000-7e26d8b1a2c3"}},
			Info{Commit: "7e26d8b1a2c3", Date: "2026-12-03T07:00:00Z", GoVersion: "go1.26.8"}, "source build 7e26d8b1a2c3"},
		{"stamp wins over the toolchain", stamp{version: "v2.0.0"}, local,
			Info{Version: "v2.0.0", Commit: rev, Date: "2026-12-03T07:00:00Z", Modified: true, GoVersion: "go1.26.8"}, "v2.0.0"},
		{"stamped commit differs from the tree", stamp{commit: "abc"}, local,
			Info{Commit: "abc", Date: "2026-12-03T07:00:00Z", GoVersion: "go1.26.8"}, "source build abc"},
		{"local build of a tag with changes", stamp{}, &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3+dirty"},
			Settings: settings("vcs", "git", "vcs.revision", rev, "vcs.time", "2026-12-03T07:00:00Z", "vcs.modified", "true")},
			Info{Commit: rev, Date: "2026-12-03T07:00:00Z", Modified: true, GoVersion: "go1.26.8"}, "source build 7e26d8b1a2c3 with changes"},
		{"nothing known", stamp{}, &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			Info{GoVersion: "go1.26.8"}, "development build"},
		{"hostile stamp", stamp{"v1\x1b[31m\n", "ab\u202ecd", ""}, nil,
			Info{Version: "v1[31m", Commit: "abcd"}, "v1[31m"},
	}
	for _, tt := range tests {
		got := resolve(tt.s, tt.bi)
		if tt.bi == nil {
			tt.want.GoVersion = got.GoVersion
		}
		if got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
		if got.Release() != tt.release {
			t.Errorf("%s: release %q, want %q", tt.name, got.Release(), tt.release)
		}
	}
}
