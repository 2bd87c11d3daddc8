package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// isWorkKey reports whether a key opens one of the screens reachable from both
// the audit and the results: the plan, export, leavers and call records.
func isWorkKey(km tea.KeyPressMsg, k keyMap) bool {
	return key.Matches(km, k.Plan, k.Export, k.Leavers, k.Calls)
}

// openWorkScreen opens the screen a work key names.
func (sh *shared) openWorkScreen(km tea.KeyPressMsg) tea.Cmd {
	k := sh.keys
	switch {
	case key.Matches(km, k.Plan):
		return push(newPlanScreen(sh))
	case key.Matches(km, k.Export):
		e, cmd := newExportScreen(sh)
		return tea.Sequence(push(e), cmd)
	case key.Matches(km, k.Leavers):
		l, cmd := newLeavers(sh)
		return tea.Sequence(push(l), cmd)
	case key.Matches(km, k.Calls):
		c, cmd := newCallsScreen(sh)
		return tea.Sequence(push(c), cmd)
	}
	return nil
}
