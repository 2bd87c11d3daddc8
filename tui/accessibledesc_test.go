package tui

import (
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
)

// In accessible mode huh reads out only a select's or a confirm's title. What
// a choice means must still be heard before it is made: closing an incident,
// and where a new or changed site gets its facts.
func TestAccessibleChoicesAreReadWithTheirMeaning(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, true, 80, 24)
	b := h.breach()
	b.askClose()
	if said := runAccessibly(t, b.form, "n\n"); !strings.Contains(said, "once the calls have stopped") {
		t.Errorf("closing an incident was asked without what it means:\n%s", said)
	}

	sh := &shared{ctx: t.Context(), opts: Options{Accessible: true, Connectors: testKinds, Catalogue: checklist.Builtin()}}
	s, _ := newSiteScreen(sh, t.Context())
	if said := runAccessibly(t, s.form, "Acme\n\n1\n"); !strings.Contains(said, "An API lets it read") {
		t.Errorf("a new site's source was asked without what an API gives:\n%s", said)
	}
	site := checklist.Site{Name: "Acme", Connector: checklist.ConnectorSettings{Kind: "csv", File: "/tmp/phones.csv"}}
	c, _ := newSourceScreen(sh, t.Context(), site)
	if said := runAccessibly(t, c.form, "1\n"); !strings.Contains(said, "keeps its name, audits and answers") {
		t.Errorf("changing a site's source was asked without saying what it keeps:\n%s", said)
	}
}
