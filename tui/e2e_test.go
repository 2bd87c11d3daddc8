package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

// TestEndToEndInTmux builds the ringfence command itself and runs `ringfence
// demo` in a real terminal at 80x24, walking from the demo company through one
// area's questions and the leavers report to the results and an export,
// reading the screen as a user would.
func TestEndToEndInTmux(t *testing.T) {
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
	home, work := filepath.Join(dir, "home"), filepath.Join(dir, "work")
	if err := os.MkdirAll(work, 0o700); err != nil {
		t.Fatal(err)
	}
	session := "ringfence-e2e-" + filepath.Base(dir)
	// A server of its own, so a session of the same name from another run on
	// this machine (or a person's own tmux) can never clash with this one.
	socket := fmt.Sprintf("ringfence-e2e-%d-%s", os.Getpid(), filepath.Base(dir))
	tmux := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", append([]string{"-L", socket}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	// The shell keeps the pane open after the app exits, so its last words
	// can be read.
	script := "RINGFENCE_HOME='" + home + "' NO_COLOR=1 TERM=xterm-256color '" + bin + "' demo; echo exited $?; sleep 60"
	tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", "-c", work, "sh", "-c", script)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", socket, "kill-server").Run() })

	screen := func() string { return tmux("capture-pane", "-p", "-t", session) }
	// waitFor polls the screen: the program draws on its own schedule.
	waitFor := func(want string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			if strings.Contains(screen(), want) {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("the screen never showed %q:\n%s", want, screen())
	}
	keys := func(k ...string) { tmux(append([]string{"send-keys", "-t", session}, k...)...) }

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
