package csvinv

import (
	"fmt"

	"github.com/ringfence/ringfence/connectors/tabular"
)

// RowError is one line that was left out of the inventory and why. The rest
// of the file is still read, so one typo never costs the whole import.
type RowError = tabular.Skip

// maxRowErrors caps how many problems are listed, so a file of the wrong kind
// cannot fill memory with complaints; the count of the rest is still reported.
const maxRowErrors = tabular.MaxSkips

// problems lists the skipped lines, with a last entry counting any not listed.
func problems(rep tabular.Report) []RowError {
	out := rep.Skips
	if n := rep.Unlisted(); n > 0 && len(out) > 0 {
		more := fmt.Sprintf("%d more rows had problems and are not listed", n)
		if n == 1 {
			more = "1 more row had problems and is not listed"
		}
		out = append(out, RowError{Line: out[len(out)-1].Line, Reason: more + "; fix the ones above and import again"})
	}
	return out
}
