package checklist

import (
	"strings"
	"testing"
)

func TestBuiltinCatalogueIsComplete(t *testing.T) {
	t.Parallel()
	cat, err := LoadCatalogue(catalogueYAML)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range Domains {
		if len(cat.InDomain(d)) == 0 {
			t.Errorf("domain %s has no checks", d)
		}
	}
	if orphans := cat.orphanEvaluators(); len(orphans) > 0 {
		t.Errorf("evaluators with no check: %v", orphans)
	}
	for _, ch := range cat.Checks {
		if ch.Refs.ISO27001 == "" {
			t.Errorf("%s has no ISO/IEC 27001 reference", ch.ID)
		}
		if ch.Question != nil {
			if _, ok := ch.Question.Option(AnswerDontKnow); !ok {
				t.Errorf("%s: question lacks \"I don't know\"", ch.ID)
			}
			passes := false
			for _, o := range ch.Question.Options {
				passes = passes || o.Status == StatusPass
			}
			if !passes {
				t.Errorf("%s: no answer to its question can pass", ch.ID)
			}
		}
	}
}

func TestCatalogueRefusesBadEntries(t *testing.T) {
	t.Parallel()
	const good = `  - id: AB-01
    domain: pins
    title: T
    action: A
    why: W
    fix: [one]
    severity: high
    effort: minutes
    refs: {source: "https://example.org/"}
    question: {prompt: P, options: [{value: "yes", label: "Yes", status: pass}]}
`
	tests := []struct {
		name, change, want string
	}{
		{"duplicate ID", good + good, "used twice"},
		{"bad severity", strings.Replace(good, "severity: high", "severity: severe", 1), `unknown severity "severe"`},
		{"bad domain", strings.Replace(good, "domain: pins", "domain: printers", 1), `unknown domain "printers"`},
		{"missing why", strings.Replace(good, "why: W", "why: ''", 1), "missing why"},
		{"plain http source", strings.Replace(good, "https://", "http://", 1), "not an https URL"},
		{"no way to judge", strings.Replace(good, "    question: {prompt: P, options: [{value: \"yes\", label: \"Yes\", status: pass}]}\n", "", 1), "neither an evaluator nor a question"},
		{"reserved option", strings.Replace(good, `value: "yes"`, `value: dont_know`, 1), "reserved"},
		{"bad ID", strings.Replace(good, "AB-01", "pin1", 1), "should look like"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadCatalogue([]byte("checks:\n" + tt.change))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), "line ") {
				t.Errorf("error should name the line: %v", err)
			}
		})
	}
}

// An automated check must say which facts it rests on, or the engine could not
// keep it from passing on evidence that was never collected.
func TestEveryAutomatedCheckDeclaresItsFacts(t *testing.T) {
	t.Parallel()
	for _, ch := range Builtin().Checks {
		if !ch.Automated {
			continue
		}
		a := Builtin().evaluators[ch.ID]
		if len(a.needs) == 0 {
			t.Errorf("%s declares no facts it rests on", ch.ID)
		}
		for _, n := range a.needs {
			if n.facet == "" || (n.judgeable != nil && n.none == "") {
				t.Errorf("%s declares a fact with no facet, or without saying what is missing", ch.ID)
			}
		}
	}
}

func TestRegisterRefusesAnEvaluatorWithoutFacts(t *testing.T) {
	t.Parallel()
	set := builtinEvaluators()
	defer func() {
		if recover() == nil {
			t.Error("an evaluator with no declared facts was accepted")
		}
		if _, ok := set["ZZ-99"]; ok {
			t.Error("the refused evaluator was registered anyway")
		}
	}()
	set.register("ZZ-99", nil, func(*Facts) Outcome { return pass("always") })
}
