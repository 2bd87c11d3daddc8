package cdr

import (
	"errors"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist/inventory"
)

func TestScanConcurrentlyMatchesScan(t *testing.T) {
	t.Parallel()
	file := func() *strings.Reader { return strings.NewReader(readAllGen(t, newMasterGen(10_000, 0))) }
	var serial, overlapped []inventory.Call
	st1, rej1, err1 := Scan(file(), "a.csv", Layout{}, func(c inventory.Call) error { serial = append(serial, c); return nil })
	st2, rej2, err2 := ScanConcurrently(file(), "a.csv", Layout{}, func(c inventory.Call) error { overlapped = append(overlapped, c); return nil })
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	same := st1.Format == st2.Format && st1.Rows == st2.Rows && st1.Calls == st2.Calls && st1.Rejected == st2.Rejected &&
		st1.First.Equal(st2.First) && st1.Last.Equal(st2.Last)
	if !same || len(rej1) != len(rej2) || len(serial) != len(overlapped) {
		t.Fatalf("stats %+v vs %+v, %d vs %d calls", st1, st2, len(serial), len(overlapped))
	}
	for i := range serial {
		a, b := serial[i], overlapped[i]
		if !a.Start.Equal(b.Start) || a.From != b.From || a.To != b.To || a.Duration != b.Duration {
			t.Fatalf("call %d differs or is out of order", i)
		}
	}
}

func TestScanConcurrentlyStopsOnTheFirstError(t *testing.T) {
	t.Parallel()
	stop := errors.New("stop")
	n := 0
	st, _, err := ScanConcurrently(strings.NewReader(readAllGen(t, newMasterGen(100_000, 0))), "a.csv", Layout{}, func(c inventory.Call) error {
		n++
		if n == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("got %v", err)
	}
	if n != 10 {
		t.Errorf("fn ran %d times after failing on the 10th call", n)
	}
	if st.Calls >= 100_000 {
		t.Errorf("the scan read all %d calls instead of stopping", st.Calls)
	}
}

func readAllGen(t *testing.T, g *masterGen) string {
	t.Helper()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := g.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}
