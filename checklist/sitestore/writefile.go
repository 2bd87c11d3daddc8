package sitestore

import (
	"bytes"
	"io"
	"path/filepath"
)

// WriteFileAtomic writes a report or export so that a reader (or a crash) never
// sees half a file: the data goes to a temporary file beside the target, which
// then replaces it. The file is private to the user (0600) because reports name
// the weaknesses of a phone system.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	if dir, _ := filepath.Split(path); dir == "" {
		// A bare file name means the current folder, not the system's temp folder.
		path = "." + string(filepath.Separator) + path
	}
	return writeAtomic(path, buf.Bytes())
}
