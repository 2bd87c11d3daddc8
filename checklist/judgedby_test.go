package checklist

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// staleMark is a phrase only the stale notice uses.
const staleMark = "Update Ringfence and run the audit again."

// For any clock and any limit, the firmware findings carry the stale notice
// exactly when the advisories are more than the limit old, every firmware
// finding carries it then, and no other finding ever does.
func TestStaleNoticeExactlyPastTheLimit(t *testing.T) {
	t.Parallel()
	checked := firmware.CheckedUpTo()
	if checked.IsZero() {
		t.Fatal("the advisory table has no checked date")
	}
	rng := rand.New(rand.NewPCG(16, 120))
	inv := cleanInventory(t, 7)
	type probe struct {
		now    time.Time
		maxAge time.Duration
	}
	var probes []probe
	for _, maxAge := range []time.Duration{0, time.Nanosecond, 24 * time.Hour, DefaultAdviceMaxAge, 400 * 24 * time.Hour} {
		limit := maxAge
		if limit <= 0 {
			limit = DefaultAdviceMaxAge
		}
		// The edges: exactly at the limit is not yet stale, a moment past it is.
		for _, d := range []time.Duration{-limit, 0, limit - 1, limit, limit + 1, limit + time.Hour} {
			probes = append(probes, probe{checked.Add(d), maxAge})
		}
	}
	for range 200 {
		maxAge := time.Duration(rng.Int64N(int64(1000 * 24 * time.Hour)))
		now := checked.Add(time.Duration(rng.Int64N(int64(2000*24*time.Hour))) - 500*24*time.Hour)
		probes = append(probes, probe{now, maxAge})
	}
	for _, p := range probes {
		cat := Builtin().WithAdviceMaxAge(p.maxAge)
		limit := cat.AdviceMaxAge()
		want := p.now.Sub(checked) > limit
		a := NewAudit(cat, "Site", cloneInventory(inv), nil, p.now)
		if a.JudgedBy == nil || a.JudgedBy.AdviceStale != want {
			t.Fatalf("now %s, limit %s: judged by %+v, want stale %v", p.now, limit, a.JudgedBy, want)
		}
		for _, r := range a.Results {
			has := strings.Contains(r.Evidence, staleMark)
			if r.Domain == DomainFirmware && has != want {
				t.Fatalf("now %s, limit %s: %s evidence %q, want the stale notice %v", p.now, limit, r.CheckID, r.Evidence, want)
			}
			if r.Domain != DomainFirmware && has {
				t.Fatalf("%s is not a firmware finding but says the advisories are stale: %q", r.CheckID, r.Evidence)
			}
		}
		if got := Evaluate(cat, &a.Inventory, nil, nil, p.now); slices.ContainsFunc(got, func(r Result) bool {
			return strings.Contains(r.Evidence, staleMark) != (want && r.Domain == DomainFirmware)
		}) {
			t.Fatalf("Evaluate at %s disagrees with the audit about staleness", p.now)
		}
	}
}

func TestStaleNoticeSaysWhenAndWhatToDo(t *testing.T) {
	t.Parallel()
	checked := firmware.CheckedUpTo()
	j := Builtin().Judge(checked.Add(DefaultAdviceMaxAge + time.Second))
	notice := j.StaleNotice()
	for _, want := range []string{checked.Format("2 January 2006"), "120 days", "Update Ringfence"} {
		if !strings.Contains(notice, want) {
			t.Errorf("notice %q lacks %q", notice, want)
		}
	}
	if fresh := Builtin().Judge(checked); fresh.StaleNotice() != "" {
		t.Errorf("fresh advisories get a notice: %q", fresh.StaleNotice())
	}
}

func TestAuditRecordsWhatJudgedIt(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	a := NewAudit(Builtin(), "Site", inventory.Inventory{}, nil, now)
	j := a.JudgedBy
	if j == nil {
		t.Fatal("a new audit does not say what judged it")
	}
	if j.Catalogue != Builtin().Version || j.Catalogue < 1 {
		t.Errorf("catalogue version %d, want %d (at least 1)", j.Catalogue, Builtin().Version)
	}
	if j.AdvisoriesCheckedUpTo != firmware.CheckedUpTo().Format(time.DateOnly) {
		t.Errorf("advisories checked up to %q, want %s", j.AdvisoriesCheckedUpTo, firmware.CheckedUpTo().Format(time.DateOnly))
	}
	if j.Release == "" || j.AdviceMaxAgeDays != 120 {
		t.Errorf("release %q, limit %d days", j.Release, j.AdviceMaxAgeDays)
	}
	for _, want := range []string{j.Release, fmt.Sprint(j.Catalogue), "3 December 2026"} {
		if !strings.Contains(j.Summary(), want) {
			t.Errorf("summary %q lacks %q", j.Summary(), want)
		}
	}
}

// The table's "checked up to" date is the newest of its rows' dates.
func TestCheckedUpToIsTheNewestRow(t *testing.T) {
	t.Parallel()
	var newest string
	for _, a := range firmware.Advisories() {
		newest = max(newest, a.DateChecked)
	}
	if got := firmware.CheckedUpTo().Format(time.DateOnly); got != newest {
		t.Errorf("checked up to %s, newest row %s", got, newest)
	}
}

func TestJudgedDifferently(t *testing.T) {
	t.Parallel()
	base := JudgedBy{Release: "v1.0.0", Catalogue: 1, AdvisoriesCheckedUpTo: "2026-11-22"}
	newer := base
	newer.Release = "v1.1.0"
	if got := JudgedDifferently(&base, &newer); got != "" {
		t.Errorf("a new release with the same rules is a warning: %q", got)
	}
	cat := newer
	cat.Catalogue = 2
	if got := JudgedDifferently(&base, &cat); !strings.Contains(got, "catalogue version 1 then, 2 now") {
		t.Errorf("different catalogues: %q", got)
	}
	adv := newer
	adv.AdvisoriesCheckedUpTo = "2026-12-03"
	if got := JudgedDifferently(&base, &adv); !strings.Contains(got, "22 November 2026 then, 3 December 2026 now") {
		t.Errorf("different advisories: %q", got)
	}
	if got := JudgedDifferently(nil, &base); got == "" {
		t.Error("an audit that does not say what judged it is compared without a word")
	}
	if got := JudgedDifferently(nil, nil); got != "" {
		t.Errorf("two old audits: %q", got)
	}
}

// catalogueFingerprints records, for each catalogue version, a fingerprint of
// what gives the catalogue its meaning. When the test below fails, the
// catalogue's meaning changed: add one to version in catalogue.yaml and add
// the new fingerprint here. Never change a recorded line.
var catalogueFingerprints = map[int]string{
	1: "ccdccad608e9cdfc",
	2: "26c418670a2be8ef",
}

func TestCatalogueVersionFollowsItsMeaning(t *testing.T) {
	t.Parallel()
	cat := Builtin()
	if cat.Version < 1 {
		t.Fatalf("the built-in catalogue has version %d; give it a version from 1 up", cat.Version)
	}
	got := catalogueFingerprint(cat)
	want, ok := catalogueFingerprints[cat.Version]
	switch {
	case !ok:
		t.Errorf("catalogue version %d has no recorded fingerprint: add %d: %q to catalogueFingerprints", cat.Version, cat.Version, got)
	case want != got:
		t.Errorf("the catalogue's checks changed but its version (%d) did not.\n"+
			"Add one to version in catalogue.yaml and record %d: %q in catalogueFingerprints.", cat.Version, cat.Version+1, got)
	}
}

// catalogueFingerprint hashes what a check means for a verdict: its ID,
// domain and severity, whether it is automated and the facts it rests on, and
// what each answer to its question counts as. Wording is left out.
func catalogueFingerprint(cat *Catalogue) string {
	h := sha256.New()
	for _, ch := range cat.Checks {
		fmt.Fprintf(h, "%s|%s|%s|%v", ch.ID, ch.Domain, ch.Severity, ch.Automated)
		if a, ok := cat.evaluators[ch.ID]; ok {
			for _, n := range a.needs {
				fmt.Fprintf(h, "|need:%s", n.facet)
			}
		}
		if q := ch.Question; q != nil {
			for _, o := range q.Options {
				fmt.Fprintf(h, "|%s=%s", o.Value, o.Status)
			}
		}
		fmt.Fprintln(h)
	}
	return fmt.Sprintf("%x", h.Sum(nil))[:16]
}
