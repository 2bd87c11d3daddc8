package callscan

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

var london = DefaultHours().Location

// ordinaryCalls makes a clean office's calls: weekdays between 09:00 and
// 17:00 UK time, to a pool of UK numbers and a few French and Irish ones, in
// time order. Nothing in it should raise an incident.
func ordinaryCalls(days, exts int, seed uint64) []inventory.Call {
	r := rand.New(rand.NewPCG(seed, 1))
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, london) // a Monday
	var calls []inventory.Call
	for d := 0; d < days; d++ {
		day := start.AddDate(0, 0, d)
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		for e := 0; e < exts; e++ {
			for k := r.IntN(12); k > 0; k-- {
				at := day.Add(9*time.Hour + time.Duration(r.IntN(8*3600))*time.Second)
				calls = append(calls, ordinaryCall(r, at, fmt.Sprint(200+e)))
			}
		}
	}
	sortCalls(calls)
	return calls
}

func ordinaryCall(r *rand.Rand, at time.Time, ext string) inventory.Call {
	to := fmt.Sprintf("0161496%04d", r.IntN(2000))
	switch r.IntN(40) {
	case 0:
		to = fmt.Sprintf("0033%09d", r.IntN(1e9))
	case 1:
		to = fmt.Sprintf("+3531%07d", r.IntN(1e7))
	case 2:
		to = fmt.Sprintf("07700900%03d", r.IntN(1000))
	}
	d := time.Duration(20+r.IntN(600)) * time.Second
	answered := r.IntN(6) > 0
	if !answered {
		d = 0
	}
	return inventory.Call{Start: at, From: ext, To: to, Duration: d, Answered: answered}
}

func sortCalls(calls []inventory.Call) {
	for i := 1; i < len(calls); i++ { // insertion sort keeps the generator free of imports
		for j := i; j > 0 && calls[j].Start.Before(calls[j-1].Start); j-- {
			calls[j], calls[j-1] = calls[j-1], calls[j]
		}
	}
}

func cleanConfig() Config {
	return Config{AllowedCountries: []string{"33", "353"}}
}
