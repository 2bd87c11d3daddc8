package tui

import (
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// Saving the demo as a site follows the rule for every new site: a name
// already saved is refused, naming the saved site, which keeps its audits,
// and the demo stays open so nothing done in it is lost.
func TestSaveDemoRefusesATakenName(t *testing.T) {
	t.Parallel()
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateSite(checklist.Site{Name: "brightwater kitchens ltd (PRACTICE)"}); err != nil {
		t.Fatal(err)
	}
	h := newHarnessWithStore(t, store, true, 80, 24)
	h.press("s")
	h.press("enter")
	h.mustSee(`"brightwater kitchens ltd (PRACTICE)" already exists`)
	if !h.app.sh.sess.demo {
		t.Error("the demo should stay open when its new name is refused")
	}
	if refs, err := store.Audits("brightwater kitchens ltd (PRACTICE)"); err != nil || len(refs) != 0 {
		t.Errorf("the saved site must keep its own audits: %v %v", refs, err)
	}
}
