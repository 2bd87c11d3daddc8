package cdr

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// File is a call-record file on disk. Its Scan is what the command line and
// the app both hand to core.ReviewCalls, so both read files the same way,
// reading and analysing at once.
type File struct {
	Path   string
	Layout Layout
	// Stats and Skipped are filled in by Scan.
	Stats   Stats
	Skipped []RowError
}

// Scan reads every call in the file and hands it to add.
func (f *File) Scan(add func(inventory.Call) error) error {
	r, err := os.Open(f.Path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("could not open the call records %s: %w", f.Path, err)
	}
	defer r.Close()
	f.Stats, f.Skipped, err = ScanConcurrently(r, f.Path, f.Layout, add)
	return err
}
