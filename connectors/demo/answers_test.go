package demo

import (
	"os"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/pins"
)

// catalogue reads the check catalogue's data directly rather than through its
// loader, which also insists on evaluators that this package has no stake in.
// "dont_know" and "not_applicable" are allowed separately, as the loader adds them.
func catalogue(t *testing.T) map[string]checklist.Check {
	t.Helper()
	data, err := os.ReadFile("../../checklist/catalogue.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Checks []checklist.Check `yaml:"checks"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Checks) == 0 {
		t.Fatal("the catalogue has no checks")
	}
	byID := make(map[string]checklist.Check, len(doc.Checks))
	for _, ch := range doc.Checks {
		byID[ch.ID] = ch
	}
	return byID
}

func TestEveryQuestionHasAnAnswerTheCatalogueAccepts(t *testing.T) {
	t.Parallel()
	cat := catalogue(t)
	answers := Answers(testNow)

	for id, a := range answers {
		ch, ok := cat[id]
		if !ok {
			t.Errorf("answer for %s, which is not in the catalogue", id)
			continue
		}
		if ch.Question == nil {
			t.Errorf("answer for %s, which asks no question", id)
			continue
		}
		switch a.Value {
		case checklist.AnswerDontKnow:
		case checklist.AnswerNotApplicable:
			if a.Reason == "" {
				t.Errorf("%s is not applicable without a reason", id)
			}
		default:
			if _, ok := ch.Question.Option(a.Value); !ok {
				t.Errorf("%s: %q is not one of %v", id, a.Value, ch.Question.Values())
			}
		}
		if !a.At.Equal(testNow) {
			t.Errorf("%s answered at %v, want %v", id, a.At, testNow)
		}
	}
	for _, ch := range cat {
		if _, ok := answers[ch.ID]; ch.Question != nil && !ok {
			t.Errorf("%s asks a question the demo does not answer", ch.ID)
		}
	}
}

func TestAnswersSoundLikeASmallBusiness(t *testing.T) {
	t.Parallel()
	cat := catalogue(t)
	status := map[checklist.Status]int{}
	values := map[string]int{}
	for id, a := range Answers(testNow) {
		values[a.Value]++
		if ch := cat[id]; ch.Question == nil {
			continue
		} else if o, ok := ch.Question.Option(a.Value); ok {
			status[o.Status]++
		}
	}
	pass, fail := status[checklist.StatusPass], status[checklist.StatusFail]
	if pass < 3 || fail <= 2*pass {
		t.Errorf("%d passes and %d fails: want a handful of passes and many more fails", pass, fail)
	}
	if n := values[checklist.AnswerDontKnow]; n < 2 || n > 3 {
		t.Errorf("%d \"don't know\" answers, want two or three", n)
	}
	if n := values[checklist.AnswerNotApplicable]; n != 1 {
		t.Errorf("%d \"not applicable\" answers, want one", n)
	}
}

func TestBrokenAnswersAreRefused(t *testing.T) {
	t.Parallel()
	for name, data := range map[string]string{
		"no value":           "EP-01: {reason: because}\n",
		"n/a without reason": "EP-01: {value: not_applicable}\n",
		"unknown key":        "EP-01: {value: \"yes\", note: x}\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := loadAnswers([]byte(data)); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

// The demo's PIN reasons must be ones the real PIN judge gives, so the demo reads
// exactly like an audit of a live system.
func TestPINReasonsAreTheJudgesOwn(t *testing.T) {
	t.Parallel()
	known := map[string]bool{"": true}
	for _, r := range []string{
		pins.ReasonUnset, pins.ReasonDefault, pins.ReasonExtension, pins.ReasonExtReversed,
		pins.ReasonExtRepeated, pins.ReasonNotDigits, pins.ReasonSameDigit, pins.ReasonRun,
		pins.ReasonKeypadLine, pins.ReasonRepeatedPart, pins.ReasonCommon, pins.ReasonYear,
		pins.ReasonDate, pins.ReasonShort,
	} {
		known[r] = true
	}
	for _, m := range fetch(t, testNow).Voicemail {
		if !known[m.PIN.Reason] {
			t.Errorf("mailbox %s: %q is not a reason the PIN judge gives", m.Extension, m.PIN.Reason)
		}
	}
}
