package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// askingForSite is breach mode started from the command line with no site
// named, in a window of 80 by 24.
func askingForSite(t *testing.T, store *sitestore.Store, accessible bool) *harness {
	t.Helper()
	h := &harness{t: t, store: store}
	opts := Options{Store: store, Connectors: testKinds, Secrets: noKeyring{}, Catalogue: checklist.Builtin(),
		Now: func() time.Time { return fixedNow }, AskBreachSite: true, Accessible: accessible}
	h.app = newApp(t.Context(), opts, false)
	if accessible {
		h.app.sh.st = newStyles(false, false)
	}
	h.send(tea_WindowSize(80, 24))
	h.run(h.app.Init())
	return h
}

// TestBreachSaysWhatToDoNowBeforeAskingWhichSite: whether the owner has no
// site saved (and is asked for the business's name) or several (and is asked
// which), the calls must be stopped first, so the first step's actions are
// on screen before any question is answered, drawn and read aloud alike.
func TestBreachSaysWhatToDoNowBeforeAskingWhichSite(t *testing.T) {
	t.Parallel()
	first := breach.StepsFor(checklist.Site{})[0]
	// The start of each action is enough to know it; the screen wraps the rest.
	starts := make([]string, len(first.Actions))
	for i, a := range first.Actions {
		starts[i] = strings.Join(strings.Fields(a.Text)[:4], " ")
	}
	empty, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	stores := map[string]*sitestore.Store{"no site": empty, "saved sites": breachStore(t, checklist.Site{})}
	for name, store := range stores {
		h := askingForSite(t, store, false)
		screen := h.screen()
		for _, s := range starts {
			if !strings.Contains(screen, s) {
				t.Errorf("%s: the screen asking which site does not say %q first:\n%s", name, s, screen)
			}
		}
		if lines := strings.Count(screen, "\n") + 1; lines > 24 {
			t.Errorf("%s: the screen is %d lines", name, lines)
		}
	}
	// In accessible mode the name is asked at a plain prompt outside the
	// app, so the prompt itself must say what to do first.
	h := askingForSite(t, empty, true)
	p, ok := h.top().(*breachPicker)
	if !ok || p.form == nil {
		t.Fatalf("accessible mode with no site saved should ask for the name, but shows %T", h.top())
	}
	var out bytes.Buffer
	if err := (&accessibleForm{form: p.form.form, in: strings.NewReader("Bob's Plumbing\n"), out: &out}).Run(); err != nil {
		t.Fatal(err)
	}
	said := strings.Join(strings.Fields(out.String()), " ")
	for _, s := range starts {
		if !strings.Contains(said, s) {
			t.Errorf("the accessible prompt for the name does not say %q:\n%s", s, out.String())
		}
	}
}
