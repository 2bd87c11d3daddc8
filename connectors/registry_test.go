package connectors

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors/secrets"
)

func TestRegistryListsPhoneSystemsFirstByTitle(t *testing.T) {
	reg := Registry{
		{Name: "csv", Title: "Spreadsheet", Settings: []Setting{{Key: KeyFile}}},
		{Name: "yeastar", Title: "Yeastar", Settings: []Setting{{Key: KeyURL}}},
		{Name: "3cx", Title: "3CX", Settings: []Setting{{Key: KeyURL}}},
	}
	if names := reg.Names(); !slices.Equal(names, []string{"3cx", "yeastar", "csv"}) {
		t.Errorf("order %v", names)
	}
	if _, ok := reg.Lookup("yeastar"); !ok {
		t.Error("Lookup should find a listed kind")
	}
	if _, ok := reg.Lookup("asterisk"); ok {
		t.Error("Lookup found a kind that is not listed")
	}
}

var testKind = Kind{Name: "3cx", Settings: []Setting{
	{Key: KeyURL, Label: "Address", Type: Address, Required: true},
	{Key: KeySecret, Label: "Secret", Type: Secret, Required: true},
	OptionCalls, OptionPageSize, OptionCallDays,
}}

func TestCheckOptionsRefusesUnknownAndSecretKeys(t *testing.T) {
	if err := testKind.CheckOptions(map[string]string{"calls": "yes", "page_size": "50"}); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"pwd": "keyring", "pass": "keyring", "key": "keyring", "API_Token": "keyring", "secret": "keyring", "colour": "has no option", "url": "has no option"} {
		err := testKind.CheckOptions(map[string]string{"calls": "yes", key: "s3cret"})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "page_size (") || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: %v", key, err)
		}
	}
}

// Every number is accepted exactly when it is within the setting's range, and
// a refusal names the option without repeating the value.
func TestNumberOptionsAreCheckedAgainstTheirRange(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := r.IntN(2*MaxCallDays+20) - 10
		v := strconv.Itoa(n)
		err := testKind.CheckOptions(map[string]string{"calls_days": v})
		inRange := n >= 1 && n <= MaxCallDays
		if (err == nil) != inRange {
			t.Fatalf("calls_days=%d: %v", n, err)
		}
		if err != nil && (!strings.Contains(err.Error(), "calls_days") || strings.Contains(err.Error(), "="+v)) {
			t.Fatalf("calls_days=%d: %v", n, err)
		}
	}
	for _, bad := range []string{"ninety", "1.5", "9999999999999999999999", "0x10"} {
		if err := testKind.CheckOptions(map[string]string{"calls_days": bad}); err == nil {
			t.Errorf("calls_days=%q was accepted", bad)
		}
	}
	if err := testKind.CheckOptions(map[string]string{"calls": "maybe"}); err == nil || !strings.Contains(err.Error(), "yes or no") {
		t.Errorf("calls=maybe: %v", err)
	}
}

func TestFetchOptionsReadTheSchema(t *testing.T) {
	k := Kind{Name: "freepbx", Settings: []Setting{OptionCalls, OptionConcurrency, OptionPageSize, OptionCallLimit}}
	o, err := k.FetchOptions(map[string]string{"calls": "Yes", "concurrency": "500", "page_size": "50"})
	if err != nil || !o.Calls || o.Concurrency != 32 || o.PageSize != 50 {
		t.Errorf("got %+v, %v", o, err)
	}
	for _, bad := range []map[string]string{{"calls": "maybe"}, {"call_limit": "0"}, {"page_size": "ten"}, {"other": "x"}, {"calls_days": "30"}} {
		if _, err := k.FetchOptions(bad); err == nil {
			t.Errorf("%v should be refused", bad)
		}
	}
	o = FetchOptions{PageSize: 7}.WithDefaults(FetchOptions{CallLimit: 1, Concurrency: 2, PageSize: 3})
	if o != (FetchOptions{CallLimit: 1, Concurrency: 2, PageSize: 7}) {
		t.Errorf("defaults: %+v", o)
	}
}

func TestFormValuesKeepTheSecretOutOfTheSiteRecord(t *testing.T) {
	c, secret := testKind.FromValues(map[string]string{KeyURL: " https://pbx.example ", KeySecret: "s3cret", "calls": "yes", "page_size": "", "colour": "red"})
	if secret != "s3cret" || c.URL != "https://pbx.example" || c.Kind != "3cx" {
		t.Fatalf("%+v %q", c, secret)
	}
	if fmt.Sprint(c.Options) != "map[calls:yes]" || strings.Contains(fmt.Sprintf("%+v", c), "s3cret") {
		t.Fatalf("options %v", c.Options)
	}
	if err := testKind.Check(c); err != nil {
		t.Fatal(err)
	}
	c.URL = "pbx.example"
	if err := testKind.Check(c); err == nil || !strings.Contains(err.Error(), "web address") {
		t.Fatalf("an address without a scheme: %v", err)
	}
}

type seenSecret struct{ secret string }

func (s seenSecret) Name() string { return "fake" }
func (s seenSecret) Fetch(context.Context, func(Progress)) (Result, error) {
	return Result{}, nil
}

// The secret given for this run comes first, then RINGFENCE_SECRET, then the
// keyring: one order for the command line and the app.
func TestOpenFindsTheSecretInOneOrder(t *testing.T) {
	t.Parallel()
	kind := testKind
	kind.New = func(_ checklist.Site, secret string) (Source, error) { return seenSecret{secret}, nil }
	reg := Registry{kind}
	site := checklist.Site{Name: "Acme", Connector: checklist.ConnectorSettings{Kind: "3cx", URL: "https://pbx.example"}}
	open := func(thisRun string, keys secrets.Store) (string, error) {
		src, err := Open(reg, site, Secrets{ThisRun: thisRun, Keyring: keys})
		if err != nil {
			return "", err
		}
		return src.(seenSecret).secret, nil
	}
	saved := stubKeyring{saved: "from-keyring"}
	if got, _ := open("", saved); got != "from-keyring" {
		t.Errorf("keyring alone: %q", got)
	}
	withEnv := stubKeyring{saved: "from-keyring", env: "from-env\n"}
	if got, _ := open("", withEnv); got != "from-env" {
		t.Errorf("environment and keyring: %q", got)
	}
	if got, _ := open("typed", withEnv); got != "typed" {
		t.Errorf("typed, environment and keyring: %q", got)
	}
	missing := errors.New("no secret is saved")
	_, err := open("", stubKeyring{err: missing})
	var need *NeedSecretError
	if !errors.As(err, &need) || !errors.Is(err, missing) || need.Kind.Name != "3cx" || !strings.Contains(err.Error(), "RINGFENCE_SECRET") {
		t.Errorf("no secret anywhere: %v", err)
	}
}

// stubKeyring is a keyring with one saved secret (or an error) and its own
// RINGFENCE_SECRET, read the way the real keyring reads it.
type stubKeyring struct {
	saved, env string
	err        error
}

func (k stubKeyring) Get(string, string) (string, error) { return k.saved, k.err }
func (k stubKeyring) FromEnv() (string, bool) {
	return secrets.Keyring{Getenv: func(string) string { return k.env }}.FromEnv()
}

func TestOpenRefusesWhatItCannotUse(t *testing.T) {
	kind := testKind
	kind.New = func(_ checklist.Site, secret string) (Source, error) { return seenSecret{secret}, nil }
	reg := Registry{kind}
	keyring := stubKeyring{saved: "k"}
	_, err := Open(reg, checklist.Site{Name: "Acme", Connector: checklist.ConnectorSettings{Kind: "asterisk"}}, Secrets{Keyring: keyring})
	if err == nil || !strings.Contains(err.Error(), `"asterisk"`) || !strings.Contains(err.Error(), "3cx") {
		t.Errorf("unknown connector: %v", err)
	}
	site := checklist.Site{Name: "Acme", Connector: checklist.ConnectorSettings{Kind: "3cx", URL: "https://pbx.example", Options: map[string]string{"password": "hunter2"}}}
	_, err = Open(reg, site, Secrets{Keyring: keyring})
	if err == nil || !strings.Contains(err.Error(), "keyring") || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("a password among the saved options: %v", err)
	}
}

// A connector whose secret is optional (Kamailio, unless a proxy asks for a
// password) opens without one, wherever the secret would have come from,
// and still uses one that is saved.
func TestOpenGoesOnWithoutAnOptionalSecret(t *testing.T) {
	t.Parallel()
	kind := testKind
	kind.Settings = slices.Clone(testKind.Settings)
	for i := range kind.Settings {
		if kind.Settings[i].Key == KeySecret {
			kind.Settings[i].Required = false
		}
	}
	kind.New = func(_ checklist.Site, secret string) (Source, error) { return seenSecret{secret}, nil }
	reg := Registry{kind}
	site := checklist.Site{Name: "Acme", Connector: checklist.ConnectorSettings{Kind: "3cx", URL: "https://pbx.example"}}
	for name, keys := range map[string]secrets.Store{
		"nothing saved": stubKeyring{err: secrets.ErrNotFound},
		"no keyring":    stubKeyring{err: secrets.ErrUnavailable},
		"no store":      nil,
	} {
		src, err := Open(reg, site, Secrets{Keyring: keys})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := src.(seenSecret).secret; got != "" {
			t.Errorf("%s: secret %q", name, got)
		}
	}
	src, err := Open(reg, site, Secrets{Keyring: stubKeyring{saved: "proxy-pw"}})
	if err != nil || src.(seenSecret).secret != "proxy-pw" {
		t.Errorf("a saved optional secret was not used: %v", err)
	}
}
