package tui

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/safetext/hostile"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/demo"
)

const breachSite = "Acme Dental"

// breachStore holds one saved site, never audited, with the fraud desk its
// owner saved.
func breachStore(t *testing.T, site checklist.Site) *sitestore.Store {
	t.Helper()
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if site.Name == "" {
		site.Name = breachSite
	}
	if err := store.CreateSite(site); err != nil {
		t.Fatal(err)
	}
	return store
}

// newBreachHarness is `ringfence breach --site NAME` in a window of w by h.
func newBreachHarness(t *testing.T, store *sitestore.Store, name string, accessible bool, w, hgt int) *harness {
	t.Helper()
	h := &harness{t: t, store: store}
	opts := Options{Store: store, Connectors: testKinds, Secrets: noKeyring{}, Catalogue: checklist.Builtin(),
		Now: func() time.Time { return fixedNow }, StartBreach: name, Accessible: accessible}
	h.app = newApp(t.Context(), opts, false)
	if accessible {
		h.app.sh.st = newStyles(false, false)
	}
	h.send(tea_WindowSize(w, hgt))
	h.run(h.app.Init())
	t.Cleanup(func() { h.app.sh.sess.close() })
	return h
}

func (h *harness) breach() *breachScreen {
	h.t.Helper()
	b, ok := h.top().(*breachScreen)
	if !ok {
		h.t.Fatalf("not on the breach screen but %T:\n%s", h.top(), h.screen())
	}
	return b
}

// savedIncident reads the site's only incident back from disk.
func savedIncident(t *testing.T, store *sitestore.Store, site string) *breach.Incident {
	t.Helper()
	incs, err := store.Incidents(site)
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) != 1 {
		t.Fatalf("want one incident saved, found %d", len(incs))
	}
	return incs[0]
}

func TestBreachOpensOnWhatToDoNowWithTheFraudDesk(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{FraudDesk: checklist.FraudDesk{Name: "Acme Telecom fraud team", Phone: "0800 123 4567"}})
	h := newBreachHarness(t, store, breachSite, false, 120, 40)
	b := h.breach()
	if b.Typing() || b.form != nil {
		t.Fatal("breach mode asked something before saying what to do now")
	}
	if b.steps[b.page].ID != "now" {
		t.Fatalf("a new incident opened on step %q, not on what to do now", b.steps[b.page].ID)
	}
	h.mustSee("Do this now")
	h.mustSee("Your provider's fraud desk: Acme Telecom fraud team, 0800 123 4567")
	if !strings.Contains(b.steps[0].Actions[2].Text, "0800 123 4567") {
		t.Errorf("the step to call the fraud desk does not give its number: %q", b.steps[0].Actions[2].Text)
	}
	// Opening breach mode already keeps a record, before anything is done.
	if inc := savedIncident(t, store, breachSite); !inc.Open() || len(inc.Entries) != 0 {
		t.Fatalf("the new incident should be open and empty: %+v", inc)
	}
}

// TestBreachThroughEveryStep walks every step as an owner would, records
// each action a different way, reads call records, decides each report,
// answers the root-cause questions and closes the incident; everything is on
// disk as soon as it is entered.
func TestBreachThroughEveryStep(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	calls := writeFile(t, "calls.csv", fraudCalls)
	h := newBreachHarness(t, store, breachSite, false, 80, 24)
	b := h.breach()
	steps := breach.Steps()
	outcomes := []string{"d", "n", "c"}
	recorded := 0
	for p, st := range steps {
		if b.steps[b.page].ID != st.ID {
			t.Fatalf("page %d shows step %q, want %q", p, b.steps[b.page].ID, st.ID)
		}
		for i := range st.Actions {
			if i == 0 {
				// The first action of each step gets a note and a name.
				h.press("enter")
				if b.form == nil {
					t.Fatalf("enter on an action at step %s opened no form", st.ID)
				}
				h.press("down", "enter") // not needed
				h.typeText("provider says no calls since 9am")
				h.press("enter")
				h.typeText("Sam")
				h.press("enter")
			} else {
				h.press(outcomes[(p+i)%3])
			}
			recorded++
			if got := len(savedIncident(t, store, breachSite).Entries); got != recorded {
				t.Fatalf("after %d actions, %d are saved", recorded, got)
			}
		}
		switch st.ID {
		case "calls":
			h.press("f")
			h.typeText(calls)
			h.press("enter")
			h.mustSee("extension 214")
		case "report":
			for i := range breach.Bodies() {
				h.press("down")
				h.press([]string{"y", "n"}[i%2])
				h.typeText("reason " + string(rune('A'+i)))
				h.press("enter")
			}
		case "root-cause":
			for range breach.RootCauseQuestions() {
				h.press("down", "enter")
				h.typeText("not known yet")
				h.press("enter")
			}
		}
		h.press("right")
	}
	h.mustSee("What next")
	h.press("down", "down", "enter") // close the incident
	h.press("left", "enter")         // "Close it"
	inc := savedIncident(t, store, breachSite)
	if inc.Open() {
		t.Fatalf("the incident was not closed:\n%s", h.screen())
	}
	if len(inc.Entries) != recorded {
		t.Errorf("%d entries saved, want %d", len(inc.Entries), recorded)
	}
	first := inc.Entries[0]
	if first.Outcome != breach.NotNeeded || first.Note != "provider says no calls since 9am" || first.By != "Sam" || !first.At.Equal(fixedNow) {
		t.Errorf("the first entry lost its outcome, note, name or time: %+v", first)
	}
	if inc.Calls == nil || inc.Calls.File != calls || inc.Calls.Calls == 0 || len(inc.Calls.Extensions) == 0 || inc.Calls.Extensions[0] != "214" {
		t.Errorf("the call findings were not saved: %+v", inc.Calls)
	}
	for i, body := range breach.Bodies() {
		d, ok := inc.Decision(body.Body)
		if !ok || d.Report != (i%2 == 0) || d.Reason != "reason "+string(rune('A'+i)) {
			t.Errorf("decision for %s: %+v, %v", body.Body, d, ok)
		}
	}
	for _, q := range breach.RootCauseQuestions() {
		if inc.RootCause[q.ID] != "not known yet" {
			t.Errorf("root-cause question %s: %q", q.ID, inc.RootCause[q.ID])
		}
	}
	// A closed incident is only read.
	h.press("left", "left", "left", "left", "left", "left", "left", "left", "left", "left", "left")
	h.press("d", "n", "c", "w")
	if got := len(savedIncident(t, store, breachSite).Entries); got != recorded {
		t.Errorf("a closed incident took %d more entries", got-recorded)
	}
}

// TestBreachResumesWhereItStopped reopens breach mode after the first step
// was recorded: it carries on with the same incident at the next step.
func TestBreachResumesWhereItStopped(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, false, 80, 24)
	now := breach.Steps()[0]
	for range now.Actions {
		h.press("d")
	}
	h.press("right", "d") // the first action of the second step
	again := newBreachHarness(t, store, breachSite, false, 80, 24)
	b := again.breach()
	if b.inc.ID != h.breach().inc.ID {
		t.Fatalf("reopening started incident %s instead of carrying on with %s", b.inc.ID, h.breach().inc.ID)
	}
	if got := b.steps[b.page].ID; got != breach.Steps()[1].ID {
		t.Fatalf("reopened on step %q, want %q", got, breach.Steps()[1].ID)
	}
	if b.cursor != 1 {
		t.Errorf("reopened on action %d, want the first one not recorded (1)", b.cursor)
	}
	again.mustSee("Step 2 of")
}

// TestBreachFromHomeMakesASiteWhenThereIsNone is an owner in a panic who has
// never audited: b on the home screen asks for a name and goes straight to
// what to do now.
func TestBreachFromHomeMakesASiteWhenThereIsNone(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false, 80, 24)
	h.press("b")
	h.mustSee("Your business's name")
	h.typeText("Corner Shop")
	h.press("enter")
	h.breach()
	h.mustSee("Do this now")
	if _, err := h.store.Site("Corner Shop"); err != nil {
		t.Fatalf("no site was saved: %v", err)
	}
	savedIncident(t, h.store, "Corner Shop")
}

// TestBreachFromHomeAsksWhichSite picks a site from the list when the home
// screen's cursor was not on one.
func TestBreachFromHomeAsksWhichSite(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	if err := store.CreateSite(checklist.Site{Name: "Bakery"}); err != nil {
		t.Fatal(err)
	}
	h := newHarnessWithStore(t, store, false, 80, 24)
	h.press("end", "enter") // the row that says something has gone wrong
	h.mustSee("Which site has the problem?")
	h.press("down", "enter") // the second site
	if got := h.breach().site.Name; got != "Bakery" {
		t.Fatalf("opened breach mode for %q, want Bakery", got)
	}
	// From the site list, b opens the site the cursor is on.
	h.press("esc", "home", "b")
	if got := h.breach().site.Name; got != breachSite {
		t.Fatalf("b on %s opened %q", breachSite, got)
	}
}

// TestBreachKeepsSeveralIncidents closes one incident, starts another and
// reads the first again, read-only.
func TestBreachKeepsSeveralIncidents(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, false, 80, 24)
	h.press("d")
	first := h.breach().inc.ID
	for range breach.Steps() {
		h.press("right")
	}
	h.mustSee("What next")
	h.press("down", "down", "enter", "left", "enter") // close it
	h.press("down", "enter")                          // other incidents
	h.mustSee("+ Start a new incident")
	h.press("down", "enter")
	second := h.breach()
	if second.inc.ID == first || !second.inc.Open() || second.readOnly {
		t.Fatalf("a new open incident should have started, got %s (first %s)", second.inc.ID, first)
	}
	incs, err := store.Incidents(breachSite)
	if err != nil || len(incs) != 2 {
		t.Fatalf("want two incidents saved, found %d (%v)", len(incs), err)
	}
	for range breach.Steps() {
		h.press("right")
	}
	h.press("end", "enter")
	h.mustSee("closed")
	h.press("down", "enter") // the older, closed one
	old := h.breach()
	if old.inc.ID != first || !old.readOnly {
		t.Fatalf("want incident %s read-only, got %s (read-only %v)", first, old.inc.ID, old.readOnly)
	}
	h.mustSee("This incident is closed")
	h.press("n", "c", "d")
	inc, err := store.LoadIncident(breachSite, first)
	if err != nil || len(inc.Entries) != 1 {
		t.Fatalf("a read-only incident changed: %v %+v", err, inc)
	}
}

// TestBreachLogAndFraudDesk writes a free note in the log and saves the
// provider's fraud desk with the site, which the first step then names.
func TestBreachLogAndFraudDesk(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, false, 120, 40)
	h.press("w")
	h.typeText("Called the provider at 09:35")
	h.press("enter")
	h.press("s")
	h.typeText("Greeting changed to Spanish overnight")
	h.press("enter")
	h.mustSee("What you noticed: Greeting changed to Spanish overnight")
	h.press("p")
	h.typeText("Acme Telecom fraud team, 0800 123 4567")
	h.press("enter")
	h.mustSee("Your provider's fraud desk: Acme Telecom fraud team, 0800 123 4567")
	site, err := store.Site(breachSite)
	if err != nil || site.FraudDesk.Phone != "0800 123 4567" {
		t.Fatalf("the fraud desk was not saved with the site: %+v %v", site.FraudDesk, err)
	}
	inc := savedIncident(t, store, breachSite)
	if len(inc.Log) != 1 || inc.Log[0].Text != "Called the provider at 09:35" {
		t.Fatalf("the log line was not saved: %+v", inc.Log)
	}
	if len(inc.Signs) != 1 || inc.Signs[0] != "Greeting changed to Spanish overnight" {
		t.Fatalf("what the owner noticed was not saved: %+v", inc.Signs)
	}
	// A number that is not one is refused with the reason, and nothing saved.
	h.press("p", "ctrl+u")
	h.typeText("call them")
	h.press("enter")
	h.mustSee("is not a phone number")
}

func TestBreachHandsOverToAFullAudit(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, false, 80, 24)
	for range breach.Steps() {
		h.press("right")
	}
	h.press("home", "enter")
	if _, ok := h.top().(*auditScreen); !ok {
		t.Fatalf("the hand-over did not open an audit of the site:\n%s", h.screen())
	}
	if got := h.app.sh.sess.name(); got != breachSite {
		t.Fatalf("the audit is of %q", got)
	}
}

// breachScreens walks to each breach screen the way a user would.
var breachScreens = []struct {
	name string
	keys []string
	// plain, when set, stands in for keys in accessible mode, where
	// forms are answered at the plain prompt instead.
	plain []string
	// calls is read as call records before the keys are pressed.
	calls string
}{
	{name: "now"},
	{name: "now-recorded", keys: []string{"d", "enter", "down", "enter", "S", "a", "m", "enter", "enter"}, plain: []string{"d", "n"}},
	{name: "contain", keys: []string{"right"}},
	{name: "calls-found", calls: fraudCalls},
	{name: "report", keys: []string{"right", "right", "right", "right", "right", "right", "right", "down", "down", "down"}},
	{name: "root-cause", keys: []string{"right", "right", "right", "right", "right", "right", "right", "right", "end"}},
	{name: "what-next", keys: []string{"right", "right", "right", "right", "right", "right", "right", "right", "right", "right", "right"}},
	{name: "keys", keys: []string{"?"}},
}

func breachView(t *testing.T, accessible bool, keys []string, calls string, w, hgt int) string {
	t.Helper()
	store := breachStore(t, checklist.Site{FraudDesk: checklist.FraudDesk{Name: "Acme Telecom fraud team", Phone: "0800 123 4567"}})
	h := newBreachHarness(t, store, breachSite, accessible, w, hgt)
	if calls != "" {
		b := h.breach()
		for b.steps[b.page].ID != "calls" {
			h.press("right")
		}
		h.press("f")
		if accessible {
			b.fields.text = writeFile(t, "calls.csv", calls)
			h.send(formExecDoneMsg{id: b.form.id})
		} else {
			h.typeText(writeFile(t, "calls.csv", calls))
			h.press("enter")
		}
	}
	for _, k := range keys {
		h.press(k)
		h.screen() // the program draws after every key
	}
	return h.screen()
}

// TestBreachGolden keeps what each breach screen looks like at the smallest
// window and a roomier one, and in accessible mode.
func TestBreachGolden(t *testing.T) {
	t.Parallel()
	for _, sc := range breachScreens {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				golden.RequireEqual(t, breachView(t, false, sc.keys, sc.calls, size[0], size[1]))
			})
		}
		t.Run(sc.name+"-accessible", func(t *testing.T) {
			keys := sc.keys
			if sc.plain != nil {
				keys = sc.plain
			}
			golden.RequireEqual(t, breachView(t, true, keys, sc.calls, 80, 24))
		})
	}
}

// TestBreachScreensFitTheSmallestWindow checks every line of every breach
// page, on every step, fits 80 columns and 24 lines, drawn and accessible.
func TestBreachScreensFitTheSmallestWindow(t *testing.T) {
	t.Parallel()
	for _, accessible := range []bool{false, true} {
		store := breachStore(t, checklist.Site{})
		h := newBreachHarness(t, store, breachSite, accessible, 80, 24)
		for page := 0; page <= len(breach.Steps()); page++ {
			for row := 0; row < 12; row++ {
				out := h.screen()
				lines := strings.Split(out, "\n")
				if len(lines) != 24 {
					t.Fatalf("page %d row %d (accessible %v) is %d lines:\n%s", page, row, accessible, len(lines), out)
				}
				for _, l := range lines {
					if w := ansi.StringWidth(l); w > 80 {
						t.Fatalf("page %d row %d (accessible %v) has a line %d wide:\n%s", page, row, accessible, w, out)
					}
				}
				h.press("down")
			}
			h.press("right")
		}
	}
}

// hostileBreachStore holds a site whose saved name and fraud desk were
// edited by hand to carry escapes, and an incident whose every text (notes,
// names, log, call findings, answers, reasons) carries the hostile set, as a
// file from elsewhere might.
func hostileBreachStore(t *testing.T) (*sitestore.Store, string) {
	t.Helper()
	dir := t.TempDir()
	store, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateSite(checklist.Site{Name: "Mallory Ltd"}); err != nil {
		t.Fatal(err)
	}
	// Control characters only, so the name still names the same folder.
	name := "Mallory \u202eLtd\u2066\x1b\x07\u200b\x7f"
	path := filepath.Join(dir, "sites", "mallory-ltd", "site.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	quoted, _ := json.Marshal(name)
	desk, _ := json.Marshal(checklist.FraudDesk{Name: strings.Join(hostile.Names[:6], " "), Phone: "0800 \x1b]2;x\x07123"})
	edited := strings.Replace(string(data), `"Mallory Ltd"`, string(quoted)+`, "fraud_desk": `+string(desk), 1)
	if err := os.WriteFile(path, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	site, err := store.Site(name)
	if err != nil {
		t.Fatalf("the edited site cannot be read: %v", err)
	}
	inc, err := core.NewIncident(store, site.Name, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	pick := func(i int) string { return hostile.Names[i%len(hostile.Names)] }
	steps := breach.Steps()
	_, err = store.UpdateIncident(site.Name, inc.ID, func(inc *breach.Incident) error {
		n := 0
		for _, st := range steps {
			for _, a := range st.Actions {
				inc.Entries = append(inc.Entries, breach.Entry{At: fixedNow, Step: st.ID, Action: a.ID, Outcome: breach.Done, Note: pick(n), By: pick(n + 1)})
				n++
			}
		}
		for i := range hostile.Names {
			inc.Log = append(inc.Log, breach.LogLine{At: fixedNow, Text: pick(i)})
		}
		inc.Calls = &breach.CallFindings{File: "/tmp/" + pick(3) + ".csv", Start: fixedNow, End: fixedNow, Extensions: hostile.Names,
			Calls: 3, Minutes: 40, Summary: hostile.Names}
		for i, b := range breach.Bodies() {
			inc.Decisions = append(inc.Decisions, breach.Decision{Body: b.Body, Report: true, Reason: pick(i), At: fixedNow})
		}
		inc.Signs = hostile.Names
		inc.RootCause = map[string]string{}
		for i, q := range breach.RootCauseQuestions() {
			inc.RootCause[q.ID] = pick(i)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return store, site.Name
}

// TestBreachHostileTextNeverReachesTheScreen walks every breach page, the
// incident list and the key list with hostile text in everything they show,
// drawn and accessible, and scans what would be sent to the terminal.
func TestBreachHostileTextNeverReachesTheScreen(t *testing.T) {
	t.Parallel()
	store, name := hostileBreachStore(t)
	for _, accessible := range []bool{false, true} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			h := newBreachHarness(t, store, name, accessible, size[0], size[1])
			check := func(where string) {
				t.Helper()
				if bad := hostile.Find(h.app.render(), true); bad != "" {
					t.Fatalf("%s (accessible %v, %dx%d) holds %s\n%s", where, accessible, size[0], size[1], bad, h.screen())
				}
			}
			// Every action is recorded, so it opens on what comes next.
			check("what next")
			for range breach.Steps() {
				h.press("left")
			}
			if b := h.breach(); b.page != 0 {
				t.Fatalf("still on page %d", b.page)
			}
			for page := 0; page <= len(breach.Steps()); page++ {
				for row := 0; row < 12; row++ {
					check(fmt.Sprintf("page %d, row %d", page, row))
					h.press("down")
				}
				h.press("right")
			}
			h.press("end", "enter") // the site's incidents
			check("the incident list")
			h.press("enter") // the incident itself again
			check("the incident reopened")
			h.press("?")
			check("the key list")
		}
	}
}

// TestBreachExportsTheIncidentReport writes the PDF and JSON from the screen,
// through the same export the command line uses.
func TestBreachExportsTheIncidentReport(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, false, 120, 40)
	h.press("enter", "enter")
	h.typeText("barred 00 and 09 at 09:40")
	h.press("enter")
	h.typeText("Jo")
	h.press("enter")
	folder := t.TempDir()
	h.press("e", "enter", "ctrl+u")
	h.typeText(folder)
	h.press("enter")
	h.mustSee("Written:")
	pdfs, _ := filepath.Glob(filepath.Join(folder, "acme-dental-incident-*.pdf"))
	jsons, _ := filepath.Glob(filepath.Join(folder, "acme-dental-incident-*.json"))
	if len(pdfs) != 1 || len(jsons) != 1 {
		t.Fatalf("want one PDF and one JSON in %s, found %v %v\n%s", folder, pdfs, jsons, h.screen())
	}
	pdf, err := os.ReadFile(pdfs[0])
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("%s is not a PDF: %v", pdfs[0], err)
	}
	data, err := os.ReadFile(jsons[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{breachSite, "barred 00 and 09 at 09:40", "Jo"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the JSON report does not hold %q", want)
		}
	}
}

// TestBreachKeepsAnEntryTheDiskRefused shows an entry that could not be
// saved, says so, and saves it with the next entry once the file can be
// written again.
func TestBreachKeepsAnEntryTheDiskRefused(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, false, 80, 24)
	files, _ := filepath.Glob(filepath.Join(store.Dir(), "sites", "*", "incidents", "*.json"))
	if len(files) != 1 {
		t.Fatalf("want the incident's file, found %v", files)
	}
	good, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(files[0], []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.press("d")
	h.mustSee("could not be saved")
	h.mustSee("[✓]")
	if err := os.WriteFile(files[0], good, 0o600); err != nil {
		t.Fatal(err)
	}
	h.press("d")
	inc := savedIncident(t, store, breachSite)
	if len(inc.Entries) != 2 {
		t.Fatalf("want both entries saved once the file could be written, found %d", len(inc.Entries))
	}
}

// phoneKind is a connected phone system that answers as the demo company's
// does: admin logins, a leaver's live extension and that leaver's calls
// abroad at night.
var phoneKind = connectors.Kind{
	Name: "breachpbx", Title: "Breach test PBX",
	Settings: []connectors.Setting{{Key: connectors.KeyURL, Label: "Address", Type: connectors.Address, Required: true}},
	New:      func(checklist.Site, string) (connectors.Source, error) { return demo.New(fixedNow), nil },
}

// TestBreachUsesWhatTheConnectedPhoneSystemKnows opens breach mode for a
// connected site: the first steps name the accounts the phone system
// reports, and the call records come from its own history with no file.
func TestBreachUsesWhatTheConnectedPhoneSystemKnows(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{Connector: checklist.ConnectorSettings{Kind: phoneKind.Name, URL: "https://pbx.example"}})
	h := &harness{t: t, store: store}
	opts := Options{Store: store, Connectors: append(slices.Clone(testKinds), phoneKind), Secrets: noKeyring{}, Catalogue: checklist.Builtin(),
		Now: func() time.Time { return fixedNow }, StartBreach: breachSite}
	h.app = newApp(t.Context(), opts, false)
	h.send(tea_WindowSize(120, 60))
	h.run(h.app.Init())
	b := h.breach()
	if !strings.Contains(b.from, "Read from the phone system just now") {
		t.Fatalf("the accounts were not read from the phone system: %q", b.from)
	}
	h.mustSee("Ringfence found that")
	for b.steps[b.page].ID != "calls" {
		h.press("right")
	}
	h.press("f")
	h.mustSee("Leave it empty to read the phone system's own call history")
	h.press("enter")
	inc := savedIncident(t, store, breachSite)
	if inc.Calls == nil || inc.Calls.File != "" || inc.Calls.Calls == 0 {
		t.Fatalf("the phone system's own call history was not reviewed: %+v\n%s", inc.Calls, h.screen())
	}
	h.mustSee("From the phone system's own call history.")
	// The extensions the calls point at are named where accounts are disabled.
	if now := b.steps[0].Actions[1].Text; !strings.Contains(now, inc.Calls.Extensions[0]) {
		t.Errorf("the step to disable accounts does not name extension %s: %q", inc.Calls.Extensions[0], now)
	}
}

// TestBreachClickPicksTheActionClicked clicks on the last line of the second
// action, with a problem showing above the page.
func TestBreachClickPicksTheActionClicked(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, false, 120, 40)
	b := h.breach()
	b.failed = "The call records could not be read."
	h.screen()
	y := h.app.bodyTop() + b.topLines + b.rowEnd[1] - 1
	clickAt(h, 10, y)
	if b.cursor != 1 {
		t.Fatalf("clicking line %d picked row %d, want 1 (rows start at %v)\n%s", y, b.cursor, b.rowStart, h.screen())
	}
}

// TestBreachQuitSavesTheLastEntry records an action and quits before the
// background save has run, as when q follows d at once: the entry is saved
// before the program's last words, which say where.
func TestBreachQuitSavesTheLastEntry(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, false, 80, 24)
	h.app.Update(keyMsg("d")) // its save command never runs
	if got := len(savedIncident(t, store, breachSite).Entries); got != 0 {
		t.Fatalf("the entry was saved before its command ran (%d entries)", got)
	}
	var out strings.Builder
	if err := finish(h.app, h.app.sh.opts, &out, nil); err != nil {
		t.Fatal(err)
	}
	if got := len(savedIncident(t, store, breachSite).Entries); got != 1 {
		t.Fatalf("the action recorded just before quitting was not saved: %d entries", got)
	}
	if !strings.Contains(out.String(), "is saved in") {
		t.Errorf("the last words do not say where the incident is saved: %q", out.String())
	}
}

// TestBreachListsGolden keeps the screens that choose: which site has the
// problem, and which of a site's incidents to open.
func TestBreachListsGolden(t *testing.T) {
	t.Parallel()
	for _, accessible := range []bool{false, true} {
		suffix := ""
		if accessible {
			suffix = "-accessible"
		}
		t.Run("which-site"+suffix, func(t *testing.T) {
			store := breachStore(t, checklist.Site{})
			if err := store.CreateSite(checklist.Site{Name: "Bakery"}); err != nil {
				t.Fatal(err)
			}
			h := newBreachHarness(t, store, "", accessible, 80, 24)
			h.press("end", "enter")
			golden.RequireEqual(t, h.screen())
		})
		t.Run("incidents"+suffix, func(t *testing.T) {
			store := breachStore(t, checklist.Site{})
			old, err := core.NewIncident(store, breachSite, fixedNow.Add(-72*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := core.ApplyIncident(store, breachSite, old.ID, core.CloseIncident(fixedNow.Add(-48*time.Hour))); err != nil {
				t.Fatal(err)
			}
			h := newBreachHarness(t, store, breachSite, accessible, 80, 24)
			for range breach.Steps() {
				h.press("right")
			}
			h.press("end", "enter")
			golden.RequireEqual(t, h.screen())
		})
	}
}

// TestBreachCallHistoryWithoutTheSecretSaysWhatToDo asks for the phone
// system's own call history when the keyring holds no secret: it says to
// choose a file instead and records nothing.
func TestBreachCallHistoryWithoutTheSecretSaysWhatToDo(t *testing.T) {
	t.Parallel()
	locked := phoneKind
	locked.Name = "breachpbxkey"
	locked.Settings = append(slices.Clone(phoneKind.Settings), connectors.Setting{Key: connectors.KeySecret, Label: "API key", Type: connectors.Secret, Required: true})
	store := breachStore(t, checklist.Site{Connector: checklist.ConnectorSettings{Kind: locked.Name, URL: "https://pbx.example"}})
	h := &harness{t: t, store: store}
	opts := Options{Store: store, Connectors: append(slices.Clone(testKinds), locked), Secrets: noKeyring{}, Catalogue: checklist.Builtin(),
		Now: func() time.Time { return fixedNow }, StartBreach: breachSite}
	h.app = newApp(t.Context(), opts, false)
	h.send(tea_WindowSize(120, 40))
	h.run(h.app.Init())
	h.press("f", "enter")
	h.mustSee("Choose a file of")
	h.mustSee("The phone system could not be read (Ringfence has no secret for it here)")
	if inc := savedIncident(t, store, breachSite); inc.Calls != nil {
		t.Fatalf("call findings were recorded without reading anything: %+v", inc.Calls)
	}
}

// TestBreachWithNoSiteNamedAsksWhich is breach mode started with no site:
// it asks which site has the problem, or for a name when none is saved.
func TestBreachWithNoSiteNamedAsksWhich(t *testing.T) {
	t.Parallel()
	open := func(t *testing.T, store *sitestore.Store) *harness {
		h := &harness{t: t, store: store}
		opts := Options{Store: store, Connectors: testKinds, Secrets: noKeyring{}, Catalogue: checklist.Builtin(),
			Now: func() time.Time { return fixedNow }, AskBreachSite: true}
		h.app = newApp(t.Context(), opts, false)
		h.send(tea_WindowSize(80, 24))
		h.run(h.app.Init())
		return h
	}
	h := open(t, breachStore(t, checklist.Site{}))
	h.mustSee("Which site has the problem?")
	h.press("enter")
	if got := h.breach().site.Name; got != breachSite {
		t.Fatalf("opened breach mode for %q", got)
	}
	empty, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	h = open(t, empty)
	h.mustSee("Your business's name")
	h.press("esc")
	h.mustSee("You have no saved sites yet")
}

// TestBreachRandomKeysKeepScreenAndDiskAgreed presses random keys on the
// breach screen, forms and all: every screen fits 80x24, and afterwards the
// incident on screen is the one on disk, entry for entry.
func TestBreachRandomKeysKeepScreenAndDiskAgreed(t *testing.T) {
	t.Parallel()
	keys := []string{"d", "n", "c", "up", "down", "left", "right", "pgdown", "pgup", "home", "end",
		"enter", "tab", "space", "w", "s", "y", "x", "1", "ctrl+u"}
	for seed := range int64(4) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(uint64(seed), 13))
			store := breachStore(t, checklist.Site{})
			h := newBreachHarness(t, store, breachSite, false, 80, 24)
			b := h.breach()
			for i := range 400 {
				k := keys[rng.IntN(len(keys))]
				if b.form != nil && rng.IntN(10) == 0 {
					k = "esc" // leave a form now and then; never the screen
				}
				h.press(k)
				if h.top() != b {
					t.Fatalf("key %d (%s) left the breach screen for %T", i, k, h.top())
				}
				lines := strings.Split(h.screen(), "\n")
				if len(lines) != 24 {
					t.Fatalf("after key %d (%s) the screen is %d lines", i, k, len(lines))
				}
				for _, l := range lines {
					if ansi.StringWidth(l) > 80 {
						t.Fatalf("after key %d (%s) a line is %d wide:\n%s", i, k, ansi.StringWidth(l), h.screen())
					}
				}
			}
			disk := savedIncident(t, store, breachSite)
			if len(disk.Entries) != len(b.inc.Entries) || len(disk.Log) != len(b.inc.Log) || len(disk.Decisions) != len(b.inc.Decisions) || len(disk.Signs) != len(b.inc.Signs) {
				t.Fatalf("screen and disk disagree: entries %d/%d, log %d/%d, decisions %d/%d, signs %d/%d",
					len(b.inc.Entries), len(disk.Entries), len(b.inc.Log), len(disk.Log), len(b.inc.Decisions), len(disk.Decisions), len(b.inc.Signs), len(disk.Signs))
			}
			for i, e := range disk.Entries {
				if got := b.inc.Entries[i]; got.Step != e.Step || got.Action != e.Action || got.Outcome != e.Outcome || got.Note != e.Note {
					t.Fatalf("entry %d: screen %+v, disk %+v", i, got, e)
				}
			}
			if len(disk.Entries) == 0 {
				t.Fatal("400 random keys recorded nothing; the keys never reached an action")
			}
		})
	}
}

// TestBreachKeepsWhatAnotherWindowRecorded records from the command line
// while the app has the incident open: the app's next entry is saved on top
// of it, and the screen then shows both.
func TestBreachKeepsWhatAnotherWindowRecorded(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, false, 120, 40)
	b := h.breach()
	steps := breach.StepsFor(b.site)
	other := core.RecordAction(steps, steps[0].ID, steps[0].Actions[2].ID, breach.Done, "rang the fraud desk", "Sam", fixedNow)
	if _, err := core.ApplyIncident(store, breachSite, b.inc.ID, other); err != nil {
		t.Fatal(err)
	}
	h.press("d")
	inc := savedIncident(t, store, breachSite)
	if len(inc.Entries) != 2 {
		t.Fatalf("want both entries on disk, found %d", len(inc.Entries))
	}
	h.mustSee("by Sam: rang the fraud desk")
	if len(b.inc.Entries) != 2 {
		t.Fatalf("the screen shows %d entries, the disk 2", len(b.inc.Entries))
	}
}

// TestBreachSaysWhenAnotherWindowClosedTheIncident records in the app after
// the command line closed the same incident: the entry is refused, the app
// says why without promising to save it later, and shows the incident as
// closed and read only.
func TestBreachSaysWhenAnotherWindowClosedTheIncident(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, false, 120, 40)
	b := h.breach()
	if _, err := core.ApplyIncident(store, breachSite, b.inc.ID, core.CloseIncident(fixedNow)); err != nil {
		t.Fatal(err)
	}
	h.press("d")
	h.mustSee("was not saved")
	if strings.Contains(h.screen(), "will be saved with your next") {
		t.Fatalf("the app promises to save an entry the incident refuses:\n%s", h.screen())
	}
	if !b.readOnly || b.inc.Open() {
		t.Fatalf("the screen still treats the closed incident as open:\n%s", h.screen())
	}
	h.mustSee("This incident is closed")
	// The refusal is the app's to word: no command-line flag a person in the
	// app could not type.
	for _, flag := range []string{"--log", "--new"} {
		if strings.Contains(h.screen(), flag) {
			t.Errorf("the app tells its user to use %s:\n%s", flag, h.screen())
		}
	}
	if got := len(savedIncident(t, store, breachSite).Entries); got != 0 {
		t.Fatalf("a closed incident took %d entries", got)
	}
}

// TestBreachRootCauseAnswerIsNeverEmpty submits an empty answer: the form
// says what to write and nothing is recorded.
func TestBreachRootCauseAnswerIsNeverEmpty(t *testing.T) {
	t.Parallel()
	store := breachStore(t, checklist.Site{})
	h := newBreachHarness(t, store, breachSite, false, 120, 40)
	b := h.breach()
	for b.steps[b.page].ID != "root-cause" {
		h.press("right")
	}
	h.press("end", "enter", "enter")
	h.mustSee(`not known yet`)
	if b.form == nil {
		t.Fatalf("an empty answer closed the form:\n%s", h.screen())
	}
	if inc := savedIncident(t, store, breachSite); len(inc.RootCause) != 0 {
		t.Fatalf("an empty answer was recorded: %+v", inc.RootCause)
	}
}
