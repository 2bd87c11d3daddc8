package callscan

import (
	"math"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// Analyzer accumulates calls and reports incidents. It is not safe for use by
// several goroutines at once.
type Analyzer struct {
	cfg          Config
	hours        BusinessHours
	hoursAssumed bool                 // no hours were given: the default week is in use
	leftFrom     map[string]time.Time // when each leaver's calls start to count
	clock        *clock
	allowed      map[string]bool

	exts     map[string]*extState
	extName  []string
	groups   map[groupKey]*group
	numbers  map[uint64]int32 // number key to its place in numState
	numState []numState

	ring      [ringSize]minuteSlot
	frontier  int64 // the furthest minute reached in the direction the rows run
	direction int   // +1 oldest first, -1 newest first, 0 not yet known
	started   bool
	hist      [256]int64
	episodes  []episode

	seen Counts
	last Judged
}

// New starts an analysis with the given settings.
func New(cfg Config) *Analyzer {
	h := cfg.Hours
	assumed := h.isZero()
	if assumed {
		h = DefaultHours()
	}
	if h.Location == nil {
		h.Location = DefaultHours().Location
	}
	a := &Analyzer{
		cfg: cfg, hours: h, hoursAssumed: assumed, clock: newClock(h.Location),
		exts:    make(map[string]*extState),
		groups:  make(map[groupKey]*group),
		numbers: make(map[uint64]int32),
	}
	if len(cfg.Leavers) > 0 {
		a.leftFrom = make(map[string]time.Time, len(cfg.Leavers))
		for ext, left := range cfg.Leavers {
			a.leftFrom[ext] = afterLeaving(left, h.Location)
		}
	}
	if cfg.AllowedCountries != nil {
		a.allowed = make(map[string]bool, len(cfg.AllowedCountries))
		for _, c := range cfg.AllowedCountries {
			a.allowed[strings.TrimLeft(strings.TrimSpace(c), "+0")] = true
		}
	}
	return a
}

// Seen reports how many calls were added and how they were treated.
func (a *Analyzer) Seen() Counts { return a.seen }

type groupKey struct {
	kind Kind
	ext  int32
	dest string
}

type group struct {
	calls      int
	secs       int64
	cost       int64
	costKnown  bool
	costly     bool // out of hours and abroad or premium
	first      time.Time
	lastEnd    time.Time
	leftOn     time.Time
	riskSource string
}

type extState struct {
	id    int32
	open  []hourSlot
	n     int64
	mean  float64
	m2    float64
	cands []hourSlot
}

type hourSlot struct {
	hour  int64
	calls int32
	secs  int64
	cost  int64
}

// ext returns the state for an extension, creating it on first sight. The
// number is copied so that it does not pin the reader's row buffer.
func (a *Analyzer) ext(number string) *extState {
	if e, ok := a.exts[number]; ok {
		return e
	}
	number = strings.Clone(number)
	e := &extState{id: int32(len(a.extName))}
	a.exts[number] = e
	a.extName = append(a.extName, number)
	return e
}

// Add takes one call record.
func (a *Analyzer) Add(c inventory.Call) {
	a.seen.Calls++
	a.last = Judged{CostPence: -1}
	from := strings.TrimSpace(c.From)
	if after, ok := a.leftFrom[from]; ok && !c.Start.IsZero() && !c.Start.Before(after) {
		a.last.Leaver = true
		left := a.cfg.Leavers[from]
		e := a.ext(from)
		g := a.group(KindLeaverCalls, e.id, "", c)
		g.leftOn = left
		a.addCost(g, c, parseNumber(c.To, a.cfg.OutsideLine))
	}
	if looksExternal(from) {
		a.seen.Incoming++
		return
	}
	n := parseNumber(c.To, a.cfg.OutsideLine)
	if !n.external() {
		a.seen.Internal++
		return
	}
	a.seen.Outbound++
	a.last.Outbound = true
	a.last.CostPence = a.costOf(c, n)
	e := a.ext(from)
	dest := ""
	switch n.kind {
	case numSpecial:
		dest = n.rng
		a.addCost(a.group(KindPremium, e.id, dest, c), c, n)
	case numInternational:
		digits := n.national[2:]
		switch rk := riskKey(digits); {
		case !validLength(n.national):
			dest = n.code
			a.addCost(a.group(KindInvalidNumber, e.id, n.code, c), c, n)
		case rk != "":
			dest = rk
			g := a.group(KindHighRisk, e.id, rk, c)
			g.riskSource = highRisk[rk]
			a.addCost(g, c, n)
		case a.allowed != nil && !a.allowed[n.code]:
			dest = n.code
			a.addCost(a.group(KindNotAllowed, e.id, n.code, c), c, n)
		}
	}
	a.last.Risky = n.kind == numSpecial || dest != ""
	if c.Start.IsZero() {
		a.seen.Undated++
		return
	}
	local := a.clock.local(c.Start)
	if !a.hours.open(local) {
		a.last.OutOfHours = true
		g := a.group(KindOutOfHours, e.id, "", c)
		g.costly = g.costly || n.kind == numSpecial || dest != ""
		a.addCost(g, c, n)
	}
	secs := int64(c.Duration / time.Second)
	a.countHour(e, floorDiv(c.Start.Unix(), 3600), secs, a.costOf(c, n))
	if c.Duration > 0 && c.Duration <= shortCall {
		a.shortCall(n.national, floorDiv(local, 86400), c.Start.Unix(), e.id)
	}
	a.sweep(c.Start, c.Duration, e.id)
}

func (a *Analyzer) group(kind Kind, ext int32, dest string, c inventory.Call) *group {
	k := groupKey{kind, ext, dest}
	g := a.groups[k]
	if g == nil {
		k.dest = strings.Clone(dest)
		g = &group{first: c.Start}
		a.groups[k] = g
	}
	g.calls++
	g.secs += int64(c.Duration / time.Second)
	if !c.Start.IsZero() && (g.first.IsZero() || c.Start.Before(g.first)) {
		g.first = c.Start
	}
	if end := c.Start.Add(c.Duration); end.After(g.lastEnd) {
		g.lastEnd = end
	}
	return g
}

func (a *Analyzer) addCost(g *group, c inventory.Call, n number) {
	if p := a.costOf(c, n); p >= 0 {
		g.cost += p
		g.costKnown = true
	}
}

// costOf returns the call's cost in pence, or -1 when nothing says.
func (a *Analyzer) costOf(c inventory.Call, n number) int64 {
	if c.CostPence > 0 {
		return int64(c.CostPence)
	}
	if len(a.cfg.Rates) == 0 || n.national == "" {
		return -1
	}
	for l := len(n.national); l > 0; l-- {
		if r, ok := a.cfg.Rates[n.national[:l]]; ok {
			return int64(r) * int64(math.Ceil(c.Duration.Minutes()))
		}
	}
	return -1
}

// countHour adds a call to the extension's hourly count. Hours more than the
// ordering tolerance away from this call are closed and folded into the
// extension's baseline; only the busiest closed hours are kept.
func (a *Analyzer) countHour(e *extState, hour, secs, cost int64) {
	for i := range e.open {
		if e.open[i].hour == hour {
			e.open[i].calls++
			e.open[i].secs += secs
			if cost > 0 {
				e.open[i].cost += cost
			}
			return
		}
	}
	keep := e.open[:0]
	for _, s := range e.open {
		if abs64(s.hour-hour) > int64(orderTolerance/time.Hour) {
			e.close(s)
		} else {
			keep = append(keep, s)
		}
	}
	s := hourSlot{hour: hour, calls: 1, secs: secs}
	if cost > 0 {
		s.cost = cost
	}
	e.open = append(keep, s)
}

func (e *extState) close(s hourSlot) {
	e.n++
	x := float64(s.calls)
	d := x - e.mean
	e.mean += d / float64(e.n)
	e.m2 += d * (x - e.mean)
	if s.calls < burstMinimum {
		return
	}
	if len(e.cands) < candidatesPerExt {
		e.cands = append(e.cands, s)
		return
	}
	low := 0
	for i := range e.cands {
		if e.cands[i].calls < e.cands[low].calls {
			low = i
		}
	}
	if s.calls > e.cands[low].calls {
		e.cands[low] = s
	}
}

type numState struct {
	national           string
	day, first, last   int64
	count              int32
	bestDay, bestFirst int64
	bestLast           int64
	bestCount, total   int32
	exts               [4]int32
	nexts              uint8
}

// numberKey packs a national-form number of up to 17 digits into an integer,
// length included so that leading zeros count: hashing an integer is much
// cheaper than hashing and comparing strings on every short call. Longer
// numbers (rare, and suspicious in themselves) share one key per length.
func numberKey(national string) uint64 {
	var v uint64
	for i := 0; i < len(national) && i < 17; i++ {
		v = v*10 + uint64(national[i]-'0')
	}
	return uint64(min(len(national), 31))<<59 | v
}

// shortCall counts a very short call to one number, per local day.
func (a *Analyzer) shortCall(national string, day, at int64, ext int32) {
	key := numberKey(national)
	i, ok := a.numbers[key]
	if !ok {
		if len(a.numbers) >= maxTrackedNumbers {
			a.pruneNumbers()
		}
		i = int32(len(a.numState))
		a.numState = append(a.numState, numState{national: strings.Clone(national), day: day, first: at, last: at})
		a.numbers[key] = i
	}
	s := &a.numState[i]
	if s.day != day {
		s.keepBest()
		s.day, s.count, s.first, s.last = day, 0, at, at
	}
	s.count++
	s.total++
	s.first, s.last = min(s.first, at), max(s.last, at)
	for i := uint8(0); i < s.nexts; i++ {
		if s.exts[i] == ext {
			return
		}
	}
	if int(s.nexts) < len(s.exts) {
		s.exts[s.nexts] = ext
		s.nexts++
	}
}

func (s *numState) keepBest() {
	if s.count > s.bestCount {
		s.bestDay, s.bestCount, s.bestFirst, s.bestLast = s.day, s.count, s.first, s.last
	}
}

// pruneNumbers drops numbers that had only a stray short call or two, so that
// a file with very many distinct numbers cannot grow the table without end.
func (a *Analyzer) pruneNumbers() {
	kept := a.numState[:0]
	clear(a.numbers)
	for _, s := range a.numState {
		if s.total > 2 {
			a.numbers[numberKey(s.national)] = int32(len(kept))
			kept = append(kept, s)
		}
	}
	clear(a.numState[len(kept):])
	a.numState = kept
}

const ringSize = 1024 // minutes; must cover twice the tolerance plus the longest call

type minuteSlot struct {
	minute int64
	count  int32
	n      uint8
	exts   [extensionsPerEvent]int32
}

type episode struct {
	start, end int64 // minutes
	peak       int32
	exts       []int32
}

// sweep counts the call in every minute it was running. The ring of minute
// slots follows the rows in whichever direction they run; a slot is closed
// when the ring wraps round to it.
func (a *Analyzer) sweep(start time.Time, d time.Duration, ext int32) {
	if d <= 0 {
		return
	}
	m0 := floorDiv(start.Unix(), 60)
	if !a.inOrder(m0) {
		a.seen.OutOfOrder++
		return
	}
	d = min(d, maxCallLength)
	m1 := floorDiv(start.Unix()+int64(d/time.Second)-1, 60)
	for m := m0; m <= m1; m++ {
		s := &a.ring[uint64(m)%ringSize]
		if s.count > 0 && s.minute != m {
			a.closeMinute(s)
		}
		if s.count == 0 {
			s.minute, s.n = m, 0
		}
		s.count++
		seen := false
		for i := uint8(0); i < s.n; i++ {
			if s.exts[i] == ext {
				seen = true
				break
			}
		}
		if !seen && int(s.n) < len(s.exts) {
			s.exts[s.n] = ext
			s.n++
		}
	}
}

// inOrder moves the frontier and reports whether a call starting at minute m
// is close enough to it for the sweep. The first long step fixes the direction;
// after that, steps onward are fine however long (nights, weekends), and steps
// back are fine up to the tolerance.
func (a *Analyzer) inOrder(m int64) bool {
	tol := int64(orderTolerance / time.Minute)
	if !a.started {
		a.frontier, a.started = m, true
		return true
	}
	step := m - a.frontier
	switch {
	case a.direction == 0 && abs64(step) <= tol:
		a.frontier = m
	case a.direction == 0:
		a.direction, a.frontier = int(step/abs64(step)), m
	case step*int64(a.direction) > 0:
		a.frontier = m
	case -step*int64(a.direction) > tol:
		return false
	}
	return true
}

// closeMinute records a finished minute in the histogram and, when it was
// busy, in an episode of busy minutes.
func (a *Analyzer) closeMinute(s *minuteSlot) {
	a.hist[min(int(s.count), len(a.hist)-1)]++
	if s.count >= concurrentMinimum {
		a.addEpisode(s)
	}
	s.count, s.n = 0, 0
}

func (a *Analyzer) addEpisode(s *minuteSlot) {
	const gap = 10
	for i := len(a.episodes) - 1; i >= 0 && i >= len(a.episodes)-4; i-- {
		ep := &a.episodes[i]
		if s.minute >= ep.start-gap && s.minute <= ep.end+gap {
			ep.start, ep.end = min(ep.start, s.minute), max(ep.end, s.minute)
			ep.peak = max(ep.peak, s.count)
			ep.exts = mergeIDs(ep.exts, s.exts[:s.n], 2*extensionsPerEvent)
			return
		}
	}
	if len(a.episodes) >= 4*candidateMinutes {
		// Keep memory bounded: forget the quietest episode.
		low := 0
		for i := range a.episodes {
			if a.episodes[i].peak < a.episodes[low].peak {
				low = i
			}
		}
		if a.episodes[low].peak >= s.count {
			return
		}
		a.episodes = append(a.episodes[:low], a.episodes[low+1:]...)
	}
	a.episodes = append(a.episodes, episode{start: s.minute, end: s.minute, peak: s.count,
		exts: mergeIDs(nil, s.exts[:s.n], 2*extensionsPerEvent)})
}

func mergeIDs(dst, add []int32, limit int) []int32 {
	for _, id := range add {
		found := false
		for _, d := range dst {
			if d == id {
				found = true
				break
			}
		}
		if !found && len(dst) < limit {
			dst = append(dst, id)
		}
	}
	return dst
}
