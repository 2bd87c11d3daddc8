package demo

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/ringfence/ringfence/checklist"
)

//go:embed answers.yaml
var answersYAML []byte

type answerRow struct {
	Value  string `yaml:"value"`
	Reason string `yaml:"reason"`
}

func loadAnswers(data []byte) (map[string]answerRow, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var rows map[string]answerRow
	if err := dec.Decode(&rows); err != nil {
		return nil, fmt.Errorf("demo answers.yaml: %w", err)
	}
	for id, a := range rows {
		if a.Value == "" {
			return nil, fmt.Errorf("demo answers.yaml: %s has no value", id)
		}
		if a.Value == checklist.AnswerNotApplicable && a.Reason == "" {
			return nil, fmt.Errorf("demo answers.yaml: %s is not applicable but gives no reason", id)
		}
	}
	return rows, nil
}

var loadDemoAnswers = sync.OnceValues(func() (map[string]answerRow, error) { return loadAnswers(answersYAML) })

// Answers returns the demo company's replies to the questions the phone system
// cannot answer, as if given at now. The data is embedded and checked by the
// package's tests, so a failure to read it is a bug in the build and panics.
func Answers(now time.Time) checklist.Answers {
	rows, err := loadDemoAnswers()
	if err != nil {
		panic(err)
	}
	out := make(checklist.Answers, len(rows))
	for id, a := range rows {
		out[id] = checklist.Answer{Value: a.Value, Reason: a.Reason, At: now}
	}
	return out
}
