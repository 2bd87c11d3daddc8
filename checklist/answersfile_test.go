package checklist

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func answersCatalogue(t *testing.T) *Catalogue {
	return testCatalogue(t,
		checkSpec{id: "POL-01", domain: DomainPolicies, severity: High, effort: Hours, question: true},
		checkSpec{id: "NW-04", domain: DomainNetwork, severity: Medium, effort: Project, question: true},
		checkSpec{id: "TF-01", domain: DomainTollFraud, severity: Critical, effort: Minutes, question: false},
	)
}

func TestAnswersFileReadsYAMLAndJSON(t *testing.T) {
	t.Parallel()
	cat := answersCatalogue(t)
	yamlDoc := "schema: 1\nanswers:\n  POL-01: \"no\"\n  NW-04: {value: not_applicable, reason: Softphones only}\n"
	jsonDoc := `{"schema": 1, "answers": {"POL-01": "no", "NW-04": {"value": "not_applicable", "reason": "Softphones only"}}}`
	for name, doc := range map[string]string{"yaml": yamlDoc, "json": jsonDoc} {
		got, err := ParseAnswers(name, []byte(doc), cat)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got["POL-01"].Value != "no" || got["NW-04"].Reason != "Softphones only" {
			t.Errorf("%s: %+v", name, got)
		}
	}
}

func TestAnswersFileErrorsNameFileLineAndCheck(t *testing.T) {
	t.Parallel()
	cat := answersCatalogue(t)
	tests := []struct {
		name, doc string
		want      []string
	}{
		{"unknown check", "answers:\n  POL-01: \"yes\"\n  ZZ-99: \"yes\"\n", []string{"answers.yaml line 3: ZZ-99: no such check"}},
		{"bad value lists the choices", "answers:\n  POL-01: perhaps\n", []string{"line 2: POL-01:", `"perhaps" is not an answer`, "yes, no, dont_know, not_applicable"}},
		{"n/a needs a reason", "answers:\n  NW-04: not_applicable\n", []string{"NW-04", "needs a reason"}},
		{"automated check takes no answer", "answers:\n  TF-01: \"yes\"\n", []string{"TF-01", "judged from the phone system"}},
		{"every problem reported", "answers:\n  ZZ-98: \"yes\"\n  ZZ-99: \"yes\"\n", []string{"line 2: ZZ-98", "line 3: ZZ-99"}},
		{"newer file", "schema: 7\nanswers: {}\n", []string{"schema", "newer"}},
		{"not YAML", "answers: [unclosed\n", []string{"not valid YAML or JSON"}},
		{"wrong shape", "- just\n- a list\n", []string{`expected a mapping`}},
		{"unknown key", "answer:\n  POL-01: \"yes\"\n", []string{`line 1: answer: unknown key`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseAnswers("answers.yaml", []byte(tt.doc), cat)
			if err == nil {
				t.Fatal("accepted a bad answers file")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			var afe *AnswersFileError
			if !errors.As(err, &afe) || afe.File != "answers.yaml" {
				t.Errorf("error should be an AnswersFileError naming the file, got %T", err)
			}
		})
	}
}

func TestLoadAnswersFileMissing(t *testing.T) {
	t.Parallel()
	_, err := LoadAnswersFile(filepath.Join(t.TempDir(), "nope.yaml"), answersCatalogue(t))
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("got %v", err)
	}
}
