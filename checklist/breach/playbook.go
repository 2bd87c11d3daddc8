package breach

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/ringfence/ringfence/checklist"
)

// Action is one concrete thing to do, and who normally does it.
type Action struct {
	ID   string `yaml:"id" json:"id"`
	Text string `yaml:"text" json:"text"`
	Who  string `yaml:"who" json:"who"`
}

// Step is one stage of the response, with the common mistakes to warn
// against while at it.
type Step struct {
	ID       string   `yaml:"id" json:"id"`
	Title    string   `yaml:"title" json:"title"`
	Why      string   `yaml:"why" json:"why"`
	Actions  []Action `yaml:"actions" json:"actions"`
	Mistakes []string `yaml:"mistakes" json:"mistakes,omitempty"`
}

// Action finds one of the step's actions by ID.
func (s Step) Action(id string) (Action, bool) {
	for _, a := range s.Actions {
		if a.ID == id {
			return a, true
		}
	}
	return Action{}, false
}

// Question is a root-cause question.
type Question struct {
	ID   string `yaml:"id" json:"id"`
	Text string `yaml:"text" json:"text"`
}

// BodyInfo explains one reporting decision in plain words.
type BodyInfo struct {
	Body Body   `yaml:"body" json:"body"`
	Name string `yaml:"name" json:"name"`
	When string `yaml:"when" json:"when"`
	How  string `yaml:"how" json:"how"`
}

//go:embed playbook.yaml
var playbookYAML []byte

type playbook struct {
	Steps     []Step     `yaml:"steps"`
	RootCause []Question `yaml:"root_cause"`
	Bodies    []BodyInfo `yaml:"bodies"`
}

// The playbook is part of the program, so a fault in it is a bug the tests
// catch; it panics rather than walk someone through half a plan.
var builtin = sync.OnceValue(func() playbook {
	p, err := loadPlaybook(playbookYAML)
	if err != nil {
		panic("built-in breach playbook: " + err.Error())
	}
	return p
})

func loadPlaybook(data []byte) (playbook, error) {
	var p playbook
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return p, err
	}
	want := []string{"now", "contain", "isolate", "notify", "calls", "cost", "credentials", "report", "root-cause", "recover", "learn"}
	var got []string
	for _, s := range p.Steps {
		got = append(got, s.ID)
		if strings.TrimSpace(s.Title) == "" || strings.TrimSpace(s.Why) == "" || len(s.Actions) == 0 {
			return p, fmt.Errorf("step %q needs a title, a why and at least one action", s.ID)
		}
		seen := map[string]bool{}
		for _, a := range s.Actions {
			if a.ID == "" || strings.TrimSpace(a.Text) == "" || strings.TrimSpace(a.Who) == "" || seen[a.ID] || strings.Contains(a.ID, "/") {
				return p, fmt.Errorf("step %q: action %q needs a unique ID without a slash, a text and a who", s.ID, a.ID)
			}
			seen[a.ID] = true
		}
	}
	if !slices.Equal(got, want) {
		return p, fmt.Errorf("steps are %v, want %v", got, want)
	}
	bodies := map[Body]bool{}
	for _, b := range p.Bodies {
		bodies[b.Body] = true
	}
	for _, b := range []Body{ReportFraud, ICO, Bank, Provider} {
		if !bodies[b] {
			return p, fmt.Errorf("no explanation for reporting to %q", b)
		}
	}
	if len(p.Bodies) != len(bodies) || len(p.RootCause) == 0 {
		return p, fmt.Errorf("bodies must be listed once each, and there must be root-cause questions")
	}
	return p, nil
}

// Steps returns the playbook in order, as a fresh copy the caller may change.
func Steps() []Step {
	steps := slices.Clone(builtin().Steps)
	for i := range steps {
		steps[i].Actions = slices.Clone(steps[i].Actions)
		steps[i].Mistakes = slices.Clone(steps[i].Mistakes)
	}
	return steps
}

// StepsFor fills in what the site's settings say, such as its phone
// provider's fraud desk.
func StepsFor(site checklist.Site) []Step { return StepsKnowing(site, Known{}) }

// Known is what Ringfence could find out about the site's accounts, from
// its phone system or its latest audit, to name in the first steps.
type Known struct {
	// Suspect are extensions the call records tie to suspicious calls.
	Suspect []string
	// Admins are the phone system's admin logins.
	Admins []string
	// Leavers are the extensions of people who have left that are still live.
	Leavers []string
}

// StepsKnowing is StepsFor with the accounts named where they are known.
// Names come from outside Ringfence; front ends pass them through safetext
// when they show them, as they do every other text.
func StepsKnowing(site checklist.Site, k Known) []Step {
	steps := Steps()
	for i := range steps {
		for j := range steps[i].Actions {
			a := &steps[i].Actions[j]
			switch steps[i].ID + "/" + a.ID {
			case "now/call-fraud-desk":
				if site.FraudDesk.Phone != "" {
					a.Text += " Their fraud desk: " + site.FraudDesk.String() + "."
				} else {
					a.Text += " The number is on your bill or your provider's website."
				}
			case "now/disable-accounts":
				a.Text += accountsLine(k)
			case "contain/admin-passwords":
				if len(k.Admins) > 0 {
					a.Text += " Admin logins on the phone system: " + list(k.Admins) + "."
				}
			case "credentials/remove-unused":
				if len(k.Leavers) > 0 {
					a.Text += " Still live for people who have left: " + list(k.Leavers) + "."
				}
			}
		}
	}
	return steps
}

func accountsLine(k Known) string {
	var parts []string
	if len(k.Suspect) > 0 {
		word := "extension "
		if len(k.Suspect) > 1 {
			word = "extensions "
		}
		parts = append(parts, "the call records point at "+word+list(k.Suspect))
	}
	if len(k.Leavers) > 0 {
		parts = append(parts, "these leavers' extensions are still live: "+list(k.Leavers))
	}
	if len(k.Admins) > 0 {
		parts = append(parts, "these admin logins can change the system: "+list(k.Admins))
	}
	if len(parts) == 0 {
		return " If you do not know which, start with leavers' extensions and any extension with calls nobody recognises."
	}
	return " Ringfence found that " + strings.Join(parts, "; ") + "."
}

// list joins names for a sentence, cutting a long list short.
func list(names []string) string {
	const most = 8
	if len(names) <= most {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:most], ", ") + fmt.Sprintf(" and %d more", len(names)-most)
}

// FindStep finds a step by ID.
func FindStep(steps []Step, id string) (Step, bool) {
	for _, s := range steps {
		if s.ID == id {
			return s, true
		}
	}
	return Step{}, false
}

// RootCauseQuestions are asked once the incident is under control.
func RootCauseQuestions() []Question { return slices.Clone(builtin().RootCause) }

// Bodies explains each reporting decision, in the order to consider them.
func Bodies() []BodyInfo { return slices.Clone(builtin().Bodies) }

// BodyNamed finds a body's explanation.
func BodyNamed(b Body) (BodyInfo, bool) {
	for _, info := range builtin().Bodies {
		if info.Body == b {
			return info, true
		}
	}
	return BodyInfo{}, false
}
