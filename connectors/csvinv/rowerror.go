package csvinv

import "fmt"

// RowError is one row that was left out of the inventory and why. The rest of
// the file is still read, so one typo never costs the whole import.
type RowError struct {
	Line   int    // line number in the file, counting the header as line 1
	Reason string // plain words, e.g. "MAC 'zz:11' is not a MAC address"
}

func (e RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// maxRowErrors caps how many problems are kept, so a file of the wrong kind
// cannot fill memory with complaints; the count of the rest is still reported.
const maxRowErrors = 1000
