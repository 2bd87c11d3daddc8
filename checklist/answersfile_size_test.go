package checklist

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file named as the answers that is far larger than any answers file could
// be (a log, a disk image, a mistyped path) is refused by its size without
// being read into memory.
func TestAHugeAnswersFileIsRefusedUnread(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "answers.yaml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: large on paper, nothing on disk.
	if err := f.Truncate(2 << 30); err != nil {
		t.Skipf("this file system cannot make a sparse file: %v", err)
	}
	f.Close()
	_, err = LoadAnswersFile(path, Builtin())
	var afe *AnswersFileError
	if !errors.As(err, &afe) || !strings.Contains(err.Error(), "answers.yaml") || !strings.Contains(err.Error(), "larger") {
		t.Fatalf("want a refusal naming the file and its size, got %v", err)
	}
}
