package safetext

import (
	"io"
	"unicode/utf8"
)

// Writer passes plain text on with every unsafe character made visible, as
// Text does; line breaks and tabs are kept. It is meant for a command's
// standard output and error, where every line is plain text: it is no place
// for output that carries escape sequences on purpose.
//
// A character split across two writes is held back until it is complete;
// Flush writes out anything still held.
type Writer struct {
	w       io.Writer
	clean   func(string) string
	pending []byte
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w, clean: Text} }

// NewJSONWriter returns a Writer for JSON: the text stays data, so instead of
// a visible stand-in each unsafe character that JSON allows as it is (DEL, C1
// controls, format characters, line and paragraph separators) is written as
// its \u escape, which means the same to a JSON reader and nothing to a
// terminal. JSON encoders already escape the C0 controls inside strings.
func NewJSONWriter(w io.Writer) *Writer { return &Writer{w: w, clean: EscapeJSON} }

// Write cleans p and writes it on. It reports len(p) on success, as callers
// count what they gave rather than what was written.
func (w *Writer) Write(p []byte) (int, error) {
	data := p
	if len(w.pending) > 0 {
		data = append(w.pending, p...)
		w.pending = nil
	}
	cut := incompleteTail(data)
	if cut < len(data) {
		w.pending = append([]byte(nil), data[cut:]...)
		data = data[:cut]
	}
	if len(data) == 0 {
		return len(p), nil
	}
	if _, err := io.WriteString(w.w, w.clean(string(data))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes any bytes held back, made visible if they never became a
// whole character.
func (w *Writer) Flush() error {
	if len(w.pending) == 0 {
		return nil
	}
	s := w.clean(string(w.pending))
	w.pending = nil
	_, err := io.WriteString(w.w, s)
	return err
}

// incompleteTail returns where a UTF-8 character that might still be
// completed by the next write starts, or len(b) if there is none.
func incompleteTail(b []byte) int {
	for back := 1; back <= utf8.UTFMax-1 && back <= len(b); back++ {
		c := b[len(b)-back]
		if c < 0x80 {
			return len(b) // ASCII: nothing is split
		}
		if c >= 0xC0 { // the lead byte of a character
			if need := leadLength(c); need > back {
				return len(b) - back
			}
			return len(b)
		}
	}
	return len(b)
}

func leadLength(c byte) int {
	switch {
	case c >= 0xF5, c < 0xC2:
		return 1 // never starts a character
	case c >= 0xF0:
		return 4
	case c >= 0xE0:
		return 3
	}
	return 2
}
