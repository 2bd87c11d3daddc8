package sitestore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MaxSavedFile is the most Ringfence reads of, or writes to, one saved file.
// A year of audits of a large site comes to a few megabytes, so anything near
// this size is not one of ours, and reading it whole could exhaust memory.
const MaxSavedFile = 64 << 20

// TooLargeError is a saved file too big to be one Ringfence wrote. It is
// neither read nor overwritten.
type TooLargeError struct {
	Path string
	Size int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is %s, larger than any file Ringfence saves (at most %s), so Ringfence did not read it and left it as it is. Move it aside or restore it from a backup.",
		e.Path, megabytes(e.Size), megabytes(MaxSavedFile))
}

func megabytes(n int64) string {
	mb := float64(n) / (1 << 20)
	if mb < 10 {
		return fmt.Sprintf("%.1f MB", mb)
	}
	return fmt.Sprintf("%.0f MB", mb)
}

// readVersioned reads the JSON file at path into v after checking its schema
// against newest, the highest version this build understands. A missing file
// is returned as the os error so callers can tell "not there" from "damaged".
func readVersioned(path string, newest int, v any) error {
	data, err := readSaved(path)
	if err != nil {
		return err
	}
	return decodeVersioned(path, data, newest, v)
}

// readSaved reads a whole saved file, refusing one over MaxSavedFile before
// reading it, or once it has grown past the cap while being read.
func readSaved(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() > MaxSavedFile {
		return nil, &TooLargeError{Path: path, Size: info.Size()}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSavedFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSavedFile {
		return nil, &TooLargeError{Path: path, Size: max(info.Size(), int64(len(data)))}
	}
	return data, nil
}

func decodeVersioned(path string, data []byte, newest int, v any) error {
	corrupt := func(text string, err error) error {
		return &CorruptFileError{Path: path, Err: &detail{text: text, err: err}}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return corrupt("the file is empty", nil)
	}
	var head struct {
		Schema *int `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return corrupt(describeJSONError(err), err)
	}
	switch {
	case head.Schema == nil:
		return corrupt("it has no file version", nil)
	case *head.Schema > newest:
		return &NewerVersionError{Path: path, Version: *head.Schema}
	case *head.Schema < 1:
		return corrupt(fmt.Sprintf("its file version (%d) is not valid", *head.Schema), nil)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return corrupt(describeJSONError(err), err)
	}
	return nil
}

func describeJSONError(err error) string {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end of JSON input"):
		return "it stops part-way through, as if it was cut short"
	case errors.As(err, &syntax):
		return fmt.Sprintf("it is not valid JSON (near byte %d)", syntax.Offset)
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return fmt.Sprintf("the field %q holds the wrong kind of value", typeErr.Field)
	case errors.As(err, &typeErr):
		return "it holds the wrong kind of value"
	}
	return err.Error()
}

// writeSaved encodes v and replaces path with it, refusing to write a file
// that readSaved would not read back.
func writeSaved(path string, v any) error {
	data, err := encodeSaved(path, v)
	if err != nil {
		return err
	}
	return writeAtomic(path, data)
}

func encodeSaved(path string, v any) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	data = append(data, '\n')
	if len(data) > MaxSavedFile {
		return nil, fmt.Errorf("Ringfence could not save %s: at %s it would be larger than a saved file may be (%s). The previous copy is untouched.", path, megabytes(int64(len(data))), megabytes(MaxSavedFile))
	}
	return data, nil
}

// createAtomic writes data to path only if nothing is there yet, and reports
// os.ErrExist otherwise. The finished file is hard-linked into place, which
// the file system refuses if the name is taken, so even a process that does
// not take the lock (an older Ringfence) cannot have both writes succeed.
// Where the file system has no hard links it falls back to a rename, which
// the caller's lock makes safe among current builds.
func createAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // once linked into place, path keeps the data
	switch err = os.Link(tmp, path); {
	case errors.Is(err, os.ErrExist):
		return err
	case err != nil:
		if _, serr := os.Lstat(path); serr == nil {
			return os.ErrExist
		}
		if err = os.Rename(tmp, path); err != nil {
			return saveError(path, err)
		}
	}
	if err := syncDir(dir); err != nil {
		return saveError(path, err)
	}
	return nil
}

// writeAtomic replaces path with data so that a crash at any moment leaves
// either the old file or the new one, never a mix.
func writeAtomic(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return saveError(path, err)
	}
	// Without this, a power cut can forget the rename even though the data is on disk.
	if err := syncDir(filepath.Dir(path)); err != nil {
		return saveError(path, err)
	}
	return nil
}

// writeTemp writes data, flushed to disk and private to you, to a temporary
// file beside path and returns its name. The name starts with a dot so that
// listings skip a temp file a crash leaves behind.
func writeTemp(path string, data []byte) (tmp string, err error) {
	dir, base := filepath.Split(path)
	f, err := os.CreateTemp(dir, "."+base+tempMarker+"*")
	if err != nil {
		return "", saveError(path, err)
	}
	tmp = f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return "", saveError(path, err)
	}
	if err = f.Sync(); err != nil {
		return "", saveError(path, err)
	}
	if err = f.Close(); err != nil {
		return "", saveError(path, err)
	}
	if err = os.Chmod(tmp, 0o600); err != nil {
		return "", saveError(path, err)
	}
	return tmp, nil
}

// tempMarker is in every temporary file's name, so a later run can tell its
// own leftovers from anything a person put in the folder.
const tempMarker = ".tmp-"

func isTempName(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, tempMarker)
}

// removeTemps deletes temporary files that a crashed save left in dir. Only call
// it while holding the site's lock, when no other save can be under way.
func removeTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() && isTempName(e.Name()) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

func saveError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		// Free space is not the problem: the folder is missing or mistyped.
		return fmt.Errorf("Ringfence could not save %s: the folder %s does not exist. Create it, or choose another folder, then try again.", path, filepath.Dir(path))
	}
	return fmt.Errorf("Ringfence could not save %s (%w). The previous copy is untouched; check there is free space and that you can write there, then try again.", path, err)
}
