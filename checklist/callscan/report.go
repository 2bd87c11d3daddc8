package callscan

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Incidents closes the open windows and returns everything found, most
// serious first. Call it once every call has been added; adding more calls
// afterwards starts fresh windows.
func (a *Analyzer) Incidents() []Incident {
	a.flush()
	var out []Incident
	out = append(out, a.groupIncidents()...)
	out = append(out, a.burstIncidents()...)
	out = append(out, a.shortCallIncidents()...)
	out = append(out, a.concurrencyIncidents()...)
	// Call records may come in any zone; people read the times in the site's.
	for i := range out {
		out[i].Start, out[i].End = out[i].Start.In(a.hours.Location), out[i].End.In(a.hours.Location)
	}
	slices.SortStableFunc(out, compareIncidents)
	return out
}

func (a *Analyzer) flush() {
	for _, e := range a.exts {
		for _, s := range e.open {
			e.close(s)
		}
		e.open = e.open[:0]
	}
	for i := range a.numState {
		a.numState[i].keepBest()
		a.numState[i].count = 0
	}
	for i := range a.ring {
		if a.ring[i].count > 0 {
			a.closeMinute(&a.ring[i])
		}
	}
	a.started, a.direction = false, 0
}

func (a *Analyzer) groupIncidents() []Incident {
	var out []Incident
	for k, g := range a.groups {
		ext := a.extName[k.ext]
		inc := Incident{Kind: k.kind, Start: g.first, End: g.lastEnd, Extensions: []string{ext},
			Calls: g.calls, Minutes: float64(g.secs) / 60, CostPence: int(g.cost), CostKnown: g.costKnown}
		made := fmt.Sprintf("Extension %s made %s (%s)", ext, plural(g.calls, "call", "calls"), talkTime(g.secs))
		switch k.kind {
		case KindLeaverCalls:
			inc.Severity = Critical
			inc.Explanation = fmt.Sprintf("%s after its owner left on %s. Someone is using a leaver's extension: disable it and change its password now.",
				made, g.leftOn.Format("2 Jan 2006"))
		case KindHighRisk:
			inc.Severity = High
			inc.Destination = "+" + k.dest
			if satellite(k.dest) {
				inc.Explanation = fmt.Sprintf("%s to %s (+%s): satellite and international-network numbers cost many times an ordinary call abroad, and fraudsters use them to earn from your line.",
					made, countryName(k.dest), k.dest)
				break
			}
			inc.Explanation = fmt.Sprintf("%s to %s (+%s), one of the destinations fraud reports name most often for calls that earn money for fraudsters.",
				made, countryName(k.dest), k.dest)
		case KindNotAllowed:
			inc.Severity = High
			inc.Destination = "+" + k.dest
			inc.Explanation = fmt.Sprintf("%s to %s (+%s), which is not on your list of countries you call.", made, countryName(k.dest), k.dest)
		case KindPremium:
			inc.Severity = High
			inc.Destination = k.dest
			inc.Explanation = fmt.Sprintf("%s to %s numbers, which pass part of the charge to whoever holds the number.", made, k.dest)
		case KindInvalidNumber:
			inc.Severity = High
			inc.Destination = "+" + k.dest
			inc.Explanation = fmt.Sprintf("%s to numbers abroad that are too long or too short to exist, which fraud tools often dial.", made)
		case KindOutOfHours:
			if g.calls < nightMinCalls && g.secs < nightMinMinutes*60 && !g.costly {
				continue
			}
			inc.Severity = Medium
			if g.costly {
				inc.Severity = High
			}
			inc.Explanation = fmt.Sprintf("%s while you were closed, between %s and %s. Check that someone was really working then.",
				made, when(a.hours, g.first), when(a.hours, g.lastEnd))
			if a.hoursAssumed {
				inc.HoursAssumed = true
				inc.Explanation += " Your business hours were never given, so Monday to Friday, 08:00 to 18:00 UK time was assumed; if you open evenings or Saturdays, give your real hours."
			}
		}
		inc.Explanation += a.costNote(inc)
		out = append(out, inc)
	}
	return out
}

func (a *Analyzer) costNote(inc Incident) string {
	if !inc.CostKnown || inc.CostPence <= 0 {
		return ""
	}
	return fmt.Sprintf(" They cost about £%d.%02d.", inc.CostPence/100, inc.CostPence%100)
}

func (a *Analyzer) burstIncidents() []Incident {
	var out []Incident
	for _, e := range a.exts {
		if len(e.cands) == 0 {
			continue
		}
		limit := burstThreshold(e)
		var hot []hourSlot
		for _, s := range e.cands {
			if float64(s.calls) >= limit {
				hot = append(hot, s)
			}
		}
		slices.SortFunc(hot, func(x, y hourSlot) int { return int(x.hour - y.hour) })
		for i := 0; i < len(hot); {
			j := i
			var calls int32
			var secs, cost int64
			for ; j < len(hot) && hot[j].hour-hot[i].hour == int64(j-i); j++ {
				calls += hot[j].calls
				secs += hot[j].secs
				cost += hot[j].cost
			}
			start := time.Unix(hot[i].hour*3600, 0).In(a.hours.Location)
			ext := a.extName[e.id]
			inc := Incident{Kind: KindBurst, Severity: High, Start: start, End: start.Add(time.Duration(j-i) * time.Hour),
				Extensions: []string{ext}, Calls: int(calls), Minutes: float64(secs) / 60, CostPence: int(cost), CostKnown: cost > 0}
			usual := "it has too little history for a usual figure"
			if e.n >= burstHistoryHours {
				usual = fmt.Sprintf("in an hour when it is used it usually makes about %.0f", math.Max(1, e.mean))
			}
			inc.Explanation = fmt.Sprintf("Extension %s made %s to outside numbers in %s from %s; %s.",
				ext, plural(int(calls), "call", "calls"), plural(j-i, "hour", "hours"), when(a.hours, start), usual) + a.costNote(inc)
			out = append(out, inc)
			i = j
		}
	}
	return out
}

// burstThreshold is how many calls in one hour stand out for this extension:
// well above its own habits, and never fewer than the minimum.
func burstThreshold(e *extState) float64 {
	if e.n < burstHistoryHours {
		return 2 * burstMinimum
	}
	sd := math.Sqrt(e.m2 / float64(e.n))
	return math.Max(burstMinimum, math.Max(e.mean+6*sd, 3*e.mean))
}

func (a *Analyzer) shortCallIncidents() []Incident {
	var out []Incident
	for i := range a.numState {
		s := &a.numState[i]
		num := s.national
		if s.bestCount < shortCallsPerDay {
			continue
		}
		exts := make([]string, 0, s.nexts)
		for _, id := range s.exts[:s.nexts] {
			exts = append(exts, a.extName[id])
		}
		slices.Sort(exts)
		start := time.Unix(s.bestFirst, 0).In(a.hours.Location)
		out = append(out, Incident{Kind: KindShortCalls, Severity: Medium, Start: start,
			End: time.Unix(s.bestLast, 0).In(a.hours.Location), Extensions: exts, Destination: num, Calls: int(s.bestCount),
			Explanation: fmt.Sprintf("%s was called %s for under %s on %s (%s in all), from %s. Fraudsters test a line with short calls before they use it.",
				num, plural(int(s.bestCount), "time", "times"), plural(int(shortCall/time.Second), "second", "seconds"), start.Format("2 Jan 2006"), plural(int(s.total), "short call", "short calls"), extList(exts))})
	}
	return out
}

func (a *Analyzer) concurrencyIncidents() []Incident {
	var busy, total int64
	for _, n := range a.hist[1:] {
		total += n
	}
	if total == 0 {
		return nil
	}
	// The 99th percentile of minutes with any outside call is "normal".
	p99 := 0
	for c := 1; c < len(a.hist); c++ {
		busy += a.hist[c]
		if float64(busy) >= 0.99*float64(total) {
			p99 = c
			break
		}
	}
	limit := max(concurrentMinimum, 2*p99, p99+5)
	if a.cfg.MaxConcurrentCalls > 0 {
		limit = min(limit, a.cfg.MaxConcurrentCalls+1)
	}
	var out []Incident
	for _, ep := range a.episodes {
		if int(ep.peak) < limit {
			continue
		}
		exts := make([]string, 0, len(ep.exts))
		for _, id := range ep.exts {
			exts = append(exts, a.extName[id])
		}
		slices.Sort(exts)
		start := time.Unix(ep.start*60, 0).In(a.hours.Location)
		out = append(out, Incident{Kind: KindConcurrentCall, Severity: High, Start: start,
			End: time.Unix((ep.end+1)*60, 0).In(a.hours.Location), Extensions: exts, Calls: int(ep.peak),
			Explanation: fmt.Sprintf("Up to %s were running at once from %s; most of the time you have no more than %d. Extensions involved: %s.",
				plural(int(ep.peak), "outside call", "outside calls"), when(a.hours, start), p99, extList(exts))})
	}
	return out
}

func when(h BusinessHours, t time.Time) string {
	return t.In(h.Location).Format("15:04 on Mon 2 Jan 2006")
}

func extList(exts []string) string {
	if len(exts) == 0 {
		return "unknown extensions"
	}
	return strings.Join(exts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// talkTime writes seconds as "4 h 13 min", "12 min" or "40 s".
func talkTime(secs int64) string {
	switch {
	case secs >= 3600:
		return fmt.Sprintf("%d h %d min", secs/3600, secs%3600/60)
	case secs >= 60:
		return fmt.Sprintf("%d min", (secs+30)/60)
	}
	return fmt.Sprintf("%d s", secs)
}

// compareIncidents puts the most serious first, then the earliest. Every field
// breaks ties, so the same calls always give the same order whatever order the
// maps behind the windows were walked in. Cheap fields are compared first: a
// large file can give thousands of incidents to sort.
func compareIncidents(x, y Incident) int {
	if d := x.Severity.rank() - y.Severity.rank(); d != 0 {
		return d
	}
	if c := x.Start.Compare(y.Start); c != 0 {
		return c
	}
	if c := slices.Compare(x.Extensions, y.Extensions); c != 0 {
		return c
	}
	if c := strings.Compare(string(x.Kind), string(y.Kind)); c != 0 {
		return c
	}
	if c := strings.Compare(x.Destination, y.Destination); c != 0 {
		return c
	}
	if c := x.End.Compare(y.End); c != 0 {
		return c
	}
	return cmp.Compare(x.Calls, y.Calls)
}
