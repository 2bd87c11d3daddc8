package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext/hostile"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors/demo"
)

// hostileStore holds a saved site whose audit carries the hostile set in every
// name it shows (extensions, staff, phones, the phone system's version, action
// owners), a previous audit to compare with, and a second site saved by hand
// with a hostile name of its own.
func hostileStore(t *testing.T) *sitestore.Store {
	t.Helper()
	dir := t.TempDir()
	store, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	const site = "Harbour Lane Dental"
	if err := store.CreateSite(checklist.Site{Name: site}); err != nil {
		t.Fatal(err)
	}
	inv, err := demo.New(fixedNow).Fetch(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	pick := func(i int) string { return hostile.Names[i%len(hostile.Names)] }
	inv.PBX.Version = strings.Join(hostile.Names[:15], " ")
	for i := range inv.Extensions {
		inv.Extensions[i].Name = pick(i)
		for j := range inv.Extensions[i].Forwards {
			inv.Extensions[i].Forwards[j].Destination += pick(i + j)
		}
	}
	for i := range inv.Devices {
		inv.Devices[i].Model += " " + pick(i+1)
		inv.Devices[i].Firmware += pick(i + 2)
	}
	for i := range inv.Staff {
		if i%2 == 0 {
			inv.Staff[i].Name = pick(i)
		}
	}
	cat := checklist.Builtin()
	prev := checklist.NewAudit(cat, site, inv.Inventory, demo.Answers(fixedNow), fixedNow.AddDate(0, -3, 0))
	if err := putAudit(t, store, prev); err != nil {
		t.Fatal(err)
	}
	a := checklist.NewAudit(cat, site, inv.Inventory, nil, fixedNow)
	for i, act := range a.Plan {
		a.Track(cat, act.CheckID, checklist.Tracking{Owner: pick(i)}, fixedNow)
	}
	if err := putAudit(t, store, a); err != nil {
		t.Fatal(err)
	}

	// A site saved before names were checked, or edited by hand.
	if err := store.CreateSite(checklist.Site{Name: "Mallory Ltd"}); err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "sites", "mallory*", "site.json"))
	if len(matches) != 1 {
		t.Fatalf("site.json not found: %v", matches)
	}
	data, _ := os.ReadFile(matches[0])
	os.WriteFile(matches[0], []byte(strings.Replace(string(data), `"Mallory Ltd"`,
		`"Mallory \u202egnp.exe \u001b]2;title\u0007 \u001b]8;;https://evil.example/\u001b\\link\u001b]8;;\u001b\\"`, 1)), 0o600)
	return store
}

// hostileLists writes a staff list and call records full of the hostile set:
// rows good enough to read and rows bad enough to be quoted as left out.
func hostileLists(t *testing.T) (staff, calls string) {
	t.Helper()
	var s, c strings.Builder
	s.WriteString("Name,Email,Status,Leave date\n")
	c.WriteString("calldate,src,dst,billsec,disposition\n")
	for i, n := range hostile.Names {
		if !utf8.ValidString(n) || strings.ContainsRune(n, 0) {
			continue // the readers refuse such a file as binary, rightly
		}
		q := `"` + strings.ReplaceAll(n, `"`, `""`) + `"`
		fmt.Fprintf(&s, "%s,,Leaver,30/10/2026\n%s,,Active,%s\n", q, q, q)
		fmt.Fprintf(&c, "2026-11-18 02:%02d:03,%s,0037167800009%d,2472,ANSWERED\n%s,1,2,3,ANSWERED\n", i, q, i%10, q)
		fmt.Fprintf(&c, "2026-11-18 03:%02d:03,214,%s,2472,ANSWERED\n", i, q)
	}
	return writeFile(t, "staff.csv", s.String()), writeFile(t, "calls.csv", c.String())
}

// TestHostileTextNeverReachesTheScreen opens every screen that draws names
// from outside and scans what the app would send to the terminal: the only
// escape sequences allowed are the colours and weights of the app's own
// styles. A new screen is one more row.
func TestHostileTextNeverReachesTheScreen(t *testing.T) {
	t.Parallel()
	store := hostileStore(t)
	staff, calls := hostileLists(t)
	site := []string{"enter", "enter"} // the site, then carry on with its audit
	with := func(keys ...string) []string { return append(append([]string{}, site...), keys...) }
	rows := []struct {
		name string
		demo bool
		keys []string
		// typed is a file path to type after the keys, then more keys.
		typed string
		after []string
	}{
		{name: "home site list"},
		{name: "site menu", keys: []string{"enter"}},
		{name: "audit areas", keys: with()},
		{name: "items found", keys: with("tab")},
		{name: "items found, a row open", keys: with("tab", "down")},
		{name: "items found in every area", keys: with("down", "down", "down", "tab", "down")},
		{name: "firmware items", keys: with("down", "down", "down", "tab", "down", "down")},
		{name: "results", keys: with("r")},
		{name: "a finding", keys: with("r", "enter")},
		{name: "a finding further down", keys: with("r", "down", "down", "enter", "pgdown")},
		{name: "action plan", keys: with("p")},
		{name: "compare", keys: with("c")},
		{name: "leavers", keys: with("l")},
		{name: "leavers, further down", keys: with("l", "end")},
		{name: "leavers, matches to confirm", keys: with("l", "tab")},
		{name: "leavers from a hostile staff list", demo: true, keys: []string{"l", "i", "backspace"}, typed: staff, after: []string{"enter"}},
		{name: "leavers from a hostile staff list, further down", demo: true, keys: []string{"l", "i", "backspace"}, typed: staff, after: []string{"enter", "end"}},
		{name: "call records", demo: true, keys: []string{"f"}, typed: calls, after: []string{"enter", "enter", "enter"}},
		{name: "call records, further down", demo: true, keys: []string{"f"}, typed: calls, after: []string{"enter", "enter", "enter", "pgdown", "pgdown"}},
		{name: "export", keys: with("e")},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, row := range rows {
			t.Run(fmt.Sprintf("%s %dx%d", row.name, size[0], size[1]), func(t *testing.T) {
				var h *harness
				if row.demo {
					h = newHarness(t, true, size[0], size[1])
				} else {
					h = newHarnessWithStore(t, store, false, size[0], size[1])
				}
				for _, k := range row.keys {
					h.send(keyMsg(k))
				}
				if row.typed != "" {
					h.typeText(row.typed)
					h.press(row.after...)
				}
				out := h.app.render()
				if bad := hostile.Find(out, true); bad != "" {
					t.Errorf("the screen holds %s\n%s", bad, h.screen())
				}
			})
		}
	}
}
