package kamailio

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors/kamailio/kamailiotest"
)

// expiresField is the one field of ul.dump that changes by itself: Kamailio
// gives the seconds a registration has left, which count down each second.
var expiresField = regexp.MustCompile(`"Expires":\d+`)

func stable(dump []byte) string {
	return expiresField.ReplaceAllString(string(dump), `"Expires":N`)
}

// Phones with chosen user agents register with a real Kamailio; the
// connector must list each one, judge each by its firmware, keep both
// phones on a shared extension, and leave the location table as it was.
func TestRealKamailio(t *testing.T) {
	s := kamailiotest.Start(t)
	phones := []struct{ aor, ua, transport string }{
		{"1001", "Yealink SIP-T46S 66.86.0.15", "udp"},  // current firmware
		{"1001", "Cisco/SPA504G-7.6.2", "tcp"},          // end of life, on the same extension
		{"1002", "Yealink SIP-T38G 38.70.0.185", "udp"}, // end of life
		{"1003", "Evil\x1b]0;pwned\x07Phone\x1b[2J 1.0", "tcp"},
	}
	for _, p := range phones {
		s.Register(t, p.aor, p.ua, p.transport)
	}
	before := s.Dump(t)

	src, err := New(Config{URL: s.RPCURL})
	if err != nil {
		t.Fatal(err)
	}
	if err := src.Test(t.Context()); err != nil {
		t.Fatalf("connection test: %v", err)
	}
	res, err := src.Fetch(t.Context(), nil)
	if err != nil {
		t.Fatalf("fetch: %v", err)
	}
	after := s.Dump(t)
	if stable(before) != stable(after) {
		t.Errorf("the location table changed while Ringfence read it:\nbefore %s\nafter  %s", before, after)
	}

	inv := res.Inventory
	if want := parseVersion(s.Version); inv.PBX.Product != "Kamailio" || inv.PBX.Version != want || want == "" {
		t.Errorf("PBX %+v, want Kamailio %s", inv.PBX, want)
	}
	if len(inv.Devices) != len(phones) {
		t.Fatalf("%d devices, want %d: %+v", len(inv.Devices), len(phones), inv.Devices)
	}
	verdicts := map[string][]firmware.Status{}
	for _, d := range inv.Devices {
		verdicts[d.Owner] = append(verdicts[d.Owner], checklist.DeviceFirmware(d).Status)
		if strings.ContainsAny(d.UserAgent, "\x1b\x07") {
			t.Errorf("a control character reached the inventory: %q", d.UserAgent)
		}
		if d.IP != "127.0.0.1" {
			t.Errorf("device %s: IP %q, want the address it registered from", d.Label(), d.IP)
		}
		if d.LastSeen.IsZero() || time.Since(d.LastSeen) > time.Hour {
			t.Errorf("device %s: last seen %v, want the registration's time", d.Label(), d.LastSeen)
		}
	}
	if v := verdicts["1001"]; len(v) != 2 || !slices.Contains(v, firmware.StatusEndOfLife) || !slices.Contains(v, firmware.StatusCurrent) {
		t.Errorf("extension 1001: verdicts %v, want one current and one end-of-life phone", v)
	}
	if v := verdicts["1002"]; len(v) != 1 || v[0] != firmware.StatusEndOfLife {
		t.Errorf("extension 1002: verdicts %v, want end of life", v)
	}
	if v := verdicts["1003"]; len(v) != 1 || v[0] != firmware.StatusUnknown {
		t.Errorf("extension 1003: verdicts %v, want unknown", v)
	}
	var owners []string
	for _, d := range inv.Devices {
		owners = append(owners, d.Owner)
	}
	slices.Sort(owners)
	if !slices.Equal(owners, []string{"1001", "1001", "1002", "1003"}) {
		t.Errorf("extensions of the devices %v", owners)
	}

	// The firmware checks see both end-of-life phones, the one hidden on a
	// shared extension included; what Kamailio cannot tell stays unknown.
	results := checklist.Evaluate(checklist.Builtin(), &inv, nil, nil, time.Now())
	judged := map[string]bool{}
	for _, r := range results {
		judged[r.CheckID] = true
		switch r.CheckID {
		case "EP-03":
			var labels []string
			for _, it := range r.Affected {
				labels = append(labels, it.Label)
			}
			joined := strings.Join(labels, "; ")
			if r.Status != checklist.StatusFail || !strings.Contains(joined, "SPA504G") || !strings.Contains(joined, "T38G") {
				t.Errorf("EP-03 (end of life): %s %v", r.Status, labels)
			}
		case "PIN-01", "MFA-01", "LV-01", "EP-07":
			if r.Status != checklist.StatusUnknown {
				t.Errorf("%s: %s, want unknown since Kamailio cannot tell", r.CheckID, r.Status)
			}
		}
	}
	for _, id := range []string{"EP-03", "PIN-01", "MFA-01", "LV-01", "EP-07"} {
		if !judged[id] {
			t.Errorf("the catalogue has no %s, so this test no longer checks it", id)
		}
	}
	for _, f := range []inventory.Facet{inventory.FacetVoicemail, inventory.FacetAdmins, inventory.FacetCalls, inventory.FacetExtensions} {
		if reason, ok := inv.GapReason(f); !ok || reason == "" {
			t.Errorf("no gap recorded for %s", f)
		}
	}
}

// A phone that sends no User-Agent is listed by Kamailio as "n/a", and its
// unset fields as "[not set]": neither is what the phone said, so neither may
// be shown as its user agent.
func TestRealKamailioPhoneWithNoUserAgent(t *testing.T) {
	s := kamailiotest.Start(t)
	s.Register(t, "2001", "", "udp")
	src, err := New(Config{URL: s.RPCURL})
	if err != nil {
		t.Fatal(err)
	}
	res, err := src.Fetch(t.Context(), nil)
	if err != nil {
		t.Fatalf("fetch: %v", err)
	}
	if len(res.Inventory.Devices) != 1 {
		t.Fatalf("devices: %+v", res.Inventory.Devices)
	}
	d := res.Inventory.Devices[0]
	if d.UserAgent != "" || !strings.HasPrefix(d.Label(), "unidentified device") || d.Owner != "2001" {
		t.Errorf("a phone that sent no user agent: user agent %q, shown as %q", d.UserAgent, d.Label())
	}
}
