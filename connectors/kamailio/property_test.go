package kamailio

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// agents mixes phones with current firmware, end-of-life models, phones
// nobody recognises and hostile text.
var agents = []string{
	"Yealink SIP-T46S 66.86.0.15", "Cisco/SPA504G-7.6.2", "Yealink SIP-T38G 38.70.0.185",
	"Grandstream GXP2160 1.0.11.79", "snomD785/10.1.54.13", "MicroSIP/3.21.3", "", "Evil\x1b[2J\x07",
	"Linphone/5.2.0 (belle-sip/5.2.0)", "Cisco/SPA112-1.4.1(SR5)", "\u202eenohP",
}

type genContact struct{ aor, address, ua string }

// genDump makes a random location table: several tables, AoRs written the
// ways Kamailio writes them, extensions with no phone or with several, and
// the same contact listed twice now and then.
func genDump(r *rand.Rand) ([]genContact, []byte) {
	var all []genContact
	var domains []any
	for range 1 + r.IntN(2) {
		var aors []any
		for range r.IntN(12) {
			n := 100 + r.IntN(15)
			aor := []string{fmt.Sprint(n), fmt.Sprintf("%d@example.com", n), fmt.Sprintf("sip:%d@example.com", n)}[r.IntN(3)]
			var contacts []any
			for range r.IntN(4) {
				c := genContact{aor, fmt.Sprintf("sip:%d@192.0.2.%d:5060", n, r.IntN(4)), agents[r.IntN(len(agents))]}
				all = append(all, c)
				contacts = append(contacts, map[string]any{"Contact": map[string]any{
					"Address": c.address, "User-Agent": c.ua, "Expires": 3600, "Last-Modified": 1796280000 + r.IntN(1000),
				}})
			}
			aors = append(aors, map[string]any{"Info": map[string]any{"AoR": aor, "Contacts": contacts}})
		}
		domains = append(domains, map[string]any{"Domain": map[string]any{"Domain": "location", "AoRs": aors}})
	}
	out, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "result": map[string]any{"Domains": domains}, "id": 1})
	return all, out
}

// For any location table: every distinct contact is one device on its
// extension, no text is unsafe, and each extension's verdicts are those of every phone on it, so
// the worse is never lost behind the better.
func TestEveryContactIsJudged(t *testing.T) {
	t.Parallel()
	var current []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Method string }
		json.NewDecoder(r.Body).Decode(&req)
		w.Header().Set("Content-Type", "application/json")
		if req.Method == methodVersion {
			fmt.Fprint(w, `{"jsonrpc":"2.0","result":"kamailio 5.6.3","id":1}`)
			return
		}
		w.Write(current)
	}))
	t.Cleanup(srv.Close)
	src, err := New(Config{URL: srv.URL + "/RPC", Limits: shortLimits()})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5060, 5061))
	for i := range 300 {
		contacts, dump := genDump(r)
		current = dump
		res, err := src.Fetch(t.Context(), nil)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		want := map[string][]firmware.Status{}
		seen := map[genContact]bool{}
		for _, c := range contacts {
			key := genContact{extension(c.aor), c.address, c.ua}
			if seen[key] {
				continue
			}
			seen[key] = true
			want[key.aor] = append(want[key.aor], checklist.DeviceFirmware(inventory.Device{Kind: inventory.DeviceDeskPhone, UserAgent: c.ua}).Status)
		}
		got := map[string][]firmware.Status{}
		for _, d := range res.Devices {
			got[d.Owner] = append(got[d.Owner], checklist.DeviceFirmware(d).Status)
			for _, s := range []string{d.UserAgent, d.Owner, d.Vendor, d.Model, d.Firmware} {
				if strings.ContainsFunc(s, safetext.Unsafe) {
					t.Fatalf("case %d: unsafe text %q", i, s)
				}
			}
		}
		for ext := range want {
			slices.Sort(want[ext])
			slices.Sort(got[ext])
			if !slices.Equal(want[ext], got[ext]) {
				t.Fatalf("case %d: extension %s judged %v, want %v", i, ext, got[ext], want[ext])
			}
		}
		if len(got) != len(want) {
			t.Fatalf("case %d: devices on %d extensions, want %d", i, len(got), len(want))
		}
	}
}
