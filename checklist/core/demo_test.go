package core

import (
	"errors"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

func demoAudit(t *testing.T) *checklist.Audit {
	t.Helper()
	a, err := Demo(t.Context(), checklist.Builtin(), "Demo Ltd", &fakeSource{inv: twoLines()}, checklist.Answers{"MON-02": {Value: "yes"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestTheDemoIsSavedAsANewSiteWithItsAnswers(t *testing.T) {
	store := newStore(t)
	site, a, err := SaveDemoAs(store, "  Workshop (practice) ", demoAudit(t), now)
	if err != nil {
		t.Fatal(err)
	}
	if site.Name != "Workshop (practice)" || a.Site != site.Name || a.Demo {
		t.Errorf("the audit should be the new site's and no longer the demo's: %+v %+v", site, a)
	}
	saved, err := store.LatestAudit("Workshop (practice)")
	if err != nil || saved == nil || saved.Demo || saved.Answers["MON-02"].Value != "yes" || len(saved.Inventory.Extensions) != 2 {
		t.Errorf("the demo's answers and inventory should be saved with the site: %+v %v", saved, err)
	}
}

// Saving the demo never writes into a site that exists: its name is refused
// like any new site's, and the saved site keeps its own audits.
func TestTheDemoIsNotSavedOverASiteWithTheSameName(t *testing.T) {
	store := newStore(t) // holds "Acme Dental", no audits
	for _, name := range []string{"Acme Dental", "acme dental", "Acme-Dental"} {
		_, _, err := SaveDemoAs(store, name, demoAudit(t), now)
		var taken *NameTakenError
		if !errors.As(err, &taken) || !errors.Is(err, sitestore.ErrSiteExists) || !strings.Contains(err.Error(), `"Acme Dental"`) {
			t.Errorf("%q: want a refusal naming the saved site, got %v", name, err)
		}
	}
	if refs, err := store.Audits("Acme Dental"); err != nil || len(refs) != 0 {
		t.Errorf("the saved site must keep its own audits: %v %v", refs, err)
	}
}
