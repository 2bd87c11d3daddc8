package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors/demo"
)

// A trainer can look through the demo company's own call records with no
// file, and finds what the demo audit's MON-02 found.
func TestCDRDemoReadsTheDemosOwnCalls(t *testing.T) {
	dir := t.TempDir()
	r := ringfence(t, dir, "cdr", "--demo")
	if r.code != exitOK {
		t.Fatalf("cdr --demo with no file: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	a, err := demo.Audit(context.Background(), checklist.Builtin(), fixedNow, nil)
	if err != nil {
		t.Fatal(err)
	}
	var mon *checklist.Result
	for i := range a.Results {
		if a.Results[i].CheckID == "MON-02" {
			mon = &a.Results[i]
		}
	}
	if mon == nil || len(mon.Affected) == 0 {
		t.Fatalf("the demo's MON-02 should find its leaver's night calls: %+v", mon)
	}
	if want := "Possible fraud: " + strconv.Itoa(len(mon.Affected)); !strings.Contains(r.stdout, want) {
		t.Errorf("want %q, as MON-02 found:\n%s", want, r.stdout)
	}
	for _, it := range mon.Affected {
		if !strings.Contains(r.stdout, it.Detail) {
			t.Errorf("MON-02 found %q, which cdr --demo does not show:\n%s", it.Detail, r.stdout)
		}
	}
}
