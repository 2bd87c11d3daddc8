package breach

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

func TestPlaybookStepsAreInTheContractOrder(t *testing.T) {
	t.Parallel()
	var got []string
	for _, s := range Steps() {
		got = append(got, s.ID)
		for _, a := range s.Actions {
			if a.Who == "" || a.Text == "" {
				t.Errorf("%s/%s has no text or no who", s.ID, a.ID)
			}
		}
	}
	want := []string{"now", "contain", "isolate", "notify", "calls", "cost", "credentials", "report", "root-cause", "recover", "learn"}
	if !slices.Equal(got, want) {
		t.Fatalf("steps %v, want %v", got, want)
	}
	now := Steps()[0]
	for _, id := range []string{"bar-calls", "disable-accounts", "call-fraud-desk"} {
		if _, ok := now.Action(id); !ok {
			t.Errorf("the first step has no %s action", id)
		}
	}
}

func TestStepsAreCopies(t *testing.T) {
	t.Parallel()
	a := Steps()
	a[0].Actions[0].Text = "changed"
	a[0].Mistakes = append(a[0].Mistakes[:0], "changed")
	if b := Steps(); b[0].Actions[0].Text == "changed" || b[0].Mistakes[0] == "changed" {
		t.Fatal("changing the steps one caller got changed the playbook for the next")
	}
}

func TestStepsForNamesTheFraudDeskAndAccounts(t *testing.T) {
	t.Parallel()
	site := checklist.Site{Name: "Acme", FraudDesk: checklist.FraudDesk{Name: "Acme Telecom fraud team", Phone: "0800 123 4567"}}
	steps := StepsKnowing(site, Known{Suspect: []string{"204"}, Admins: []string{"admin"}, Leavers: []string{"207 (Sam Lee)"}})
	desk, _ := steps[0].Action("call-fraud-desk")
	if !strings.Contains(desk.Text, "0800 123 4567") || !strings.Contains(desk.Text, "Acme Telecom fraud team") {
		t.Errorf("fraud desk action %q does not give the saved number", desk.Text)
	}
	acc, _ := steps[0].Action("disable-accounts")
	for _, want := range []string{"extension 204", "207 (Sam Lee)", "admin"} {
		if !strings.Contains(acc.Text, want) {
			t.Errorf("disable-accounts %q does not name %q", acc.Text, want)
		}
	}
	bare := StepsFor(checklist.Site{Name: "Acme"})
	desk, _ = bare[0].Action("call-fraud-desk")
	if !strings.Contains(desk.Text, "on your bill") || strings.Contains(desk.Text, "Their fraud desk") {
		t.Errorf("with no number saved, %q does not say where to find one", desk.Text)
	}
}

func TestBodiesExplainEveryDecision(t *testing.T) {
	t.Parallel()
	for _, b := range []Body{ReportFraud, ICO, Bank, Provider} {
		info, ok := BodyNamed(b)
		if !ok || info.Name == "" || info.When == "" || info.How == "" {
			t.Errorf("%s is not explained: %+v", b, info)
		}
	}
	ico, _ := BodyNamed(ICO)
	if !strings.Contains(ico.When, "72 hours") {
		t.Errorf("the ICO explanation %q does not give the 72 hours", ico.When)
	}
	rf, _ := BodyNamed(ReportFraud)
	if !strings.Contains(rf.Name, "formerly Action Fraud") || !strings.Contains(rf.How, "0300 123 2040") {
		t.Errorf("Report Fraud is not explained as the old Action Fraud with its number: %+v", rf)
	}
}

func TestLoadPlaybookRefusesBrokenData(t *testing.T) {
	t.Parallel()
	good := string(playbookYAML)
	for name, data := range map[string]string{
		"step renamed":     strings.Replace(good, "id: isolate", "id: isolation", 1),
		"unknown field":    strings.Replace(good, "    title: Stop the calls now", "    title: Stop the calls now\n    colour: red", 1),
		"action no who":    strings.Replace(good, "        who: you\n", "        who: \"\"\n", 1),
		"duplicate action": strings.Replace(good, "id: disable-accounts", "id: bar-calls", 1),
		"body missing":     strings.Replace(good, "body: bank", "body: bankk", 1),
	} {
		if _, err := loadPlaybook([]byte(data)); err == nil {
			t.Errorf("%s: the playbook loaded", name)
		}
	}
}

// Current and Latest are checked against a plain model over random
// histories: the latest entry per action wins, and the current step is
// the first with an action never recorded.
func TestCurrentAndLatestAgreeWithAModel(t *testing.T) {
	t.Parallel()
	steps := Steps()
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		inc := &Incident{Opened: time.Unix(0, 0)}
		latest := map[[2]string]Outcome{}
		n := r.IntN(60)
		for k := range n {
			s := steps[r.IntN(min(len(steps), 1+round%len(steps)))]
			a := s.Actions[r.IntN(len(s.Actions))]
			o := Outcomes()[r.IntN(3)]
			inc.Entries = append(inc.Entries, Entry{At: time.Unix(int64(k), 0), Step: s.ID, Action: a.ID, Outcome: o})
			latest[[2]string{s.ID, a.ID}] = o
		}
		want := len(steps)
	find:
		for i, s := range steps {
			for _, a := range s.Actions {
				if _, ok := latest[[2]string{s.ID, a.ID}]; !ok {
					want = i
					break find
				}
			}
		}
		if got := inc.Current(steps); got != want {
			t.Fatalf("round %d: Current = %d, want %d", round, got, want)
		}
		for key, o := range latest {
			e, ok := inc.Latest(key[0], key[1])
			if !ok || e.Outcome != o {
				t.Fatalf("round %d: Latest(%s) = %v %v, want %v", round, key, e.Outcome, ok, o)
			}
		}
	}
}

func TestIDsAreFileSafe(t *testing.T) {
	t.Parallel()
	id := NewID(time.Date(2026, 12, 3, 7, 5, 9, 0, time.FixedZone("x", 3600)))
	if id != "2026-12-03T06-05-09Z" || !ValidID(id) {
		t.Fatalf("NewID gave %q", id)
	}
	for _, bad := range []string{"", "../x", "2026-12-03T06:05:09Z", "2026-12-03T06-05-09Z/..", "x.json"} {
		if ValidID(bad) {
			t.Errorf("ValidID(%q) is true", bad)
		}
	}
}
