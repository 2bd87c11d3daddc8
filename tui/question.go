package tui

import (
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/ringfence/ringfence/checklist"
)

// questionForm asks one check's question. "Not applicable" opens a second
// step for the reason, which the audit requires.
type questionForm struct {
	check       checklist.Check
	index       int
	of          int
	value       *string
	reason      *string
	form        *formHost
	previous    bool
	askedReason bool
	// refused is set when enter was pressed on "(choose an answer)": huh marks
	// the field with a star only, which at 80x24 looks like a frozen app.
	refused bool
}

// noAnswerYet heads a new question's options so that none is chosen for you.
const noAnswerYet = "(choose an answer)"

const chooseAnAnswer = "Choose an answer with the arrow keys first."

func newQuestionForm(sh *shared, ch checklist.Check, index, of, width int) (*questionForm, tea.Cmd) {
	q := &questionForm{check: ch, index: index, of: of, value: new(string), reason: new(string)}
	if prev, ok := sh.sess.audit.Answers[ch.ID]; ok {
		*q.value, *q.reason, q.previous = prev.Value, prev.Reason, true
	}
	var opts []huh.Option[string]
	if !q.previous {
		// huh highlights the first option, and Enter takes the highlighted
		// one: a first row that is no answer stops a stray Enter recording a pass.
		opts = append(opts, huh.NewOption(noAnswerYet, ""))
	}
	for _, o := range ch.Question.Options {
		opts = append(opts, huh.NewOption(o.Label, o.Value))
	}
	// The reason comes from the check itself; the question's help says
	// where to find the answer, so it is labelled as that.
	var parts []string
	if ch.Why != "" {
		parts = append(parts, "Why this matters: "+ch.Why)
	}
	if ch.Question.Help != "" {
		parts = append(parts, "Where to find out: "+ch.Question.Help)
	}
	desc := strings.Join(parts, "\n\n")
	sel := huh.NewSelect[string]().Title(ch.Question.Prompt).Options(opts...).Value(q.value).
		Validate(func(v string) error {
			if v == "" {
				return errors.New(chooseAnAnswer)
			}
			return nil
		})
	fields := []huh.Field{sel.Description(desc)}
	if sh.opts.Accessible && desc != "" {
		// huh reads out only a select's title and options in accessible mode.
		fields = []huh.Field{huh.NewNote().Title(ch.Question.Prompt).Description(desc), sel}
	}
	groups := []*huh.Group{huh.NewGroup(fields...)}
	if !sh.opts.Accessible {
		// Accessible forms ask every group regardless, so there the reason
		// is asked by a second form only when it is needed (askReason).
		groups = append(groups, q.reasonGroup(sh).
			WithHideFunc(func() bool { return *q.value != checklist.AnswerNotApplicable }))
	}
	var cmd tea.Cmd
	q.form, cmd = newFormHost(sh, width, groups...)
	return q, cmd
}

func (q *questionForm) reasonGroup(sh *shared) *huh.Group {
	return huh.NewGroup(described(sh, huh.NewInput().Title("Why does this not apply?").Value(q.reason).Validate(required("a reason")),
		"Why does this not apply?", "A short reason, so whoever reads the report later knows.")...)
}

// askReason starts the second form in accessible mode; it reports false when
// no reason is needed.
func (q *questionForm) askReason(sh *shared, width int) (bool, tea.Cmd) {
	if !sh.opts.Accessible || *q.value != checklist.AnswerNotApplicable || q.askedReason {
		return false, nil
	}
	q.askedReason = true
	var cmd tea.Cmd
	q.form, cmd = newFormHost(sh, width, q.reasonGroup(sh))
	return true, cmd
}

func (q *questionForm) answer() checklist.Answer {
	a := checklist.Answer{Value: *q.value}
	if a.Value == checklist.AnswerNotApplicable {
		a.Reason = strings.TrimSpace(*q.reason)
	}
	return a
}

func (q *questionForm) View(st styles, width int) string {
	head := st.muted.Render(truncate(fmt.Sprintf("Question %d of %d · %s · %s", q.index+1, q.of, q.check.ID, q.check.Title), width))
	if q.previous {
		head += "\n" + st.muted.Render(truncate("Answered before: enter keeps the answer shown.", width))
	}
	if q.refused && *q.value == "" {
		head += "\n" + st.errorText.Render(wrap(chooseAnAnswer, width))
	}
	return head + "\n\n" + q.form.View()
}
