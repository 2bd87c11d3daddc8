package tui

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors/all"
	"github.com/ringfence/ringfence/connectors/secrets"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ringfence/ringfence/checklist"
)

// fixedNow is the clock every test runs on, so views and files are stable.
var fixedNow = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// putAudit saves a as a new audit of its site.
func putAudit(t testing.TB, store *sitestore.Store, a *checklist.Audit) error {
	t.Helper()
	_, err := store.StartAudit(a.Site, func(checklist.Site, *checklist.Audit) (*checklist.Audit, error) { return a, nil })
	return err
}

type harness struct {
	t     testing.TB
	app   *app
	store *sitestore.Store
	quit  bool
	// cmdDeadline is how long one command may run before the test fails;
	// zero means defaultCmdDeadline.
	cmdDeadline time.Duration
}

// defaultCmdDeadline guards against a command that never returns. It is not
// a speed check: every command here finishes in far less.
const defaultCmdDeadline = 10 * time.Second

// testKinds is the built-in connectors plus the fakes the tests connect to.
var testKinds = append(all.Kinds(), fakeKind, certKind, orderKind)

func newHarness(t testing.TB, demo bool, w, h int) *harness {
	t.Helper()
	store, err := sitestore.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return newHarnessWithStore(t, store, demo, w, h)
}

func newHarnessWithStore(t testing.TB, store *sitestore.Store, demo bool, w, h int) *harness {
	opts := Options{Store: store, Connectors: testKinds, Secrets: noKeyring{}, Catalogue: checklist.Builtin(), Now: func() time.Time { return fixedNow }, StartDemo: demo}
	hs := &harness{t: t, app: newApp(t.Context(), opts, false), store: store}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(hs.app.Init())
	t.Cleanup(func() { hs.app.sh.sess.close() })
	return hs
}

func (h *harness) send(msg tea.Msg) {
	_, cmd := h.app.Update(msg)
	h.run(cmd)
}

// run executes a command and everything it leads to, the way the program
// would. Timers that only animate (spinners, cursor blinks) are dropped so
// the loop ends.
func (h *harness) run(cmd tea.Cmd) {
	for steps := 0; cmd != nil && steps < 200; steps++ {
		msg := h.exec(cmd)
		cmd = nil
		switch m := msg.(type) {
		case nil:
		case tea.QuitMsg:
			h.quit = true
		case tea.BatchMsg:
			for _, c := range m {
				h.run(c)
			}
		case spinner.TickMsg:
		default:
			if strings.Contains(strings.ToLower(fmt.Sprintf("%T", msg)), "blink") {
				continue
			}
			if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
				for i := range v.Len() { // tea.Sequence: in order
					h.run(v.Index(i).Interface().(tea.Cmd))
				}
				continue
			}
			_, cmd = h.app.Update(msg)
		}
	}
}

// exec runs one command. Timers (cursor blinks, spinner frames) only
// animate, so they are skipped rather than waited for.
func (h *harness) exec(cmd tea.Cmd) tea.Msg {
	if isTimer(cmd) {
		return nil
	}
	deadline := h.cmdDeadline
	if deadline == 0 {
		deadline = defaultCmdDeadline
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	timer := time.NewTimer(deadline)
	defer timer.Stop()
	select {
	case msg := <-done:
		return msg
	case <-timer.C:
		h.t.Helper()
		h.t.Fatalf("the command %s did not return within %s", cmdName(cmd), deadline)
		return nil
	}
}

func cmdName(cmd tea.Cmd) string {
	return runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name()
}

// press sends keys by name: "enter", "down", "esc", "ctrl+c", or a letter.
func (h *harness) press(keys ...string) {
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

// typeText sends each character as a key press.
func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen returns the view with escapes stripped, as a user would read it.
func (h *harness) screen() string { return ansi.Strip(h.app.render()) }

func (h *harness) top() screen { return h.app.top() }

func (h *harness) mustSee(want string) {
	h.t.Helper()
	if s := h.screen(); !strings.Contains(s, want) {
		h.t.Fatalf("screen does not show %q:\n%s", want, s)
	}
}

func tea_WindowSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

func isTimer(cmd tea.Cmd) bool {
	name := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name()
	return strings.HasPrefix(name, "charm.land/bubbletea/v2.Tick") || strings.Contains(name, "/cursor.")
}

// noKeyring is a computer with no keyring, the way the tests run headless:
// the app's tests never read or write the keyring of the machine they run on.
type noKeyring struct{}

func (noKeyring) Get(string, string) (string, error) { return "", secrets.ErrUnavailable }

func (noKeyring) Set(string, string, string) error { return secrets.ErrUnavailable }

func (noKeyring) Delete(string, string) error { return secrets.ErrUnavailable }

func (noKeyring) FromEnv() (string, bool) { return "", false }

// fakeKeyring is a keyring of the test's own, with RINGFENCE_SECRET read from
// env rather than the process.
type fakeKeyring struct {
	mu     sync.Mutex
	stored map[string]string
	env    string
}

func (k *fakeKeyring) Get(site, connector string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if s, ok := k.stored[site+"/"+connector]; ok {
		return s, nil
	}
	return "", secrets.ErrNotFound
}

func (k *fakeKeyring) Set(site, connector, secret string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.stored == nil {
		k.stored = map[string]string{}
	}
	k.stored[site+"/"+connector] = secret
	return nil
}

func (k *fakeKeyring) Delete(site, connector string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.stored, site+"/"+connector)
	return nil
}

func (k *fakeKeyring) FromEnv() (string, bool) { return k.env, k.env != "" }
