package checklist

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// AnswersSchema is the version of the answers file format.
const AnswersSchema = 1

// AnswersFileError points at one problem in an answers file.
type AnswersFileError struct {
	File  string
	Line  int
	Field string // the check ID, or the key at fault
	Msg   string
}

func (e *AnswersFileError) Error() string {
	where := e.File
	if e.Line > 0 {
		where = fmt.Sprintf("%s line %d", e.File, e.Line)
	}
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", where, e.Field, e.Msg)
	}
	return fmt.Sprintf("%s: %s", where, e.Msg)
}

// LoadAnswersFile reads answers from a YAML or JSON file (JSON is valid YAML):
//
//	schema: 1
//	answers:
//	  EP-04: "no"
//	  NW-04: {value: not_applicable, reason: "All phones are softphones on laptops"}
//
// Every problem is reported, each naming the file, line and check.
func LoadAnswersFile(path string, cat *Catalogue) (Answers, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("could not read the answers file: %w", err)
	}
	defer f.Close()
	// Read one byte past the limit, so a larger file is known without
	// holding it: a mistyped path can name a log or a disk image.
	data, err := io.ReadAll(io.LimitReader(f, maxAnswersFile+1))
	if err != nil {
		return nil, fmt.Errorf("could not read the answers file: %w", err)
	}
	if len(data) > maxAnswersFile {
		return nil, &AnswersFileError{File: path, Msg: fmt.Sprintf("the file is larger than %d KB, far more than answers to every check take (a few KB); check that this is the answers file", maxAnswersFile>>10)}
	}
	return ParseAnswers(path, data, cat)
}

// maxAnswersFile bounds an answers file: every question answered with a long
// reason is still well under it.
const maxAnswersFile = 1 << 20

// ParseAnswers is LoadAnswersFile for data already in memory; name is used in errors.
func ParseAnswers(name string, data []byte, cat *Catalogue) (Answers, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &AnswersFileError{File: name, Msg: "not valid YAML or JSON: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, &AnswersFileError{File: name, Msg: `expected a mapping with "schema" and "answers"`}
	}
	doc := root.Content[0]
	var answersNode *yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		key, value := doc.Content[i], doc.Content[i+1]
		switch key.Value {
		case "schema":
			var v int
			if err := value.Decode(&v); err != nil || v < 1 {
				return nil, &AnswersFileError{File: name, Line: value.Line, Field: "schema", Msg: "should be a whole number such as 1"}
			}
			if v > AnswersSchema {
				return nil, &AnswersFileError{File: name, Line: value.Line, Field: "schema",
					Msg: fmt.Sprintf("file version %d is newer than this Ringfence understands (%d); update Ringfence", v, AnswersSchema)}
			}
		case "answers":
			answersNode = value
		default:
			return nil, &AnswersFileError{File: name, Line: key.Line, Field: key.Value, Msg: `unknown key; expected "schema" or "answers"`}
		}
	}
	if answersNode == nil || answersNode.Kind != yaml.MappingNode {
		return nil, &AnswersFileError{File: name, Msg: `no "answers" mapping of check IDs to answers`}
	}
	answers := make(Answers)
	var problems []error
	for i := 0; i+1 < len(answersNode.Content); i += 2 {
		key, value := answersNode.Content[i], answersNode.Content[i+1]
		a, err := decodeAnswer(value)
		if err == nil {
			err = ValidateAnswer(cat, key.Value, a)
		}
		if err != nil {
			problems = append(problems, &AnswersFileError{File: name, Line: key.Line, Field: key.Value, Msg: err.Error()})
			continue
		}
		answers[key.Value] = a
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	return answers, nil
}

func decodeAnswer(node *yaml.Node) (Answer, error) {
	var a Answer
	switch node.Kind {
	case yaml.ScalarNode:
		a.Value = node.Value
	case yaml.MappingNode:
		if err := node.Decode(&a); err != nil {
			return a, errors.New("expected {value: ..., reason: ...}")
		}
	default:
		return a, errors.New("expected an answer value or {value: ..., reason: ...}")
	}
	return a, nil
}

// ValidateAnswer checks one answer against the catalogue: the check exists, asks a
// question, and accepts the value; "not applicable" needs a reason.
func ValidateAnswer(cat *Catalogue, id string, a Answer) error {
	ch, ok := cat.Check(id)
	switch {
	case !ok:
		return errors.New("no such check (run 'ringfence checks' to list them)")
	case ch.Question == nil:
		return errors.New("this check is judged from the phone system and takes no answer")
	}
	if _, ok := ch.Question.Option(a.Value); !ok {
		return fmt.Errorf("%q is not an answer to this question; use one of: %s", a.Value, strings.Join(ch.Question.Values(), ", "))
	}
	if a.Value == AnswerNotApplicable && strings.TrimSpace(a.Reason) == "" {
		return errors.New(`"not_applicable" needs a reason`)
	}
	return nil
}
