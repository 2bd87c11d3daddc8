package checklist

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Catalogue is the full list of checks, in catalogue order.
type Catalogue struct {
	// Version is the catalogue's own version, bumped whenever a check's meaning
	// or the set of checks changes, so that two audits can say whether they were
	// judged by the same rules. Zero for a catalogue that declares none.
	Version int
	Checks  []Check
	byID    map[string]int
	// evaluators judge the automated checks from the inventory.
	evaluators evaluatorSet
	// adviceMaxAge is how old the firmware advisories may be before findings
	// say they are stale; zero means DefaultAdviceMaxAge.
	adviceMaxAge time.Duration
}

// Check returns the check with the given ID.
func (c *Catalogue) Check(id string) (Check, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Check{}, false
	}
	return c.Checks[i], true
}

// InDomain returns the checks of one domain, in catalogue order.
func (c *Catalogue) InDomain(d Domain) []Check {
	var out []Check
	for _, ch := range c.Checks {
		if ch.Domain == d {
			out = append(out, ch)
		}
	}
	return out
}

var checkIDPattern = regexp.MustCompile(`^[A-Z]{2,4}-\d{2}$`)

// LoadCatalogue parses and validates catalogue data. Errors name the line of the
// offending check so that a mistake in the data is quick to find.
func LoadCatalogue(data []byte) (*Catalogue, error) {
	var doc struct {
		Version int         `yaml:"version"`
		Checks  []yaml.Node `yaml:"checks"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("check catalogue: %w", err)
	}
	if len(doc.Checks) == 0 {
		return nil, errors.New("check catalogue: no checks found")
	}
	if doc.Version < 0 {
		return nil, fmt.Errorf("check catalogue: version %d should be a whole number from 1 up", doc.Version)
	}
	cat := &Catalogue{Version: doc.Version, byID: make(map[string]int, len(doc.Checks)), evaluators: builtinEvaluators()}
	var problems []error
	for _, node := range doc.Checks {
		var ch Check
		if err := node.Decode(&ch); err != nil {
			problems = append(problems, fmt.Errorf("check catalogue line %d: %w", node.Line, err))
			continue
		}
		_, ch.Automated = cat.evaluators[ch.ID]
		if err := validateCheck(&ch); err != nil {
			problems = append(problems, fmt.Errorf("check catalogue line %d: check %s: %w", node.Line, ch.ID, err))
			continue
		}
		if _, dup := cat.byID[ch.ID]; dup {
			problems = append(problems, fmt.Errorf("check catalogue line %d: check ID %s is used twice", node.Line, ch.ID))
			continue
		}
		if ch.Question != nil {
			ch.Question.Options = append(ch.Question.Options, standardOptions()...)
		}
		cat.byID[ch.ID] = len(cat.Checks)
		cat.Checks = append(cat.Checks, ch)
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	return cat, nil
}

func validateCheck(ch *Check) error {
	var missing []string
	for field, value := range map[string]string{"title": ch.Title, "action": ch.Action, "why": ch.Why, "refs.source": ch.Refs.Source} {
		if strings.TrimSpace(value) == "" {
			missing = append(missing, field)
		}
	}
	if len(ch.Fix) == 0 {
		missing = append(missing, "fix")
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing %s", strings.Join(sortedCopy(missing), ", "))
	}
	switch {
	case !checkIDPattern.MatchString(ch.ID):
		return fmt.Errorf("ID %q should look like PIN-01", ch.ID)
	case !ch.Domain.valid():
		return fmt.Errorf("unknown domain %q", ch.Domain)
	case ch.Severity.Rank() == 0:
		return fmt.Errorf("unknown severity %q", ch.Severity)
	case ch.Effort.Rank() > Project.Rank():
		return fmt.Errorf("unknown effort %q", ch.Effort)
	case !ch.Automated && ch.Question == nil:
		return errors.New("has neither an evaluator nor a question, so it could never be answered")
	}
	if u, err := url.Parse(ch.Refs.Source); err != nil || u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("refs.source %q is not an https URL", ch.Refs.Source)
	}
	if q := ch.Question; q != nil {
		if strings.TrimSpace(q.Prompt) == "" || len(q.Options) == 0 {
			return errors.New("question needs a prompt and at least one option")
		}
		seen := map[string]bool{AnswerDontKnow: true, AnswerNotApplicable: true}
		for _, o := range q.Options {
			if seen[o.Value] || o.Value == "" || o.Label == "" {
				return fmt.Errorf("question option %q is empty, reserved or repeated", o.Value)
			}
			if !o.Status.valid() || o.Status == StatusAccepted {
				return fmt.Errorf("question option %q has status %q", o.Value, o.Status)
			}
			seen[o.Value] = true
		}
	}
	return nil
}

// orphanEvaluators lists evaluators with no check in the catalogue: logic that
// would never run. The built-in catalogue must have none.
func (c *Catalogue) orphanEvaluators() []string {
	var ids []string
	for id := range c.evaluators {
		if _, ok := c.byID[id]; !ok {
			ids = append(ids, id)
		}
	}
	return sortedCopy(ids)
}
