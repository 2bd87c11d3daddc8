package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors/secrets"
)

// Flags may come before or after a command's arguments, as in most tools.
func TestFlagsAnywhere(t *testing.T) {
	dir := t.TempDir()
	if r := ringfence(t, dir, "sites", "add", "--contact", "bob", "Acme"); r.code != exitOK {
		t.Fatalf("sites add with the flag first: %+v", r)
	}
	if r := ringfence(t, dir, "audit", "--site", "Acme"); r.code != exitOK {
		t.Fatalf("audit: %+v", r)
	}
	calls := writeMasterCSV(t, dir, false)
	if r := ringfence(t, dir, "cdr", "--site", "Acme", calls); r.code != exitOK || !strings.Contains(r.stdout, "Recorded against the audit of Acme") {
		t.Errorf("cdr with the flag first: %+v", r)
	}
	// --data-dir belongs to every command, wherever it is given.
	other := t.TempDir()
	if r := ringfence(t, dir, "--data-dir", other, "sites", "add", "Elsewhere"); r.code != exitOK {
		t.Fatalf("--data-dir before the command: %+v", r)
	}
	if r := ringfence(t, dir, "sites", "--data-dir", other); !strings.Contains(r.stdout, "Elsewhere") || strings.Contains(r.stdout, "Acme") {
		t.Errorf("sites --data-dir should list the other folder: %+v", r)
	}
}

// Each command's help is printed once.
func TestHelpPrintedOnce(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"audit", "--help"}, {"cdr", "--help"}, {"sites", "add", "--help"}, {"help", "connect"}} {
		r := ringfence(t, dir, args...)
		if r.code != exitOK {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		first := strings.SplitN(strings.TrimSpace(r.stdout), "\n", 2)[0]
		if first == "" || strings.Count(r.stdout, first) != 1 {
			t.Errorf("%v: help should be printed once, got:\n%s", args, r.stdout)
		}
	}
}

// A mistyped command gets a suggestion and a short message, not the whole help.
func TestTypoGetsASuggestion(t *testing.T) {
	r := ringfence(t, t.TempDir(), "audti", "--demo")
	if r.code != exitUsage {
		t.Errorf("exit %d, want %d", r.code, exitUsage)
	}
	if !strings.Contains(r.stderr, "audit") || strings.Count(strings.TrimSpace(r.stderr), "\n") > 4 || strings.Contains(r.stderr, "leavers") {
		t.Errorf("want a short message suggesting audit, got %q", r.stderr)
	}
	r = ringfence(t, t.TempDir(), "audit", "--dmeo")
	if r.code != exitUsage || !strings.Contains(r.stderr, "Did you mean --demo?") {
		t.Errorf("a mistyped flag: %+v", r)
	}
}

func TestCompletionOffersSavedSites(t *testing.T) {
	dir := t.TempDir()
	ringfence(t, dir, "sites", "add", "Harbour Lane Dental")
	r := ringfence(t, dir, "__complete", "audit", "--site", "Har")
	if r.code != exitOK || !strings.Contains(r.stdout, "Harbour Lane Dental") {
		t.Errorf("site names should complete: %+v", r)
	}
	for _, args := range [][]string{{"sites", "delete", ""}, {"sites", "rename", "h"}, {"--data-dir", dir, "forget", "--site", ""}} {
		if r := ringfence(t, dir, append([]string{"__complete"}, args...)...); !strings.Contains(r.stdout, "Harbour Lane Dental") {
			t.Errorf("%v should complete site names: %+v", args, r)
		}
	}
	if r := ringfence(t, dir, "__complete", "sites", "rename", "Harbour Lane Dental", ""); strings.Contains(r.stdout, "Harbour") {
		t.Errorf("a new name is not completed with saved ones: %q", r.stdout)
	}
	r = ringfence(t, dir, "__complete", "connect", "--connector", "")
	if !strings.Contains(r.stdout, "3cx") || !strings.Contains(r.stdout, "csv") {
		t.Errorf("connector kinds should complete: %+v", r)
	}
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		if r := ringfence(t, dir, "completion", shell); r.code != exitOK || !strings.Contains(r.stdout, "ringfence") {
			t.Errorf("completion %s: exit %d, %d bytes", shell, r.code, len(r.stdout))
		}
	}
	// The scripts pass through the output filter unchanged: nothing in them
	// is a control character.
	var want bytes.Buffer
	if err := newRoot(&app{}).GenBashCompletionV2(&want, true); err != nil {
		t.Fatal(err)
	}
	if r := ringfence(t, dir, "completion", "bash"); r.stdout != want.String() {
		t.Errorf("the bash script was changed on the way out (%d bytes, want %d)", len(r.stdout), want.Len())
	}
}

// A typo in a site's name must not quietly make a new site.
func TestConnectRefusesAMissingSite(t *testing.T) {
	dir := t.TempDir()
	ringfence(t, dir, "sites", "add", "Harbour Lane Dental")
	inv := writeFile(t, dir, "phones.csv", "Extension;Owner;Vendor;Model;Firmware;MAC\n201;Zoë;Yealink;SIP-T46S;66.86.0.15;80:5E:C0:11:22:33\n")
	r := ringfence(t, dir, "connect", "--site", "Harbour Lane Dentl", "--connector", "csv", "--file", inv)
	if r.code != exitUsage || !strings.Contains(r.stderr, "Harbour Lane Dental") || !strings.Contains(r.stderr, "sites add") {
		t.Errorf("want a refusal naming the close site and how to add one: %+v", r)
	}
	if r := ringfence(t, dir, "sites"); strings.Contains(r.stdout, "Dentl") {
		t.Errorf("the mistyped site was created:\n%s", r.stdout)
	}
	for _, args := range [][]string{{"audit", "--site", "harbour lane dentl"}, {"cdr", inv, "--site", "Harbour Lane"}, {"forget", "--site", "Harbor Lane Dental"}} {
		if r := ringfence(t, dir, args...); r.code == exitOK || !strings.Contains(r.stderr, `Did you mean "Harbour Lane Dental"?`) {
			t.Errorf("%v should suggest the saved name: %+v", args, r)
		}
	}
	if r := ringfence(t, dir, "connect", "--site", "New Site", "--create", "--connector", "csv", "--file", inv); r.code != exitOK {
		t.Errorf("--create should add the site: %+v", r)
	}
}

func TestCDRFailOn(t *testing.T) {
	dir := t.TempDir()
	fraud := writeMasterCSV(t, dir, true)
	if r := ringfence(t, dir, "cdr", fraud, "--fail-on", "high"); r.code != exitFindings || !strings.Contains(r.stdout, "Possible fraud") {
		t.Errorf("fraud at high or above: exit %d, want %d (%s)", r.code, exitFindings, r.stderr)
	}
	clean := writeMasterCSV(t, t.TempDir(), false)
	if r := ringfence(t, dir, "cdr", clean, "--fail-on", "low"); r.code != exitOK {
		t.Errorf("clean file: exit %d (%s)", r.code, r.stderr)
	}
	if r := ringfence(t, dir, "cdr", clean, "--fail-on", "severe"); r.code != exitUsage || !strings.Contains(r.stderr, "--fail-on") {
		t.Errorf("bad severity: %+v", r)
	}
}

func TestSitesRenameAndDelete(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ringfence-test-bus")
	keyring.MockInit()
	dir := t.TempDir()
	ringfence(t, dir, "sites", "add", "Acme")
	ringfence(t, dir, "sites", "add", "Bravo")
	ringfence(t, dir, "audit", "--site", "Acme")
	if r := ringfence(t, dir, "sites", "rename", "Acme", "bravo"); r.code != exitError || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("renaming onto another site's name: %+v", r)
	}
	if r := ringfence(t, dir, "sites", "rename", "Acme", "Acme Ltd"); r.code != exitOK {
		t.Fatalf("rename: %+v", r)
	}
	r := ringfence(t, dir, "sites", "--json")
	if !strings.Contains(r.stdout, `"Acme Ltd"`) || strings.Contains(r.stdout, `"Acme"`) {
		t.Errorf("after the rename: %s", r.stdout)
	}
	if r := ringfence(t, dir, "audit", "--site", "Acme Ltd"); r.code != exitOK || !strings.Contains(r.stdout, "Since the last audit") && !strings.Contains(r.stdout, "score") {
		t.Logf("audit after rename: %+v", r)
	}

	if err := osKeyring.Set("Bravo", "3cx", "s3cret-value"); err != nil {
		t.Fatal(err)
	}
	if r := ringfence(t, dir, "sites", "delete", "Bravo"); r.code != exitUsage || !strings.Contains(r.stderr, "--yes") {
		t.Errorf("delete without a terminal needs --yes: %+v", r)
	}
	if r := ringfence(t, dir, "sites", "delete", "Bravo", "--yes"); r.code != exitOK {
		t.Fatalf("delete: %+v", r)
	}
	if _, err := osKeyring.Get("Bravo", "3cx"); err == nil {
		t.Error("the deleted site's secret is still in the keyring")
	}
	if _, err := os.Stat(filepath.Join(dir, "sites", "bravo")); !os.IsNotExist(err) {
		t.Errorf("the site's folder is still there: %v", err)
	}
	if r := ringfence(t, dir, "sites"); strings.Contains(r.stdout, "Bravo") {
		t.Errorf("deleted site still listed:\n%s", r.stdout)
	}
}

// ringfenceAtTerminal runs the command line as if a person were at a terminal
// typing input.
func ringfenceAtTerminal(t *testing.T, dataDir, input string, args ...string) result {
	t.Helper()
	t.Setenv("RINGFENCE_HOME", dataDir)
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, env{
		stdout: &out, stderr: &errOut,
		now:         func() time.Time { return fixedNow },
		getenv:      os.Getenv,
		interactive: func() bool { return true },
		stdin:       strings.NewReader(input),
	})
	return result{code, out.String(), errOut.String()}
}

func TestSitesDeleteAsksAtATerminal(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ringfence-test-bus")
	keyring.MockInit()
	dir := t.TempDir()
	ringfence(t, dir, "sites", "add", "Acme")
	for _, answer := range []string{"", "no\n", "n\n", "Acme\n"} {
		r := ringfenceAtTerminal(t, dir, answer, "sites", "delete", "Acme")
		if r.code != exitOK || !strings.Contains(r.stderr, "cannot be undone") || !strings.Contains(r.stdout, "Nothing was deleted") {
			t.Errorf("answer %q: %+v", answer, r)
		}
	}
	if r := ringfence(t, dir, "sites"); !strings.Contains(r.stdout, "Acme") {
		t.Fatalf("a refused deletion removed the site:\n%s", r.stdout)
	}
	if r := ringfenceAtTerminal(t, dir, "yes\n", "sites", "delete", "Acme"); r.code != exitOK || !strings.Contains(r.stdout, "Deleted") {
		t.Errorf("answer yes: %+v", r)
	}
	if r := ringfence(t, dir, "sites"); strings.Contains(r.stdout, "Acme") {
		t.Errorf("still listed after yes:\n%s", r.stdout)
	}
}

func TestSitesRenameMovesSecrets(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ringfence-test-bus")
	keyring.MockInit()
	dir := t.TempDir()
	ringfence(t, dir, "sites", "add", "Acme")
	if err := osKeyring.Set("Acme", "3cx", "s3cret-value"); err != nil {
		t.Fatal(err)
	}
	r := ringfence(t, dir, "sites", "rename", "Acme", "Acme Holdings")
	if r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	if got, err := osKeyring.Get("Acme Holdings", "3cx"); err != nil || got != "s3cret-value" {
		t.Errorf("the secret should move to the new name: %v", err)
	}
	if _, err := osKeyring.Get("Acme", "3cx"); err == nil {
		t.Error("the secret is still held under the old name")
	}
	if strings.Contains(r.stdout+r.stderr, "s3cret") {
		t.Error("the secret was printed")
	}
	if r := ringfence(t, dir, "sites", "rename", "Acme", "Other"); r.code != exitError || !strings.Contains(r.stderr, "Acme Holdings") {
		t.Errorf("renaming a site that is gone should suggest the near name: %+v", r)
	}
}

func TestManPage(t *testing.T) {
	r := ringfence(t, t.TempDir(), "man")
	if r.code != exitOK || !strings.Contains(r.stdout, ".TH RINGFENCE 1") || !strings.Contains(r.stdout, "fail-on") {
		t.Errorf("man: exit %d, %d bytes: %.200s", r.code, len(r.stdout), r.stdout)
	}
}

// On a computer with no keyring (a server, SSH, WSL) there is nothing to
// remove from one, so deleting a site still succeeds.
func TestSitesDeleteWithoutAKeyring(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	keyring.MockInitWithError(secrets.ErrUnavailable)
	dir := t.TempDir()
	ringfence(t, dir, "sites", "add", "Acme")
	if r := ringfence(t, dir, "sites", "delete", "Acme", "--yes"); r.code != exitOK || !strings.Contains(r.stdout, "Deleted") {
		t.Errorf("%+v", r)
	}
}

// Adding a site is exclusive: --create on a name already saved (in any case
// or spelling that shares its folder) is refused, naming the saved site and
// leaving it as it was; without --create the same command reconnects it.
func TestConnectCreateRefusesATakenName(t *testing.T) {
	dir := t.TempDir()
	old := writeFile(t, dir, "old.csv", "Extension;Owner;Vendor;Model;Firmware;MAC\n201;Zoë;Yealink;SIP-T46S;66.86.0.15;80:5E:C0:11:22:33\n")
	inv := writeFile(t, dir, "new.csv", "Extension;Owner;Vendor;Model;Firmware;MAC\n202;Sam;Yealink;SIP-T46S;66.86.0.15;80:5E:C0:11:22:34\n")
	if r := ringfence(t, dir, "connect", "--site", "Harbour Lane Dental", "--create", "--connector", "csv", "--file", old); r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	for _, name := range []string{"Harbour Lane Dental", "harbour lane dental", "Harbour-Lane Dental"} {
		r := ringfence(t, dir, "connect", "--site", name, "--create", "--connector", "csv", "--file", inv)
		if r.code == exitOK || !strings.Contains(r.stderr, `"Harbour Lane Dental"`) || !strings.Contains(r.stderr, "without --create") {
			t.Errorf("--create on %q should be refused, naming the saved site and how to reconnect it: %+v", name, r)
		}
	}
	store, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s, err := store.Site("Harbour Lane Dental"); err != nil || s.Connector.File != old {
		t.Fatalf("the saved site must be left as it was: %+v %v", s, err)
	}
	if r := ringfence(t, dir, "connect", "--site", "harbour lane dental", "--connector", "csv", "--file", inv); r.code != exitOK {
		t.Fatalf("reconnecting should work: %+v", r)
	}
	if s, err := store.Site("Harbour Lane Dental"); err != nil || s.Connector.File != inv {
		t.Errorf("reconnecting should change the saved file: %+v %v", s, err)
	}
}
