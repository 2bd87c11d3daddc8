package safetext_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/checklist/safetext/hostile"
)

// checkLine is the property every output of Line must have: nothing unsafe,
// valid UTF-8, and input with nothing unsafe in it left exactly as it was.
func checkLine(t *testing.T, in string) {
	t.Helper()
	out := safetext.Line(in)
	if !utf8.ValidString(out) {
		t.Fatalf("Line(%q) = %q, not valid UTF-8", in, out)
	}
	for _, r := range out {
		if safetext.Unsafe(r) {
			t.Fatalf("Line(%q) = %q still holds U+%04X", in, out, r)
		}
	}
	if safetext.Clean(in) != (out == in) {
		t.Fatalf("Line(%q) = %q, but Clean says %v", in, out, safetext.Clean(in))
	}
	text := safetext.Text(in)
	for _, r := range text {
		if safetext.Unsafe(r) && r != '\n' && r != '\t' {
			t.Fatalf("Text(%q) = %q still holds U+%04X", in, text, r)
		}
	}
	if strings.Count(text, "\n") != strings.Count(in, "\n") {
		t.Fatalf("Text(%q) = %q changed the line breaks", in, text)
	}
	// JSON's own spacing (C0) is left to the encoder; nothing else unsafe stays.
	for _, r := range safetext.EscapeJSON(in) {
		if r >= 0x20 && safetext.Unsafe(r) {
			t.Fatalf("EscapeJSON(%q) still holds U+%04X", in, r)
		}
	}
}

func FuzzLine(f *testing.F) {
	for _, s := range append(hostile.Names, hostile.Safe...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkLine(t, s) })
}

// TestLineProperty runs the property over strings drawn from the ranges that
// matter: ASCII, controls, C1, Latin with accents, CJK, Arabic, emoji, every
// format character and stray bytes.
func TestLineProperty(t *testing.T) {
	t.Parallel()
	var pool []rune
	for r := rune(0); r < 0x250; r++ {
		pool = append(pool, r)
	}
	for _, tab := range []*unicode.RangeTable{unicode.Cf, unicode.Zl, unicode.Zp, unicode.Arabic, unicode.Han, unicode.Cyrillic} {
		for _, rg := range tab.R16 {
			for r := rune(rg.Lo); r <= rune(rg.Hi) && r < rune(rg.Lo)+200; r += rune(rg.Stride) {
				pool = append(pool, r)
			}
		}
		for _, rg := range tab.R32 {
			for r := rune(rg.Lo); r <= rune(rg.Hi) && r < rune(rg.Lo)+50; r += rune(rg.Stride) {
				pool = append(pool, r)
			}
		}
	}
	pool = append(pool, '😀', 0x1F469, 0xFFFD, 0x10FFFF)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(24) {
			if rng.IntN(20) == 0 {
				b.WriteByte(byte(0x80 + rng.IntN(0x80))) // a stray byte
				continue
			}
			b.WriteRune(pool[rng.IntN(len(pool))])
		}
		checkLine(t, b.String())
	}
}

func TestLineKeepsNames(t *testing.T) {
	t.Parallel()
	for _, s := range hostile.Safe {
		if got := safetext.Line(s); got != s {
			t.Errorf("Line(%q) = %q, want it unchanged", s, got)
		}
	}
}

func TestLineShowsWhatWasHidden(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"a\x1b]2;x\x07b", "a␛]2;x␇b"},
		{"evil\u202etxt", "evil<U+202E>txt"},
		{"csi\u009b", "csi<U+009B>"},
		{"raw\x9b", "raw<0x9B>"},
		{"del\x7f", "del␡"},
		{"two\nlines\ttab", "two␊lines␉tab"},
		{"Ad\u200dmin", "Ad<U+200D>min"},
	} {
		if got := safetext.Line(tc.in); got != tc.want {
			t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := safetext.Text("one\n\x1b[2Jtwo\t3"); got != "one\n␛[2Jtwo\t3" {
		t.Errorf("Text kept the wrong things: %q", got)
	}
}

// TestWriterSplitsCharacters writes hostile and legitimate text in every
// split, so a character cut across writes is neither lost nor mangled.
func TestWriterSplitsCharacters(t *testing.T) {
	t.Parallel()
	in := strings.Join(append(append([]string{}, hostile.Safe...), hostile.Names[:14]...), "\n") + "\nend é"
	want := safetext.Text(in)
	for step := 1; step <= 7; step++ {
		var out bytes.Buffer
		w := safetext.NewWriter(&out)
		for i := 0; i < len(in); i += step {
			if n, err := w.Write([]byte(in[i:min(i+step, len(in))])); err != nil || n != min(step, len(in)-i) {
				t.Fatalf("Write returned %d, %v", n, err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Fatalf("writes of %d bytes gave\n%q\nwant\n%q", step, out.String(), want)
		}
	}
	var out bytes.Buffer
	w := safetext.NewWriter(&out)
	w.Write([]byte("cut \xc5"))
	w.Flush()
	if out.String() != "cut <0xC5>" {
		t.Fatalf("an unfinished character at the end gave %q", out.String())
	}
}

func BenchmarkLineClean(b *testing.B) {
	s := strings.Repeat("Siobhán Ní Bhriain, extension 204; ", 20)
	for b.Loop() {
		safetext.Line(s)
	}
}

// TestEscapeJSONKeepsTheData: the escaped document decodes to exactly the
// same text, and holds nothing a terminal would act on.
func TestEscapeJSONKeepsTheData(t *testing.T) {
	t.Parallel()
	for _, s := range append(append([]string{}, hostile.Names...), hostile.Safe...) {
		raw, err := json.MarshalIndent(map[string]string{"name": s}, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		w := safetext.NewJSONWriter(&out)
		w.Write(raw)
		w.Flush()
		if bad := hostile.Find(out.String(), false); bad != "" {
			t.Errorf("JSON for %q holds %s", s, bad)
		}
		var back map[string]string
		if err := json.Unmarshal(out.Bytes(), &back); err != nil {
			t.Fatalf("escaped JSON does not decode: %v\n%s", err, out.String())
		}
		if want := strings.ToValidUTF8(s, "\ufffd"); back["name"] != want {
			t.Errorf("JSON changed %q into %q", want, back["name"])
		}
	}
}
