package hrlist

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors/tabular"
)

// ReadFile reads a staff list from disk: the command line and the app both
// read it this way, so they keep and skip the same rows.
func ReadFile(path string) ([]inventory.StaffMember, tabular.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, tabular.Report{}, fmt.Errorf("could not open the staff list %s: %w", path, err)
	}
	defer f.Close()
	return ReadReport(f, path)
}
