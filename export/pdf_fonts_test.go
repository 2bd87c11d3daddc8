package export

import (
	"bytes"
	"crypto/sha256"
	"io"
	"sync"
	"testing"
)

// fpdf writes into the font bytes it is handed while it cuts a subset (its
// getMetrics appends into a slice of the font file), so a document must never
// be given the one shared copy of a font: the next document in the same run,
// such as a second export from the app, would be made with a damaged font.
func TestMakingAPDFLeavesTheFontsAlone(t *testing.T) {
	sums := func() [][32]byte {
		var out [][32]byte
		for _, f := range fontFiles {
			out = append(out, sha256.Sum256(f.ttf))
		}
		return out
	}
	before := sums()
	a := demoAudit(t)
	var wg sync.WaitGroup
	for range 2 { // at once, so that -race (as CI runs) also sees any sharing
		wg.Go(func() {
			if err := WritePDF(io.Discard, a, Options{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	after := sums()
	for i := range before {
		if !bytes.Equal(before[i][:], after[i][:]) {
			t.Errorf("making a PDF changed the %s %q font's bytes", fontFiles[i].family, fontFiles[i].style)
		}
	}
}
