package tui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors"
)

// fakeSource stands in for a phone system that refuses the connection.
type fakeSource struct{}

func (fakeSource) Name() string { return "tuifake" }
func (fakeSource) Fetch(context.Context, func(connectors.Progress)) (connectors.Result, error) {
	return connectors.Result{}, errors.New("the phone system refused the API key")
}
func (fakeSource) Test(context.Context) error {
	return errors.New("the phone system refused the API key")
}

var fakeKind = connectors.Kind{
	Name: "tuifake", Title: "Test PBX", LeastPrivilege: "a read-only API key.",
	Settings: []connectors.Setting{
		{Key: connectors.KeyURL, Label: "Address", Type: connectors.Address, Required: true},
		{Key: connectors.KeySecret, Label: "API key", Type: connectors.Secret, Required: true},
	},
	New: func(checklist.Site, string) (connectors.Source, error) { return fakeSource{}, nil },
}

func TestAFailedConnectionSaysWhatToTryAndNeverShowsTheSecret(t *testing.T) {
	h := newHarness(t, false, 80, 24)
	h.press("n")
	h.typeText("Acme Dental")
	h.press("enter", "enter")
	var idx int
	for i, k := range testKinds.Sorted() {
		if k.Name == "tuifake" {
			idx = i + 1
		}
	}
	for range idx {
		h.press("down")
	}
	h.press("enter")
	h.mustSee("read-only API key")
	h.typeText("https://pbx.example")
	h.press("enter")
	h.typeText("s3cret-value")
	if strings.Contains(h.screen(), "s3cret-value") {
		t.Fatal("the secret was drawn on screen")
	}
	h.press("enter")
	h.mustSee("could not read Test PBX")
	h.mustSee("refused the API key")
	h.mustSee("answer the questions yourself instead")
	h.press("a")
	if _, ok := h.top().(*auditScreen); !ok {
		t.Fatalf("answering instead should open the audit, got %T\n%s", h.top(), h.screen())
	}
	site, err := h.store.Site("Acme Dental")
	if err != nil || site.Connector.Kind != "" {
		t.Fatalf("site should have no connector: %+v %v", site, err)
	}
}
