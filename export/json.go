package export

import (
	"encoding/json"
	"io"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

// WriteJSON writes the versioned JSON report, indented for people and diff tools.
func WriteJSON(w io.Writer, a *checklist.Audit, generated time.Time) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(NewReport(a, generated))
}
