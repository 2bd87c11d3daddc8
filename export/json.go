package export

import (
	"encoding/json"
	"io"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// WriteJSON writes the versioned JSON report, indented for people and diff tools.
func WriteJSON(w io.Writer, a *checklist.Audit, generated time.Time) error {
	// Names from a phone system stay as they are, but characters a terminal
	// would act on are written as \u escapes, so printing the report is safe.
	enc := json.NewEncoder(safetext.NewJSONWriter(w))
	enc.SetIndent("", "  ")
	return enc.Encode(NewReport(a, generated))
}
