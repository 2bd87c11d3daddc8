package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist/sitestore"
)

// TestAuditTakesBusinessHours: `audit --hours` reads the same form as `cdr
// --hours`, a site remembers it, and the demo's call findings use it.
func TestAuditTakesBusinessHours(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ringfence(t, dir, "sites", "add", "Vets on the Green")
	r := ringfence(t, dir, "audit", "--site", "Vets on the Green", "--hours", "mon-sat 07:30-17:00")
	if r.code != exitOK {
		t.Fatalf("audit --hours: %+v", r)
	}
	store, _ := sitestore.OpenStore(dir)
	site, err := store.Site("Vets on the Green")
	if err != nil || site.Hours != "Mon-Sat 07:30-17:00" {
		t.Fatalf("the site should remember its hours: %q, %v", site.Hours, err)
	}
	a, err := store.LatestAudit("Vets on the Green")
	if err != nil || a == nil || a.Hours != "Mon-Sat 07:30-17:00" {
		t.Fatalf("the audit should be judged on the given hours: %+v, %v", a, err)
	}
	if r := ringfence(t, dir, "audit", "--demo", "--hours", "nine to five"); r.code != exitUsage || !strings.Contains(r.stderr, "--hours") {
		t.Errorf("bad hours: %+v", r)
	}

	mon02 := func(args ...string) string {
		r := ringfence(t, dir, append([]string{"audit", "--demo", "--json", "-"}, args...)...)
		var doc struct {
			Results []struct {
				ID       string `json:"id"`
				Evidence string `json:"evidence"`
				Affected []struct {
					Detail string `json:"detail"`
				} `json:"affected"`
			} `json:"results"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatalf("audit %v: %v %+v", args, err, r)
		}
		var b strings.Builder
		for _, res := range doc.Results {
			if res.ID == "MON-02" {
				b.WriteString(res.Evidence)
				for _, a := range res.Affected {
					b.WriteString("\n" + a.Detail)
				}
			}
		}
		return b.String()
	}
	if got := mon02(); !strings.Contains(got, "assumed") || !strings.Contains(got, "--hours") {
		t.Errorf("without hours MON-02 should say the default week was assumed and how to give real hours:\n%s", got)
	}
	if got := mon02("--hours", "Mon-Sat 07:30-17:00"); strings.Contains(got, "assumed") || !strings.Contains(got, "Mon-Sat 07:30-17:00") {
		t.Errorf("with hours MON-02 should name them and assume nothing:\n%s", got)
	}
}

// TestCDRSaysWhenHoursWereAssumed: a Saturday surgery's calls are flagged
// against the default week, and the output says so and how to give real hours;
// with the real hours they are not flagged.
func TestCDRSaysWhenHoursWereAssumed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("calldate,src,dst,billsec,disposition\n")
	for i := 0; i < 5; i++ {
		b.WriteString("2026-03-07 1" + string(rune('0'+i)) + ":00:00,101,01614960000,600,ANSWERED\n") // a Saturday morning
	}
	path := writeFile(t, dir, "saturday.csv", b.String())
	r := ringfence(t, dir, "cdr", path)
	if r.code != exitOK || !strings.Contains(r.stdout, "assumed") || !strings.Contains(r.stdout, `--hours "Mon-Sat 07:30-17:00"`) {
		t.Errorf("default hours should be named with how to give real ones: %+v", r)
	}
	r = ringfence(t, dir, "cdr", path, "--hours", "Mon-Sat 07:30-17:00")
	if r.code != exitOK || strings.Contains(r.stdout, "Possible fraud") || strings.Contains(r.stdout, "assumed") {
		t.Errorf("Saturday calls within the given hours should raise nothing: %+v", r)
	}
}
