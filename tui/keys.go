package tui

import "charm.land/bubbles/v2/key"

// keyMap holds every key binding in the app. Screens pick the ones that apply
// to them for the short help line; ? shows them all.
type keyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Enter, Back, Quit, ForceQuit, Help      key.Binding
	Tab, Filter, ClearFilter                key.Binding
	New, Demo, Delete                       key.Binding
	Results, Plan, Export, Compare, Audit   key.Binding
	Accept, Done, Owner, SaveDemo, Cancel   key.Binding
	Answer, Retry, Continue, Baseline       key.Binding
	Leavers, Calls, Import, Switch          key.Binding
	Yes, No, SharedLine, PersonLine         key.Binding
	// Breach mode: what happened to each action, the steps, the log and
	// the reporting decisions.
	Breach, MarkDone, NotNeeded, Couldnt, Record key.Binding
	Details, NextStep, PrevStep, LogNote         key.Binding
	ReportYes, ReportNo, Reply, FraudDesk, Sign  key.Binding
}

func newKeyMap() keyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return keyMap{
		Up:          b([]string{"up", "k"}, "↑/k", "up"),
		Down:        b([]string{"down", "j"}, "↓/j", "down"),
		PageUp:      b([]string{"pgup"}, "pgup", "page up"),
		PageDown:    b([]string{"pgdown"}, "pgdn", "page down"),
		Top:         b([]string{"home", "g"}, "home", "first"),
		Bottom:      b([]string{"end", "G"}, "end", "last"),
		Enter:       b([]string{"enter"}, "enter", "open"),
		Back:        b([]string{"esc"}, "esc", "back"),
		Quit:        b([]string{"q"}, "q", "quit"),
		ForceQuit:   b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		Help:        b([]string{"?"}, "?", "all keys"),
		Tab:         b([]string{"tab"}, "tab", "items found"),
		Filter:      b([]string{"/"}, "/", "filter"),
		ClearFilter: b([]string{"esc"}, "esc", "clear filter"),
		New:         b([]string{"n"}, "n", "new site"),
		Demo:        b([]string{"d"}, "d", "demo company"),
		Delete:      b([]string{"x"}, "x", "delete"),
		Results:     b([]string{"r"}, "r", "results"),
		Plan:        b([]string{"p"}, "p", "action plan"),
		Export:      b([]string{"e"}, "e", "export"),
		Compare:     b([]string{"c"}, "c", "compare"),
		Audit:       b([]string{"a"}, "a", "questions"),
		Accept:      b([]string{"a"}, "a", "accept risk"),
		Done:        b([]string{"d"}, "d", "mark done"),
		Owner:       b([]string{"o"}, "o", "owner and due date"),
		SaveDemo:    b([]string{"s"}, "s", "save as a new site"),
		Cancel:      b([]string{"esc"}, "esc", "cancel"),
		Answer:      b([]string{"enter"}, "enter", "answer questions"),
		Retry:       b([]string{"t"}, "t", "try again"),
		Continue:    b([]string{"enter"}, "enter", "continue"),
		Baseline:    b([]string{"b"}, "b", "compare with an earlier audit"),
		Leavers:     b([]string{"l"}, "l", "leavers"),
		Calls:       b([]string{"f"}, "f", "call records"),
		Import:      b([]string{"i"}, "i", "import a list"),
		Switch:      b([]string{"tab"}, "tab", "switch list"),
		Yes:         b([]string{"y"}, "y", "yes, it is them"),
		No:          b([]string{"n"}, "n", "no, not them"),
		SharedLine:  b([]string{"s"}, "s", "role line"),
		PersonLine:  b([]string{"p"}, "p", "person's line"),
		Breach:      b([]string{"b"}, "b", "something has gone wrong"),
		MarkDone:    b([]string{"d"}, "d", "done"),
		NotNeeded:   b([]string{"n"}, "n", "not needed"),
		Couldnt:     b([]string{"c"}, "c", "couldn't"),
		// Record names d, n and c together on the help line, where there is
		// room for one hint; ? lists them one by one.
		Record:    b([]string{"d", "n", "c"}, "d/n/c", "done/not needed/couldn't"),
		Details:   b([]string{"enter"}, "enter", "note and who"),
		NextStep:  b([]string{"right"}, "→", "next step"),
		PrevStep:  b([]string{"left"}, "←", "previous step"),
		LogNote:   b([]string{"w"}, "w", "write in the log"),
		ReportYes: b([]string{"y"}, "y", "we will report"),
		ReportNo:  b([]string{"n"}, "n", "we won't report"),
		Reply:     b([]string{"enter"}, "enter", "answer"),
		FraudDesk: b([]string{"p"}, "p", "save the fraud desk"),
		Sign:      b([]string{"s"}, "s", "say what you noticed"),
	}
}
