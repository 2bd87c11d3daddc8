package tui

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// TestBreachInTmux runs `ringfence breach --site NAME` in a real terminal at
// 80x24: it opens on what to do now and records the first action with a note
// and a name. The app is then killed outright; run again, it carries on with
// the same incident at the next action, and the incident file holds the entry.
func TestBreachInTmux(t *testing.T) {
	term := startTerminalWith(t, `breach --site "Acme Dental"`, func(home string) {
		store, err := sitestore.OpenStore(home)
		if err != nil {
			t.Fatal(err)
		}
		if err := store.CreateSite(checklist.Site{Name: "Acme Dental", FraudDesk: checklist.FraudDesk{Name: "Acme Telecom", Phone: "0800 123 4567"}}); err != nil {
			t.Fatal(err)
		}
	})
	term.waitFor("Do this now")
	term.waitFor("Your provider's fraud desk: Acme Telecom, 0800 123 4567")
	term.waitFor("d/n/c done/not needed/couldn't")
	term.keys("Enter")
	term.waitFor("Note (optional)")
	term.keys("Enter") // done
	// The form moves to the next field on its own schedule; type once it has.
	term.waitFor("┃ Note (optional)")
	term.typeText("Provider barred 00 and 09")
	term.keys("Enter")
	term.waitFor("┃ Who did it (optional)")
	term.typeText("Jo")
	term.keys("Enter")
	term.waitFor("Done, ")
	term.waitFor("by Jo: Provider barred 00 and 09")
	// Said only once the entry is on disk: pulling the plug now loses nothing.
	term.waitFor("Recorded as done and saved")
	term.kill()
	term.waitFor("exited 137")
	term.tmux("respawn-pane", "-k", "-t", term.session, "sh", "-c", term.script)
	all := 0
	for _, st := range breach.Steps() {
		all += len(st.Actions)
	}
	term.waitFor(fmt.Sprintf("1 of %d actions recorded", all))
	term.waitFor("by Jo: Provider barred 00 and 09")
	term.waitFor("> [ ] Disable the extensions") // carries on at the next action
	term.keys("q")
	term.waitFor("exited 0")
	term.waitFor("saved in")

	files, _ := filepath.Glob(filepath.Join(term.home, "sites", "*", "incidents", "*.json"))
	if len(files) != 1 {
		t.Fatalf("want one incident file, found %v\n%s", files, term.screen())
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	var inc breach.Incident
	if err := json.Unmarshal(data, &inc); err != nil {
		t.Fatalf("%s: %v", files[0], err)
	}
	first := breach.Steps()[0]
	if len(inc.Entries) != 1 {
		t.Fatalf("want one entry saved, found %d: %s", len(inc.Entries), data)
	}
	e := inc.Entries[0]
	if e.Step != first.ID || e.Action != first.Actions[0].ID || e.Outcome != breach.Done || e.Note != "Provider barred 00 and 09" || e.By != "Jo" || e.At.IsZero() {
		t.Fatalf("the entry saved is not the one recorded: %+v", e)
	}
	if !inc.Open() {
		t.Fatal("recording an action closed the incident")
	}
}

// kill ends the ringfence process in the pane at once, as a crash or a
// closed laptop would, leaving the pane's shell to say how it ended.
func (term *terminal) kill() {
	term.t.Helper()
	shell := strings.TrimSpace(term.tmux("list-panes", "-t", term.session, "-F", "#{pane_pid}"))
	out, err := exec.Command("pgrep", "-P", shell).Output()
	if err != nil {
		term.t.Fatalf("no ringfence process under the pane's shell %s: %v", shell, err)
	}
	for _, pid := range strings.Fields(string(out)) {
		n, err := strconv.Atoi(pid)
		if err != nil {
			term.t.Fatal(err)
		}
		if err := syscall.Kill(n, syscall.SIGKILL); err != nil {
			term.t.Fatal(err)
		}
	}
}
