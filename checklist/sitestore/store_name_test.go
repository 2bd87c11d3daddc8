package sitestore

import (
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext/hostile"
)

// A site's name heads every report and screen, so a name that could reorder,
// hide or act on text is refused, with the character shown, and nothing is
// left on disk; real names in any script are kept as they are.
func TestSiteNamesThatHideOrReorderTextAreRefused(t *testing.T) {
	t.Parallel()
	s := storeForTest(t)
	for _, name := range append([]string{"Mallory \u202egnp.exe", "Eve \u2067Ltd\u2069", "Ad\u200dmin Ltd", "C1 \u009b Ltd"}, hostile.Names[:6]...) {
		err := s.CreateSite(checklist.Site{Name: name})
		if err == nil {
			t.Errorf("CreateSite(%q) accepted it", name)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "site name") || strings.ContainsAny(msg, "\x1b\a\u202e\u2067\u200d\u009b") {
			t.Errorf("CreateSite(%q): the message should name the problem and show the character safely: %q", name, msg)
		}
	}
	sites, _ := s.Sites()
	if len(sites) != 0 {
		t.Fatalf("refused names left %d sites", len(sites))
	}
	for _, name := range hostile.Safe {
		if err := s.CreateSite(checklist.Site{Name: name}); err != nil {
			t.Errorf("CreateSite(%q) refused a real name: %v", name, err)
		}
		if got, err := s.Site(name); err != nil || got.Name != name {
			t.Errorf("Site(%q) = %q, %v", name, got.Name, err)
		}
	}
}
