package tui

import (
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// TestBreachStatusInATerminalNeverAsksForTheSecretUnseen prints where an
// incident stands (`breach --site NAME --new`) in a real terminal for a site
// whose 3CX secret is not to hand. The status read of the accounts must not
// ask for the secret behind a prompt nobody can see, which would hold up the
// first step and leave the terminal not echoing what is typed: it prints the
// steps, says the secret is missing, and the terminal echoes as before.
func TestBreachStatusInATerminalNeverAsksForTheSecretUnseen(t *testing.T) {
	term := startTerminalWith(t, `breach --site "Acme Dental" --new; stty -a | grep -o ' -\?echo '`, func(home string) {
		store, err := sitestore.OpenStore(home)
		if err != nil {
			t.Fatal(err)
		}
		site := checklist.Site{Name: "Acme Dental", Connector: checklist.ConnectorSettings{Kind: "3cx", URL: "https://127.0.0.1:9/", ClientID: "ringfence"}}
		if err := store.CreateSite(site); err != nil {
			t.Fatal(err)
		}
	})
	term.waitFor("exited 0")
	all := term.tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", term.session)
	if !strings.Contains(all, "Step 1 of 11: Stop the calls now") {
		t.Fatalf("the first step was not printed:\n%s", all)
	}
	if !strings.Contains(all, "needs the secret") {
		t.Errorf("the status does not say the phone system's secret is missing:\n%s", all)
	}
	if strings.Contains(all, " -echo ") {
		t.Errorf("the terminal was left not echoing what is typed:\n%s", all)
	}
}
