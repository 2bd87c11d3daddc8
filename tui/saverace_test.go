//go:build unix

package tui

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// These tests race the app, running in a second process, against the real
// ringfence command in a third, on one data folder. Named pipes stand in for
// slow inputs (a phone system still answering, a call-record file still
// being read), so each run takes the steps in the order the test names
// without any sleep.

const raceSite = "Race Ltd"

// TestHelperAppWindow is the app side: it opens the site the way the app
// does and makes the changes it is told to on standard input, one a line,
// through the same calls the screens make.
func TestHelperAppWindow(t *testing.T) {
	if os.Getenv("RINGFENCE_APPRACE_CHILD") != "1" {
		t.Skip("run as a child process by the save race tests")
	}
	say := func(format string, args ...any) { fmt.Printf("APP "+format+"\n", args...) }
	store, err := sitestore.OpenStore(os.Getenv("RINGFENCE_APPRACE_DIR"))
	if err != nil {
		say("error %v", err)
		return
	}
	cat := checklist.Builtin()
	now := time.Now().UTC().Truncate(time.Second)
	sess, err := openSite(t.Context(), testKinds, noKeyring{}, store, cat, raceSite, false, "", now, nil)
	if err != nil {
		say("error %v", err)
		return
	}
	sh := &shared{ctx: t.Context(), opts: Options{Store: store, Catalogue: cat, Now: func() time.Time { return now }}, sess: sess, saver: &saver{}}
	say("ready")
	for sc := bufio.NewScanner(os.Stdin); sc.Scan(); {
		verb, arg, _ := strings.Cut(sc.Text(), " ")
		var err error
		switch verb {
		case "answer":
			id, value, _ := strings.Cut(arg, " ")
			err = appAnswer(sh, id, value)
		case "accept":
			err = appAccept(sh, arg)
		case "hours":
			err = appHours(sh, arg)
		case "quit":
			err = appQuit(sh)
			if err != nil {
				say("error %v", err)
			} else {
				say("done")
			}
			return
		}
		if err != nil {
			say("error %v", err)
		} else {
			say("done")
		}
	}
}

// runAll runs a command and what it leads to, as the program would, and
// returns the first save error.
func runAll(sh *shared, cmd tea.Cmd) error {
	if cmd == nil {
		return nil
	}
	switch m := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range m {
			if err := runAll(sh, c); err != nil {
				return err
			}
		}
	case savedMsg:
		sh.adopt(m)
		return m.err
	}
	return nil
}

// buildRingfence builds the command itself, as a user would run it.
// RINGFENCE_RACE_BIN runs the tests against another build instead, such as
// an older release.
func buildRingfence(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("RINGFENCE_RACE_BIN"); bin != "" {
		return bin
	}
	bin := filepath.Join(t.TempDir(), "ringfence")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/ringfence/ringfence").CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// raceEnv keeps children away from the user's own data and keyring.
func raceEnv(dir string) []string {
	env := []string{"RINGFENCE_HOME=" + dir, "NO_COLOR=1", "DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(dir, "no-bus")}
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k == "PATH" || k == "HOME" || k == "TMPDIR" || k == "GOCOVERDIR" {
			env = append(env, kv)
		}
	}
	return env
}

type cliRun struct {
	cmd            *exec.Cmd
	stdout, stderr strings.Builder
	done           chan error
}

func startCLI(t *testing.T, bin, dir string, args ...string) *cliRun {
	t.Helper()
	r := &cliRun{done: make(chan error, 1)}
	r.cmd = exec.Command(bin, append(args, "--data-dir", dir)...)
	r.cmd.Env = raceEnv(dir)
	r.cmd.Stdout, r.cmd.Stderr = &r.stdout, &r.stderr
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { r.done <- r.cmd.Wait() }()
	t.Cleanup(func() { _ = r.cmd.Process.Kill() })
	return r
}

// finish waits for the command and fails the test unless it succeeded.
func (r *cliRun) finish(t *testing.T) {
	t.Helper()
	if err := <-r.done; err != nil {
		t.Fatalf("ringfence %s: %v\nstdout: %s\nstderr: %s", strings.Join(r.cmd.Args[1:], " "), err, r.stdout.String(), r.stderr.String())
	}
}

func runCLI(t *testing.T, bin, dir string, args ...string) {
	t.Helper()
	startCLI(t, bin, dir, args...).finish(t)
}

type appWindow struct {
	stdin io.WriteCloser
	lines *bufio.Scanner
	cmd   *exec.Cmd
}

func startApp(t *testing.T, dir string) *appWindow {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find the test binary to run the app in a second process: %v", err)
	}
	cmd := exec.Command(exe, "-test.run=^TestHelperAppWindow$", "-test.count=1")
	cmd.Env = append(raceEnv(dir), "RINGFENCE_APPRACE_CHILD=1", "RINGFENCE_APPRACE_DIR="+dir)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	w := &appWindow{stdin: stdin, lines: bufio.NewScanner(stdout), cmd: cmd}
	w.expect(t, "ready")
	return w
}

func (w *appWindow) expect(t *testing.T, want string) {
	t.Helper()
	for w.lines.Scan() {
		if rest, ok := strings.CutPrefix(w.lines.Text(), "APP "); ok {
			if rest != want {
				t.Fatalf("the app said %q, want %q", rest, want)
			}
			return
		}
	}
	t.Fatalf("the app stopped before saying %q", want)
}

// do makes one change in the app and waits until it says it is saved.
func (w *appWindow) do(t *testing.T, line string) {
	t.Helper()
	fmt.Fprintln(w.stdin, line)
	w.expect(t, "done")
}

// slowFile is a named pipe: a reader blocks on it until the test feeds it.
type slowFile struct {
	path string
	w    *os.File
}

func newSlowFile(t *testing.T, name string) *slowFile {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	return &slowFile{path: path}
}

// waitForReader returns once the command has the file open, which means it
// has already read what it needs from the site and is now waiting for the
// data. Opening the write end without blocking fails until a reader is there.
func (f *slowFile) waitForReader(t *testing.T, r *cliRun) {
	t.Helper()
	for range 4000 {
		fd, err := syscall.Open(f.path, syscall.O_WRONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err == nil {
			if err := syscall.SetNonblock(fd, false); err != nil {
				t.Fatal(err)
			}
			f.w = os.NewFile(uintptr(fd), f.path)
			return
		}
		if !errors.Is(err, syscall.ENXIO) {
			t.Fatal(err)
		}
		select {
		case err := <-r.done:
			t.Fatalf("ringfence %s ended before reading %s: %v\n%s%s", strings.Join(r.cmd.Args[1:], " "), f.path, err, r.stdout.String(), r.stderr.String())
		case <-time.After(5 * time.Millisecond):
		}
	}
	t.Fatalf("nothing opened %s", f.path)
}

func (f *slowFile) feed(t *testing.T, data string) {
	t.Helper()
	if _, err := io.WriteString(f.w, data); err != nil {
		t.Fatal(err)
	}
	if err := f.w.Close(); err != nil {
		t.Fatal(err)
	}
}

const raceInventory = "Vendor,Model,Firmware,MAC,IP,Extension,Owner\nYealink,T46S,66.86.0.15,001565aabbcc,10.0.0.5,201,Sam Patel\n"

// raceCalls is a small Asterisk Master.csv: office-hours calls to a UK number.
func raceCalls() string {
	var b strings.Builder
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for i := range 5 {
		start := day.Add(time.Duration(i) * time.Hour)
		f := "2006-01-02 15:04:05"
		fmt.Fprintf(&b, "\"\",\"201\",\"01614960123\",\"from-internal\",\"\",\"PJSIP/201-0001\",\"PJSIP/trunk-0002\",\"Dial\",\"\",\"%s\",\"%s\",\"%s\",180,180,\"ANSWERED\",\"DOCUMENTATION\"\n",
			start.Format(f), start.Format(f), start.Add(3*time.Minute).Format(f))
	}
	return b.String()
}

// raceSetup makes a site with one audit made from answers alone.
func raceSetup(t *testing.T) (bin, dir string, store *sitestore.Store) {
	t.Helper()
	bin, dir = buildRingfence(t), t.TempDir()
	runCLI(t, bin, dir, "sites", "add", raceSite)
	runCLI(t, bin, dir, "audit", "--site", raceSite)
	store, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	return bin, dir, store
}

func latestAudit(t *testing.T, store *sitestore.Store) *checklist.Audit {
	t.Helper()
	a, err := store.LatestAudit(raceSite)
	if err != nil || a == nil {
		t.Fatalf("reading the latest audit: %v", err)
	}
	return a
}

// TestRaceCallRecordsAgainstAppAnswers: a call-record review from the command
// line and answers given in the app, while the app has the site open, must
// all be in the site's audit afterwards.
func TestRaceCallRecordsAgainstAppAnswers(t *testing.T) {
	bin, dir, store := raceSetup(t)
	app := startApp(t, dir)
	calls := newSlowFile(t, "Master.csv")
	cdr := startCLI(t, bin, dir, "cdr", calls.path, "--site", raceSite)
	calls.waitForReader(t, cdr) // cdr has read the site's audit and is scanning
	app.do(t, "answer EP-04 no")
	calls.feed(t, raceCalls())
	cdr.finish(t)
	app.do(t, "answer TF-03 yes")
	app.do(t, "quit")

	a := latestAudit(t, store)
	for id, want := range map[string]string{"EP-04": "no", "TF-03": "yes", "MON-02": "yes"} {
		if got := a.Answers[id].Value; got != want {
			t.Errorf("%s is %q in the saved audit, want %q: a change was lost", id, got, want)
		}
	}
}

// TestRaceConnectAgainstAppHours: business hours and answers given in the app
// and a connection made from the command line must all be saved.
func TestRaceConnectAgainstAppHours(t *testing.T) {
	bin, dir, store := raceSetup(t)
	app := startApp(t, dir)
	inv := newSlowFile(t, "phones.csv")
	conn := startCLI(t, bin, dir, "connect", "--site", raceSite, "--connector", "csv", "--file", inv.path)
	inv.waitForReader(t, conn) // connect has read site.json and is testing the connection
	app.do(t, "hours Mon-Sat 07:30-17:00")
	app.do(t, "answer EP-04 no")
	inv.feed(t, raceInventory)
	conn.finish(t)
	site, err := store.Site(raceSite)
	if err != nil {
		t.Fatal(err)
	}
	if site.Hours != "Mon-Sat 07:30-17:00" {
		t.Errorf("after connect, the hours set in the app are %q: connect erased them", site.Hours)
	}
	app.do(t, "hours Mon-Fri 09:00-17:00")
	app.do(t, "quit")
	if site, err = store.Site(raceSite); err != nil {
		t.Fatal(err)
	}
	if site.Connector.Kind != "csv" || site.Connector.File == "" {
		t.Errorf("after the app saved new hours, the connector is %+v: the app reverted connect", site.Connector)
	}
	if site.Hours != "Mon-Fri 09:00-17:00" {
		t.Errorf("hours are %q, want the ones set last in the app", site.Hours)
	}
	a := latestAudit(t, store)
	if a.Answers["EP-04"].Value != "no" || a.Hours != "Mon-Fri 09:00-17:00" {
		t.Errorf("the audit lost what the app saved: EP-04 %q, hours %q", a.Answers["EP-04"].Value, a.Hours)
	}
}

// TestRaceAuditAgainstAppAcceptance: a headless re-audit and risks accepted
// in the app before and after it must all be in the newest audit.
func TestRaceAuditAgainstAppAcceptance(t *testing.T) {
	bin, dir, store := raceSetup(t)
	app := startApp(t, dir)
	inv := newSlowFile(t, "phones.csv")
	audit := startCLI(t, bin, dir, "audit", "--site", raceSite, "--connector", "csv", "--file", inv.path)
	inv.waitForReader(t, audit) // the audit has read the last one and is reading the inventory
	app.do(t, "accept MFA-01")
	inv.feed(t, raceInventory)
	audit.finish(t)
	app.do(t, "accept NW-01")
	app.do(t, "quit")

	refs, err := store.Audits(raceSite)
	if err != nil || len(refs) != 2 {
		t.Fatalf("want the first audit and the re-audit, got %d (%v)", len(refs), err)
	}
	a := latestAudit(t, store)
	for _, id := range []string{"MFA-01", "NW-01"} {
		if a.Accepted[id].Owner == "" {
			t.Errorf("the risk accepted for %s in the app is not in the newest audit", id)
		}
	}
	if a.Inventory.Source.Connector != "csv" {
		t.Errorf("the newest audit is not the re-audit: source %q", a.Inventory.Source.Connector)
	}
}

// TestRaceConnectAgainstCallRecords: connect and cdr --site, each finishing
// while the other is part-way, must both leave their settings in site.json.
func TestRaceConnectAgainstCallRecords(t *testing.T) {
	bin, dir, store := raceSetup(t)
	callsFile := filepath.Join(t.TempDir(), "Master.csv")
	if err := os.WriteFile(callsFile, []byte(raceCalls()), 0o600); err != nil {
		t.Fatal(err)
	}

	// connect is testing the connection while cdr saves the site's hours.
	inv := newSlowFile(t, "phones.csv")
	conn := startCLI(t, bin, dir, "connect", "--site", raceSite, "--connector", "csv", "--file", inv.path)
	inv.waitForReader(t, conn)
	runCLI(t, bin, dir, "cdr", callsFile, "--site", raceSite, "--hours", "Mon-Sat 07:30-17:00")
	inv.feed(t, raceInventory)
	conn.finish(t)
	site, err := store.Site(raceSite)
	if err != nil {
		t.Fatal(err)
	}
	if site.Hours != "Mon-Sat 07:30-17:00" || site.Connector.File != inv.path {
		t.Errorf("connect racing cdr left hours %q and connector %+v", site.Hours, site.Connector)
	}

	// cdr is scanning while connect saves a new connector.
	calls := newSlowFile(t, "Master.csv")
	cdr := startCLI(t, bin, dir, "cdr", calls.path, "--site", raceSite, "--hours", "Mon-Fri 09:00-17:00")
	calls.waitForReader(t, cdr)
	other := filepath.Join(t.TempDir(), "phones2.csv")
	if err := os.WriteFile(other, []byte(raceInventory), 0o600); err != nil {
		t.Fatal(err)
	}
	runCLI(t, bin, dir, "connect", "--site", raceSite, "--connector", "csv", "--file", other)
	calls.feed(t, raceCalls())
	cdr.finish(t)
	if site, err = store.Site(raceSite); err != nil {
		t.Fatal(err)
	}
	if site.Hours != "Mon-Fri 09:00-17:00" || site.Connector.File != other {
		t.Errorf("cdr racing connect left hours %q and connector %+v", site.Hours, site.Connector)
	}
	if got := latestAudit(t, store).Answers["MON-02"].Value; got != "yes" {
		t.Errorf("the call-record review is %q in the audit", got)
	}
}

// TestRaceSitesAddWithNamesThatDifferInCase starts two 'sites add' at once,
// for names that share a folder, several times over: exactly one may be told
// its site was added, and that must be the name saved.
func TestRaceSitesAddWithNamesThatDifferInCase(t *testing.T) {
	bin := buildRingfence(t)
	names := []string{"Acme Plumbing", "ACME plumbing"}
	for round := range 8 {
		dir := t.TempDir()
		var runs []*cliRun
		for _, name := range names {
			runs = append(runs, startCLI(t, bin, dir, "sites", "add", name))
		}
		var added []string
		for i, r := range runs {
			err := <-r.done
			switch {
			case err == nil && strings.Contains(r.stdout.String(), "Added site"):
				added = append(added, names[i])
			case err != nil && strings.Contains(r.stderr.String(), "already exists"):
			default:
				t.Fatalf("round %d, %q: %v\n%s%s", round, names[i], err, r.stdout.String(), r.stderr.String())
			}
		}
		if len(added) != 1 {
			t.Fatalf("round %d: %d commands said they added the site (%q); one was lost", round, len(added), added)
		}
		store, err := sitestore.OpenStore(dir)
		if err != nil {
			t.Fatal(err)
		}
		if site, err := store.Site(added[0]); err != nil || site.Name != added[0] {
			t.Fatalf("round %d: %q was added but the saved site is %q (%v)", round, added[0], site.Name, err)
		}
	}
}
