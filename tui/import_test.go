package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors"
)

const sheetWithBadRows = `Make,Model,FW,MAC Address,IP,Ext,User
Yealink,SIP-T54W,96.86.0.100,80:5e:c0:11:22:01,192.168.1.21,201,Priya Shah
,,,zz:11:22:33:44:55,192.168.1.40,206,Ann Lee
`

// The app must account for a spreadsheet's skipped rows just as the command
// line does: a row left out silently is a phone the audit never judged.
func TestAnImportShowsSkippedRowsAndTheLineCount(t *testing.T) {
	path := filepath.Join(t.TempDir(), "phones.csv")
	if err := os.WriteFile(path, []byte(sheetWithBadRows), 0o600); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, false, 100, 30)
	site := checklist.Site{Name: "Acme Dental", Connector: checklist.ConnectorSettings{Kind: "csv", File: path}}
	if err := h.store.CreateSite(site); err != nil {
		t.Fatal(err)
	}
	h.send(siteOpenMsg{name: "Acme Dental"})
	h.mustSee("phones.csv: skipped line 3")
	h.mustSee("phones.csv: 2 lines read below the header on line 1: 1 used, 1 skipped")
	// Line for line what the command line prints.
	src, err := appOpener(testKinds, noKeyring{}, "", nil)(site)
	if err != nil {
		t.Fatal(err)
	}
	res, err := src.Fetch(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range res.Account {
		h.mustSee(l)
	}
}

type secretRecorder struct {
	mu   sync.Mutex
	seen string
}

func (r *secretRecorder) Name() string { return "tuiorder" }
func (r *secretRecorder) Fetch(context.Context, func(connectors.Progress)) (connectors.Result, error) {
	return connectors.Result{}, nil
}

var (
	orderRecorder = &secretRecorder{}
	orderKind     = connectors.Kind{
		Name: "tuiorder", Title: "Order PBX",
		Settings: []connectors.Setting{
			{Key: connectors.KeyURL, Label: "Address", Type: connectors.Address, Required: true},
			{Key: connectors.KeySecret, Label: "Secret", Type: connectors.Secret, Required: true},
		},
		New: func(_ checklist.Site, secret string) (connectors.Source, error) {
			orderRecorder.mu.Lock()
			orderRecorder.seen = secret
			orderRecorder.mu.Unlock()
			return orderRecorder, nil
		},
	}
)

// A secret given for this run (RINGFENCE_SECRET) wins over the keyring, in the
// app as on the command line.
func TestTheSecretGivenForThisRunWinsOverTheKeyring(t *testing.T) {
	keys := &fakeKeyring{stored: map[string]string{"Acme/tuiorder": "from-keyring"}, env: "from-env"}
	site := checklist.Site{Name: "Acme", Connector: checklist.ConnectorSettings{Kind: "tuiorder", URL: "https://pbx.example"}}
	src, err := appOpener(testKinds, keys, "", nil)(site)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.Fetch(t.Context()); err != nil {
		t.Fatal(err)
	}
	orderRecorder.mu.Lock()
	defer orderRecorder.mu.Unlock()
	if orderRecorder.seen != "from-env" {
		t.Fatalf("the connector was given the secret %q, want the one set for this run", orderRecorder.seen)
	}
}

// The connect form checks each setting against the connector's schema, the
// one the command line's --option values are checked against.
func TestTheConnectFormChecksSettingsAgainstTheSchema(t *testing.T) {
	h := newHarness(t, false, 100, 40)
	h.press("n")
	h.typeText("Acme Dental")
	h.press("enter", "enter")
	for i, k := range testKinds.Sorted() {
		if k.Name == "3cx" {
			for range i + 1 {
				h.press("down")
			}
		}
	}
	h.press("enter")
	h.mustSee("Days of call history to read")
	if strings.Contains(h.screen(), connectors.OptionPageSize.Label) {
		t.Error("the form should leave the tuning options to the command line")
	}
	h.typeText("https://pbx.example")
	h.press("enter")
	h.typeText("900")
	h.press("enter")
	h.typeText("s3cret")
	h.press("enter")
	h.typeText("maybe")
	h.press("enter")
	h.mustSee("should be yes or no")
	if _, ok := h.top().(*newSite); !ok {
		t.Fatalf("a bad value should keep the form open, got %T", h.top())
	}
}
