package cdr

import (
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// A row of one column is "1 column", not "1 columns".
func TestOneColumnIsSingular(t *testing.T) {
	t.Parallel()
	body := "calldate,src,dst,billsec,disposition\n" +
		"2026-11-18 02:14:03,214,00371678000091,2472,ANSWERED\n" +
		"lonely\n"
	_, errs, _ := Scan(strings.NewReader(body), "calls.csv", Layout{}, func(inventory.Call) error { return nil })
	var all []string
	for _, e := range errs {
		all = append(all, e.Error())
	}
	got := strings.Join(all, "\n")
	if !strings.Contains(got, "1 column where") {
		t.Errorf("want \"1 column where\" in:\n%s", got)
	}
}
