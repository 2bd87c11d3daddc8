package reconcile

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

var now = time.Date(2026, 3, 22, 12, 0, 0, 0, time.UTC)

func TestMatchingRules(t *testing.T) {
	t.Parallel()
	staff := []inventory.StaffMember{
		{Name: "Robert Jones", Email: "robert.jones@example.co.uk"},
		{Name: "Hartley, Zoë", Email: "zoe.hartley@example.co.uk"},
		{Name: "Mary Anne Smith"},
		{Name: "Katherine Price"},
		{Name: "Łukasz Nowak", Email: "lukasz.nowak@example.co.uk"},
		{Name: "John Brown"}, {Name: "John Brown", Email: "jb2@example.co.uk"},
		{Name: "Priya Shah", Email: "priya@old.example.com"},
		{Name: "Declan Ó Briain", Email: "declan.obriain@example.co.uk", Left: now.AddDate(0, 0, -400)},
		{Name: "Declan Ó Briain", Email: "declan.obriain@example.co.uk"}, // re-hired
		{Name: "Gethin Evans"},
	}
	ix := newIndex(staff, now)
	cases := []struct {
		name, email string
		want        string
		confidence  Confidence
		reason      string
	}{
		{"Bob J", "ROBERT.JONES@example.co.uk", "Robert Jones", Certain, "e-mail"},
		{"zoe hartley", "", "Hartley, Zoë", Certain, "same name"},
		{"Mrs Mary Smith", "", "Mary Anne Smith", Likely, "middle names"},
		{"Bob Jones", "", "Robert Jones", Likely, "Bob is a short form of Robert"},
		{"Kate Price (Accounts)", "", "Katherine Price", Likely, "short form"},
		{"Lukasz Nowak", "", "Łukasz Nowak", Certain, "same name"},
		{"John Brown", "", "John Brown", Possible, "2 people"},
		{"P Shah", "priya@new.example.com", "Priya Shah", Likely, "different domain"},
		{"G. Evans", "", "Gethin Evans", Possible, "initial"},
		{"Evans Gethin", "", "Gethin Evans", Possible, "other order"},
		{"Declan O Briain", "", "Declan Ó Briain", Certain, "same name"},
		{"Nobody Known", "nobody@example.co.uk", "", "", ""},
	}
	for _, tc := range cases {
		c := ix.match(tc.name, tc.email)
		got := ""
		if c.staff >= 0 {
			got = staff[c.staff].Name
		}
		if got != tc.want || c.confidence != tc.confidence || !strings.Contains(c.reason, tc.reason) {
			t.Errorf("match(%q, %q) = %q %s %q; want %q %s containing %q", tc.name, tc.email, got, c.confidence, c.reason, tc.want, tc.confidence, tc.reason)
		}
		if tc.name == "Declan O Briain" && !staff[c.staff].Current(now) {
			t.Errorf("a re-hired person matched their old leaver row")
		}
	}
}

// brightwater is a cut-down copy of the demo company's planted problems.
func brightwater() (*inventory.Inventory, []inventory.StaffMember) {
	left := now.AddDate(0, 0, -21)
	staff := []inventory.StaffMember{
		{Name: "Jo Whitaker", Email: "jo.whitaker@bw.example"},
		{Name: "Marcus Bell", Email: "marcus.bell@bw.example"},
		{Name: "Declan Ó Briain", Email: "declan.obriain@bw.example", Left: left},
		{Name: "Gareth Pryce", Email: "gareth.pryce@bw.example", Left: now.AddDate(0, 0, -187)},
		{Name: "Robert Hughes"},
	}
	inv := &inventory.Inventory{
		Extensions: []inventory.Extension{
			{Number: "100", Name: "Reception", Type: inventory.ExtShared, Enabled: true},
			{Number: "101", Name: "Jo Whitaker", Email: "jo.whitaker@bw.example", Type: inventory.ExtUser, Enabled: true},
			{Number: "102", Name: "Marcus Bell", Email: "marcus.bell@bw.example", Type: inventory.ExtUser, Enabled: true,
				Forwards: []inventory.Forward{{Destination: "07700900118", External: true, Enabled: true}}},
			{Number: "214", Name: "Declan Ó Briain", Email: "declan.obriain@bw.example", Type: inventory.ExtUser, Enabled: true,
				LastActive: now.AddDate(0, 0, -2), Forwards: []inventory.Forward{{Destination: "07700900461", External: true, Enabled: true}}},
			{Number: "215", Name: "Hot desk 2", Type: inventory.ExtUser, Enabled: true},
			{Number: "216", Name: "Sam Thompson", Type: inventory.ExtUser, Enabled: true},
			{Number: "217", Name: "Bob Hughes", Type: inventory.ExtUser, Enabled: true},
			{Number: "305", Name: "Liam Byrne", Type: inventory.ExtUser, Enabled: false, Forwards: []inventory.Forward{{Destination: "304", Enabled: true}}},
			{Number: "800", Name: "Sales queue", Type: inventory.ExtQueue, Enabled: true, Forwards: []inventory.Forward{{Destination: "+44 161 496 0000", Enabled: true}}},
		},
		Voicemail: []inventory.Mailbox{{Extension: "214", Enabled: true}, {Extension: "101", Enabled: true}, {Extension: "999", Enabled: true}},
		Devices: []inventory.Device{
			{Kind: inventory.DeviceDeskPhone, Vendor: "Yealink", Model: "SIP-T46S", Owner: "214", LastSeen: now.Add(-4 * time.Minute)},
			{Kind: inventory.DeviceSoftphone, Vendor: "3CX", Model: "3CX for Android", Owner: "214", LastSeen: now.AddDate(0, 0, -2)},
			{Kind: inventory.DeviceDeskPhone, Vendor: "Grandstream", Model: "GXP1610", Owner: "450"},
		},
		Calls: []inventory.Call{
			{Start: left.AddDate(0, 0, -3), From: "214", To: "01614960000", Duration: time.Minute},
			{Start: left.AddDate(0, 0, 2), From: "214", To: "00371678000091", Duration: 41 * time.Minute},
			{Start: left.AddDate(0, 0, 4), From: "214", To: "00252618000240", Duration: 52*time.Minute + 40*time.Second},
		},
	}
	return inv, staff
}

func TestReconcileFindsTheLeaverAndEverythingLive(t *testing.T) {
	t.Parallel()
	inv, staff := brightwater()
	rep := Reconcile(inv, staff, nil, now)
	if len(rep.Leavers) != 1 {
		t.Fatalf("leavers = %+v, want Declan only (Gareth has no extension)", rep.Leavers)
	}
	l := rep.Leavers[0]
	if l.Extension != "214" || l.DaysSinceLeft != 21 || !l.ExtensionEnabled || !l.Voicemail || l.CallsAfter != 2 || len(l.Devices) != 2 || l.Confidence != Certain {
		t.Errorf("leaver = %+v", l)
	}
	live := strings.Join(l.Live, "; ")
	for _, want := range []string{"extension still enabled", "07700900461 (outside the business)", "voicemail box still open", "seen 20 days after leaving", "2 calls (94 minutes)", "last active"} {
		if !strings.Contains(live, want) {
			t.Errorf("live = %q, want it to mention %q", live, want)
		}
	}
	if got := findings(rep.Unowned); !slices.Equal(got, []string{"216"}) {
		t.Errorf("unowned = %v, want 216 only (305 is disabled)", got)
	}
	if got := findings(rep.Shared); !slices.Equal(got, []string{"100", "215"}) {
		t.Errorf("shared = %v, want reception and the hot desk", got)
	}
	if got := findings(rep.Orphans); !slices.Equal(got, []string{"999", "450"}) {
		t.Errorf("orphans = %v", got)
	}
	var fw []string
	for _, f := range rep.Forwards {
		fw = append(fw, f.Extension+":"+f.Owner)
	}
	if !slices.Equal(fw, []string{"102:current staff", "214:a leaver", "800:shared"}) {
		t.Errorf("forwards = %v", fw)
	}
	if len(rep.ToConfirm) != 1 || rep.ToConfirm[0].Extension != "217" || rep.ToConfirm[0].Confidence != Likely {
		t.Errorf("to confirm = %+v, want Bob Hughes as a likely Robert Hughes", rep.ToConfirm)
	}
	if rep.Personal != 5 {
		t.Errorf("personal = %d, want 5 enabled personal extensions (the hot desk is a role line)", rep.Personal)
	}
}

func TestDecisionsOverrideMatches(t *testing.T) {
	t.Parallel()
	inv, staff := brightwater()
	rep := Reconcile(inv, staff, Decisions{
		"217": {Verdict: Confirm},
		"216": {Verdict: Confirm, Staff: "marcus.bell@bw.example"},
		"101": {Verdict: Reject},
		"215": {Verdict: Reject},
		"102": {Verdict: Shared},
	}, now)
	got := map[string]Match{}
	for _, m := range rep.Matches {
		got[m.Extension] = m
	}
	if m := got["217"]; m.Confidence != Certain || !m.Decided {
		t.Errorf("confirmed match = %+v", m)
	}
	if m := got["216"]; m.Name != "Marcus Bell" || !m.Decided {
		t.Errorf("chosen match = %+v", m)
	}
	if _, ok := got["101"]; ok || !slices.Contains(findings(rep.Unowned), "101") {
		t.Errorf("a rejected match stayed: %+v", rep.Unowned)
	}
	if !slices.Contains(findings(rep.Unowned), "215") {
		t.Errorf("rejecting a generic guess should leave the extension unowned: %+v", rep.Unowned)
	}
	if !slices.Contains(findings(rep.Shared), "102") || len(rep.ToConfirm) != 0 {
		t.Errorf("shared = %v, to confirm = %+v", findings(rep.Shared), rep.ToConfirm)
	}
}

func TestPossibleMatchesWaitForAPerson(t *testing.T) {
	t.Parallel()
	inv := &inventory.Inventory{Extensions: []inventory.Extension{{Number: "301", Name: "G Pryce", Type: inventory.ExtUser, Enabled: true}}}
	staff := []inventory.StaffMember{{Name: "Gareth Pryce", Left: now.AddDate(0, 0, -10)}}
	rep := Reconcile(inv, staff, nil, now)
	if len(rep.Leavers) != 0 || len(rep.ToConfirm) != 1 || !slices.Equal(findings(rep.Unowned), []string{"301"}) {
		t.Errorf("report = %+v", rep)
	}
	rep = Reconcile(inv, staff, Decisions{"301": {Verdict: Confirm}}, now)
	if len(rep.Leavers) != 1 || rep.Leavers[0].Confidence != Certain {
		t.Errorf("after confirming: %+v", rep.Leavers)
	}
}

func findings(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Extension)
	}
	return out
}

// BenchmarkReconcile5000 matches a 5,000-person staff list against 5,000
// extensions: a fifth by e-mail, the rest by name in assorted spellings.
func BenchmarkReconcile5000(b *testing.B) {
	firsts := []string{"Robert", "Elizabeth", "David", "James", "Katherine", "Michael", "Sarah", "Thomas", "Zoë", "Siobhán"}
	lasts := []string{"Jones", "Smith", "Ó'Brien", "Nowak", "Williams", "Taylor", "Davies", "Evans", "Thomas", "Roberts"}
	short := map[string]string{"Robert": "Bob", "Elizabeth": "Liz", "David": "Dave", "James": "Jim", "Katherine": "Kate", "Michael": "Mike"}
	var staff []inventory.StaffMember
	inv := &inventory.Inventory{}
	for i := 0; i < 5000; i++ {
		f, l := firsts[i%10], fmt.Sprintf("%s%d", lasts[(i/10)%10], i/100)
		s := inventory.StaffMember{Name: f + " " + l, Email: fmt.Sprintf("user%d@example.co.uk", i)}
		if i%7 == 0 {
			s.Left = now.AddDate(0, 0, -i%300)
		}
		staff = append(staff, s)
		e := inventory.Extension{Number: fmt.Sprint(10000 + i), Type: inventory.ExtUser, Enabled: true}
		switch i % 5 {
		case 0:
			e.Name, e.Email = "Someone", s.Email
		case 1:
			e.Name = l + ", " + f
		case 2:
			e.Name = firstNonEmpty(short[f], f) + " " + l
		case 3:
			e.Name = f[:1] + ". " + l
		case 4:
			e.Name = strings.ToUpper(f + " Middle " + l)
		}
		inv.Extensions = append(inv.Extensions, e)
		inv.Voicemail = append(inv.Voicemail, inventory.Mailbox{Extension: e.Number, Enabled: true})
	}
	b.ResetTimer()
	for b.Loop() {
		rep := Reconcile(inv, staff, nil, now)
		if len(rep.Matches) < 3000 {
			b.Fatalf("only %d matches", len(rep.Matches))
		}
	}
}
