package export

import "github.com/ringfence/ringfence/checklist"

// judgedLine says which build, catalogue and advisories judged the audit, for
// every document, so that two reports of one site can be compared honestly.
func judgedLine(a *checklist.Audit) string {
	if a.JudgedBy == nil {
		return "This audit was saved by a version of Ringfence that did not record which check catalogue and advisories judged it."
	}
	return a.JudgedBy.Summary()
}

// staleNotice is the warning to update Ringfence when the audit was judged by
// out-of-date firmware advisories; empty otherwise.
func staleNotice(a *checklist.Audit) string {
	if a.JudgedBy == nil {
		return ""
	}
	return a.JudgedBy.StaleNotice()
}
