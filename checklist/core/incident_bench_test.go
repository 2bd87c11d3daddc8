package core

import (
	"fmt"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/callscan"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// benchCalls is a month of a 40-extension office's calls with a weekend of
// fraud from one extension.
func benchCalls() []inventory.Call {
	var calls []inventory.Call
	start := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	for day := range 30 {
		for k := range 3000 {
			at := start.Add(time.Duration(day)*24*time.Hour + time.Duration(k*11)*time.Second)
			calls = append(calls, inventory.Call{Start: at, From: fmt.Sprint(200 + k%40), To: fmt.Sprintf("0161%07d", k*7919%10000000), Duration: 3 * time.Minute, Answered: true})
		}
	}
	fraud := time.Date(2026, 11, 28, 1, 0, 0, 0, time.UTC)
	for k := range 2000 {
		calls = append(calls, inventory.Call{Start: fraud.Add(time.Duration(k) * 30 * time.Second), From: "207", To: "00252612345678", Duration: 5 * time.Minute, Answered: true, CostPence: 250})
	}
	return calls
}

// BenchmarkIncidentCalls reads 92,000 calls into breach findings; compare
// with BenchmarkReviewCalls for what counting each call once costs.
func BenchmarkIncidentCalls(b *testing.B) {
	calls := benchCalls()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := IncidentCalls(b.Context(), callscan.Config{}, OwnCalls(calls), now); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(calls)), "calls/op")
}

func BenchmarkReviewCalls(b *testing.B) {
	calls := benchCalls()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReviewCalls(b.Context(), callscan.Config{}, OwnCalls(calls), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(calls)), "calls/op")
}
