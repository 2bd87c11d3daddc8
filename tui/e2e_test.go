package tui

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

// terminal is the real ringfence command running in tmux at 80x24, read and
// typed into as a person would.
type terminal struct {
	t          *testing.T
	socket     string
	session    string
	home, work string
	script     string // the command line the pane runs, to run it again
}

// startTerminal builds the ringfence command and runs it with args in a
// fresh data folder, in a tmux server of its own.
func startTerminal(t *testing.T, args string) *terminal {
	t.Helper()
	return startTerminalWith(t, args, nil)
}

// startTerminalWith is startTerminal with the data folder prepared first,
// such as a site saved before the command starts.
func startTerminalWith(t *testing.T, args string, prepare func(home string)) *terminal {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("RINGFENCE_REQUIRE_REAL") == "1" {
			t.Fatal("tmux is needed for the end-to-end test and RINGFENCE_REQUIRE_REAL=1 is set")
		}
		t.Skip("tmux is not installed; install it to run the end-to-end test")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "ringfence")
	build := exec.Command("go", "build", "-o", bin, "github.com/ringfence/ringfence")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	term := &terminal{t: t, session: "ringfence-e2e-" + filepath.Base(dir),
		// A server of its own, so a session of the same name from another run
		// on this machine (or a person's own tmux) can never clash with this one.
		socket: fmt.Sprintf("ringfence-e2e-%d-%s", os.Getpid(), filepath.Base(dir)),
		home:   filepath.Join(dir, "home"), work: filepath.Join(dir, "work")}
	if err := os.MkdirAll(term.work, 0o700); err != nil {
		t.Fatal(err)
	}
	if prepare != nil {
		prepare(term.home)
	}
	// The shell keeps the pane open after the app exits, so its last words
	// can be read.
	script := "RINGFENCE_HOME='" + term.home + "' NO_COLOR=1 TERM=xterm-256color '" + bin + "' " + args + "; echo exited $?; sleep 60"
	term.script = script
	term.tmux("new-session", "-d", "-s", term.session, "-x", "80", "-y", "24", "-c", term.work, "sh", "-c", script)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", term.socket, "kill-server").Run() })
	return term
}

func (term *terminal) tmux(args ...string) string {
	term.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", term.socket}, args...)...).CombinedOutput()
	if err != nil {
		term.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (term *terminal) screen() string { return term.tmux("capture-pane", "-p", "-t", term.session) }

// waitFor polls the screen: the program draws on its own schedule.
func (term *terminal) waitFor(want string) {
	term.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(term.screen(), want) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	term.t.Fatalf("the screen never showed %q:\n%s", want, term.screen())
}

func (term *terminal) keys(k ...string) {
	term.tmux(append([]string{"send-keys", "-t", term.session}, k...)...)
}

// typeText types text as literal characters, not key names.
func (term *terminal) typeText(text string) {
	term.tmux("send-keys", "-t", term.session, "-l", text)
}

// TestEndToEndInTmux builds the ringfence command itself and runs `ringfence
// demo` in a real terminal at 80x24, walking from the demo company through one
// area's questions and the leavers report to the results and an export,
// reading the screen as a user would.
func TestEndToEndInTmux(t *testing.T) {
	term := startTerminal(t, "demo")
	screen, waitFor, keys := term.screen, term.waitFor, term.keys
	home, work := term.home, term.work
	waitFor("Brightwater Kitchens Ltd (demo)")
	waitFor("Phones and endpoints")
	keys("Down") // voicemail PINs
	keys("Enter")
	waitFor("Question 1 of")
	// One enter per question in the area, and one to spare.
	for i := 0; i <= len(checklist.Builtin().InDomain(checklist.DomainPINs)) && !strings.Contains(screen(), "Next area"); i++ {
		keys("Enter") // keep each answer as it is
		time.Sleep(200 * time.Millisecond)
	}
	waitFor("Next area: Leavers")
	keys("l")
	waitFor("Leavers who can still use the phone system (1)")
	keys("Escape")
	waitFor("Press l to compare your staff list")
	keys("r")
	waitFor("Do these first")
	keys("e")
	waitFor("Which files?")
	keys("Enter") // the formats, all ticked
	waitFor("Folder")
	keys("Enter") // the folder Ringfence started in
	waitFor("Paper for the PDF")
	keys("Enter") // A4
	waitFor("Logo for the PDF")
	keys("Enter") // no logo
	waitFor("Written:")
	// The real command runs on today's date, which names the files.
	reports, _ := filepath.Glob(filepath.Join(work, "brightwater-kitchens-ltd-*.json"))
	if len(reports) != 1 {
		t.Fatalf("want one JSON report in %s, found %v\n%s", work, reports, screen())
	}
	data, err := os.ReadFile(reports[0])
	if err != nil {
		t.Fatalf("no report: %v\n%s", err, screen())
	}
	if !strings.Contains(string(data), `"site": "Brightwater Kitchens Ltd"`) {
		t.Fatal("the report does not name the site")
	}
	keys("q")
	waitFor("The demo audit was not saved")
	if saved, _ := filepath.Glob(filepath.Join(home, "*", "site.json")); len(saved) != 0 {
		t.Fatalf("the demo must not be saved as a site: %v", saved)
	}
}

// TestOwnersJourneyInTmux is an owner's first audit at 80x24: add a site fed
// from a spreadsheet, see what was read, and meet a first question with no
// answer chosen for them, so one Enter cannot record a pass.
func TestOwnersJourneyInTmux(t *testing.T) {
	term := startTerminal(t, "")
	inventory := filepath.Join(term.work, "phones.csv")
	if err := os.WriteFile(inventory, []byte("Model,Firmware,MAC,Extension,Owner\n"+
		"Cisco SPA504G,7.6.2,00:11:22:33:44:01,201,Ann Lee\n"+
		"Yealink T46S,66.84.0.125,00:11:22:33:44:02,202,Bob Hart\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	term.waitFor("You have no saved sites yet")
	term.keys("n")
	term.waitFor("Site name")
	term.typeText("Acme Dental")
	term.keys("Enter")
	term.waitFor("Contact (optional)")
	term.keys("Enter")
	term.waitFor("Where should Ringfence get its facts?")
	for !strings.Contains(term.screen(), "> Spreadsheet inventory") {
		term.keys("Down")
		time.Sleep(100 * time.Millisecond)
	}
	term.keys("Enter")
	term.waitFor("Inventory file (CSV)")
	term.typeText("phones.csv") // typed relative to the folder Ringfence started in
	term.keys("Enter")
	term.waitFor("phones.csv: 2 lines read below the header on line 1: 2 used, 0 skipped")
	term.waitFor("Phones and endpoints")
	term.keys("Enter")
	term.waitFor("Question 1 of")
	term.waitFor("(choose an answer)")
	term.keys("Enter") // nothing chosen: nothing may be recorded
	term.waitFor("(choose an answer)")
	term.keys("Escape")
	term.waitFor("enter answer questions")
	term.keys("q")
	term.waitFor("exited 0")

	sites, _ := filepath.Glob(filepath.Join(term.home, "sites", "*", "site.json"))
	if len(sites) != 1 {
		t.Fatalf("want one saved site, found %v\n%s", sites, term.screen())
	}
	site, err := os.ReadFile(sites[0])
	if err != nil || !strings.Contains(string(site), `"file": "`+inventory+`"`) {
		t.Fatalf("the site should remember the spreadsheet by its full path %s:\n%s", inventory, site)
	}
	audits, _ := filepath.Glob(filepath.Join(filepath.Dir(sites[0]), "audits", "*.json"))
	if len(audits) != 1 {
		t.Fatalf("want one saved audit, found %v", audits)
	}
	data, err := os.ReadFile(audits[0])
	if err != nil {
		t.Fatal(err)
	}
	var saved struct {
		Answers map[string]json.RawMessage `json:"answers"`
	}
	if err := json.Unmarshal(data, &saved); err != nil {
		t.Fatalf("%s: %v", audits[0], err)
	}
	if a, ok := saved.Answers["EP-04"]; ok {
		t.Fatalf("Enter alone recorded an answer to EP-04: %s", a)
	}
}
