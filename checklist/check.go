package checklist

// Check is one entry of the catalogue: what to look at, why it matters and how to
// fix it. Checks with an evaluator are judged from the inventory; checks with a
// question are answered by a person; many have both, and the answer is used only
// when the inventory cannot tell.
type Check struct {
	ID       string   `yaml:"id" json:"id"`
	Domain   Domain   `yaml:"domain" json:"domain"`
	Title    string   `yaml:"title" json:"title"`
	Action   string   `yaml:"action" json:"action"` // the fix as one imperative line for the plan
	Why      string   `yaml:"why" json:"why"`
	Fix      []string `yaml:"fix" json:"fix"` // numbered steps, in order
	Severity Severity `yaml:"severity" json:"severity"`
	Effort   Effort   `yaml:"effort" json:"effort"`
	Refs     Refs     `yaml:"refs" json:"refs"`
	// Question is nil for checks that only the inventory can answer.
	Question *Question `yaml:"question,omitempty" json:"question,omitempty"`
	// Automated is set when an evaluator is registered for the check ID.
	Automated bool `yaml:"-" json:"automated"`
}

// Refs ties a check to the frameworks auditors ask about and to a public source.
type Refs struct {
	CyberEssentials string `yaml:"cyber_essentials,omitempty" json:"cyber_essentials,omitempty"`
	ISO27001        string `yaml:"iso27001,omitempty" json:"iso27001,omitempty"` // Annex A control(s), 2022 numbering
	Source          string `yaml:"source" json:"source"`                         // URL of a public source
	SourceTitle     string `yaml:"source_title,omitempty" json:"source_title,omitempty"`
}

// Question is what a person is asked when the inventory cannot tell.
type Question struct {
	Prompt string `yaml:"prompt" json:"prompt"`
	// Help is one short line shown under the prompt: why this matters or where to look.
	Help    string   `yaml:"help,omitempty" json:"help,omitempty"`
	Options []Option `yaml:"options" json:"options"`
}

// Option is one answer a person can give, and the status it leads to.
type Option struct {
	Value  string `yaml:"value" json:"value"`
	Label  string `yaml:"label" json:"label"`
	Status Status `yaml:"status" json:"status"`
}

// Answers every question accepts, added by the catalogue loader so that no
// question can forget them.
const (
	AnswerDontKnow      = "dont_know"
	AnswerNotApplicable = "not_applicable"
)

func standardOptions() []Option {
	return []Option{
		{Value: AnswerDontKnow, Label: "I don't know", Status: StatusUnknown},
		{Value: AnswerNotApplicable, Label: "Not applicable (say why)", Status: StatusNA},
	}
}

// Option returns the option with the given value.
func (q *Question) Option(value string) (Option, bool) {
	for _, o := range q.Options {
		if o.Value == value {
			return o, true
		}
	}
	return Option{}, false
}

// Values lists the accepted answer values, for error messages.
func (q *Question) Values() []string {
	values := make([]string, len(q.Options))
	for i, o := range q.Options {
		values[i] = o.Value
	}
	return values
}
