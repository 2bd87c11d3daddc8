package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/zalando/go-keyring"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
	"github.com/ringfence/ringfence/connectors/secrets"
	"github.com/ringfence/ringfence/export"
)

// printedError is the message run() printed after "ringfence: ", without the
// usage hint that follows a usage error.
func printedError(t *testing.T, r result) string {
	t.Helper()
	msg, ok := strings.CutPrefix(r.stderr, "ringfence: ")
	if !ok {
		t.Fatalf("no error printed: %+v", r)
	}
	msg, _, _ = strings.Cut(msg, "Run 'ringfence --help' for usage.")
	return strings.TrimSpace(msg)
}

// checkSentences holds a printed error to the one style: sentences for people,
// with no formatting slips and no chain of colons.
func checkSentences(t *testing.T, msg string) {
	t.Helper()
	first := []rune(msg)[0]
	if !unicode.IsUpper(first) {
		t.Errorf("does not start with a capital letter: %q", msg)
	}
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") {
		t.Errorf("does not end with a full stop or question mark: %q", msg)
	}
	for _, bad := range []string{"%!", ": :", ".:", "..", ": Could", ":  "} {
		if strings.Contains(msg, bad) {
			t.Errorf("holds %q: %q", bad, msg)
		}
	}
	if strings.Count(msg, ": ") > 1 {
		t.Errorf("reads as a chain of colons, not sentences: %q", msg)
	}
}

// Every error the command line prints follows the one style, names what is
// wrong and exits with the right code.
func TestErrorsAreSentences(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	t.Setenv(secrets.EnvVar, "")
	keyring.MockInitWithError(secrets.ErrUnavailable)
	dir := t.TempDir()
	if r := ringfence(t, dir, "sites", "add", "Harbour Lane Dental"); r.code != exitOK {
		t.Fatalf("%+v", r)
	}
	ringfence(t, dir, "sites", "add", "Acme")
	store, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateSite(checklist.Site{Schema: checklist.SiteSchema, Name: "Phones", Created: fixedNow,
		Connector: checklist.ConnectorSettings{Kind: "3cx", URL: "https://127.0.0.1:1", ClientID: "ringfence"}}); err != nil {
		t.Fatal(err)
	}
	claim, err := store.Claim("Acme")
	if err != nil {
		t.Fatal(err)
	}
	defer claim.Release()
	inv := writeFile(t, dir, "phones.csv", "Extension;Owner;Vendor;Model;Firmware;MAC\n201;Zoë;Yealink;SIP-T46S;66.86.0.15;80:5E:C0:11:22:33\n")
	missingAnswers := filepath.Join(dir, "nowhere", "answers.yaml")

	cases := []struct {
		name  string
		args  []string
		code  int
		names []string
	}{
		{"bad flag", []string{"audit", "--dmeo"}, exitUsage, []string{"--dmeo", "--demo"}},
		{"unknown command", []string{"audti"}, exitUsage, []string{"audti", "audit"}},
		{"stray argument", []string{"checks", "extra"}, exitUsage, []string{"extra"}},
		{"missing site", []string{"audit", "--site", "Nowhere Near"}, exitError, []string{"Nowhere Near"}},
		{"typo'd site", []string{"audit", "--site", "Harbour Lane Dentl"}, exitError, []string{`Did you mean "Harbour Lane Dental"?`}},
		{"typo'd site on connect", []string{"connect", "--site", "Harbour Lane Dentl", "--connector", "csv", "--file", inv}, exitUsage, []string{`"Harbour Lane Dental"`, "--create"}},
		{"neither demo nor site", []string{"audit"}, exitUsage, []string{"--demo", "--site"}},
		{"demo with connector", []string{"audit", "--demo", "--connector", "csv", "--file", inv}, exitUsage, []string{"--connector"}},
		{"csv without file", []string{"audit", "--site", "Acme", "--connector", "csv"}, exitUsage, []string{"--file"}},
		{"bad paper", []string{"audit", "--demo", "--pdf", filepath.Join(dir, "p.pdf"), "--paper", "a5"}, exitUsage, []string{"--paper", "a5"}},
		{"logo without pdf", []string{"audit", "--demo", "--logo", "logo.png"}, exitUsage, []string{"--logo", "--pdf"}},
		{"bad fail-on", []string{"audit", "--demo", "--fail-on", "huge"}, exitUsage, []string{"--fail-on"}},
		{"unreadable answers", []string{"audit", "--demo", "--answers", missingAnswers}, exitError, []string{missingAnswers}},
		{"missing hr", []string{"leavers", "--demo"}, exitUsage, []string{"--hr"}},
		{"unreadable hr", []string{"leavers", "--demo", "--hr", filepath.Join(dir, "nowhere", "staff.csv")}, exitError, []string{filepath.Join(dir, "nowhere", "staff.csv")}},
		{"unreadable call records", []string{"cdr", filepath.Join(dir, "nowhere", "calls.csv"), "--demo"}, exitError, []string{filepath.Join(dir, "nowhere", "calls.csv")}},
		{"connect with no keyring and no terminal", []string{"connect", "--site", "Switchboard", "--create", "--connector", "3cx", "--url", "https://127.0.0.1:1", "--client-id", "ringfence"}, exitError, []string{"3cx", secrets.EnvVar}},
		{"leavers on a site with no audit", []string{"leavers", "--site", "Harbour Lane Dental", "--hr", inv}, exitError, []string{"Harbour Lane Dental", "ringfence audit"}},
		{"cdr with both", []string{"cdr", inv, "--demo", "--site", "Acme"}, exitUsage, []string{"--demo", "--site"}},
		{"connect without site", []string{"connect"}, exitUsage, []string{"--site"}},
		{"connect without connector", []string{"connect", "--site", "Acme"}, exitUsage, []string{"--connector"}},
		{"bad option", []string{"connect", "--site", "Acme", "--connector", "csv", "--file", inv, "--option", "novalue"}, exitUsage, []string{"--option", "novalue"}},
		{"bad fingerprint", []string{"connect", "--site", "Acme", "--connector", "csv", "--file", inv, "--trust-fingerprint", "abc"}, exitUsage, []string{"--trust-fingerprint"}},
		{"forget without site", []string{"forget"}, exitUsage, []string{"--site"}},
		{"sites add without a name", []string{"sites", "add"}, exitUsage, []string{"name"}},
		{"delete without yes", []string{"sites", "delete", "Harbour Lane Dental"}, exitUsage, []string{"Harbour Lane Dental", "--yes"}},
		{"site open in another window", []string{"sites", "delete", "Acme", "--yes"}, exitError, []string{"Acme"}},
		{"no keyring and no secret", []string{"audit", "--site", "Phones"}, exitError, []string{"Phones", secrets.EnvVar}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ringfence(t, dir, c.args...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d: %+v", r.code, c.code, r)
			}
			msg := printedError(t, r)
			checkSentences(t, msg)
			for _, want := range c.names {
				if !strings.Contains(msg, want) {
					t.Errorf("does not name %q: %q", want, msg)
				}
			}
			if usage := strings.Contains(r.stderr, "Run 'ringfence --help' for usage."); usage != (c.code == exitUsage) {
				t.Errorf("usage hint shown %v for exit %d: %q", usage, c.code, r.stderr)
			}
		})
	}
}

// The sentences wrap the errors underneath, so code can still tell them apart.
func TestErrorsKeepWhatTheyWrap(t *testing.T) {
	t.Setenv(secrets.EnvVar, "")
	keyring.MockInitWithError(secrets.ErrUnavailable)
	dir := t.TempDir()
	store, err := sitestore.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateSite(checklist.Site{Schema: checklist.SiteSchema, Name: "Harbour Lane Dental", Created: fixedNow}); err != nil {
		t.Fatal(err)
	}
	e := env{stdout: io.Discard, stderr: io.Discard, now: func() time.Time { return fixedNow }, getenv: func(n string) string {
		if n == "RINGFENCE_HOME" {
			return dir
		}
		return ""
	}, stdin: strings.NewReader("")}

	_, _, err = siteOrNew(store, "Harbour Lane Dentl", "", false, e)
	wantSentence(t, err)
	if !errors.Is(err, sitestore.ErrNoSite) || !isUsageError(err) {
		t.Errorf("a missing site on connect lost ErrNoSite or its usage mark: %v", err)
	}

	_, err = loadSubject(context.Background(), checklist.Builtin(), false, "Nowhere", "", fixedNow, e.getenv)
	wantSentence(t, err)
	if !errors.Is(err, sitestore.ErrNoSite) {
		t.Errorf("leavers on a missing site lost ErrNoSite: %v", err)
	}

	phones := checklist.Site{Schema: checklist.SiteSchema, Name: "Phones", Connector: checklist.ConnectorSettings{Kind: "3cx", URL: "https://127.0.0.1:1", ClientID: "ringfence"}}
	_, err = siteSource(phones, e)
	wantSentence(t, err)
	var need *connectors.NeedSecretError
	if !errors.As(err, &need) {
		t.Errorf("a missing secret lost its NeedSecretError: %v", err)
	}

	untrusted := &httpx.UntrustedCertError{Host: "pbx.example", SHA256: strings.Repeat("ab", 32)}
	err = explainConnectError(untrusted, builtin.Sorted()[0])
	wantSentence(t, err)
	if !errors.As(err, new(*httpx.UntrustedCertError)) || !strings.Contains(err.Error(), "--trust-fingerprint") {
		t.Errorf("an untrusted certificate lost its type or its next step: %v", err)
	}

	_, err = confirm(env{stderr: io.Discard, stdin: failingReader{}}, "Delete? ")
	wantSentence(t, err)
	if !errors.Is(err, errBrokenInput) {
		t.Errorf("a failed answer lost its cause: %v", err)
	}

	_, perr := export.ParsePaper("a5")
	err = exportFlagError(&export.RequestError{Field: "paper", Err: perr})
	wantSentence(t, err)
	if !isUsageError(err) || !strings.Contains(err.Error(), "--paper") {
		t.Errorf("a bad --paper is not a usage error naming the flag: %v", err)
	}

	_, err = checklist.LoadAnswersFile(filepath.Join(dir, "missing.yaml"), checklist.Builtin())
	if err == nil {
		t.Fatal("a missing answers file was accepted")
	}
	err = fileError("the answers file", "missing.yaml", err)
	wantSentence(t, err)
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("a missing answers file lost os.ErrNotExist or its name: %v", err)
	}

	err = usageWrap("--fail-on", errBrokenInput)
	wantSentence(t, err)
	if !errors.Is(err, errBrokenInput) || !strings.Contains(err.Error(), "--fail-on") {
		t.Errorf("a flag's error lost its cause or its name: %v", err)
	}
}

func wantSentence(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	checkSentences(t, errorText(err))
}

var errBrokenInput = errors.New("input/output error")

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errBrokenInput }

// Joining sentences must not change a name quoted in the message.
func TestErrorTextLeavesQuotedNamesAlone(t *testing.T) {
	err := fmt.Errorf("could not save the site %q: Ringfence ran out of space", `Acme: Main "Office"`)
	got := errorText(err)
	want := `Could not save the site "Acme: Main \"Office\"". Ringfence ran out of space.`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
