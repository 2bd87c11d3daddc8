package reconcile

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// commonSurnames are frequent British surnames, many of them also words for
// jobs and places, which is where a role-word list could go wrong.
var commonSurnames = strings.Fields(`smith jones williams taylor brown davies evans wilson thomas johnson
roberts robinson thompson wright walker white edwards hughes green hall lewis harris clarke patel jackson
wood turner martin cooper hill ward morris moore clark lee king baker harrison morgan allen james scott
phillips watson davis parker price bennett young griffiths mitchell kelly cook carter richardson bailey
collins bell shaw murphy miller cox richards khan marshall anderson simpson ellis adams singh begum wilkinson
foster chapman powell webb rogers gray mason ali hunt hussain campbell matthews owen palmer holmes mills
barnes knight lloyd butler russell barker fisher stevens jenkins murray dixon harvey graham pearson ahmed
fletcher walsh kaur gibson howard andrews stewart elliott reynolds saunders payne fox ford pearce day
brooks west lawrence cole atkinson bradley spencer gill dawson ball burton o'brien watts rose booth perry
ryan grant wells armstrong francis rees hayes hart hudson newman barnett page porter chambers field
kitchen post law head steward driver nurse doctor guest small north plant senior hunter gardner fowler`)

// TestNoPersonIsTakenForARoleLine builds people's names in the forms phone
// systems show them and checks that none is ever set apart as a role line,
// however it is written or whatever note is beside it.
func TestNoPersonIsTakenForARoleLine(t *testing.T) {
	t.Parallel()
	var firsts []string
	for n := range givenNames {
		firsts = append(firsts, n)
	}
	slices.Sort(firsts)
	var roles []string
	for w := range roleWords {
		roles = append(roles, w)
	}
	slices.Sort(roles)
	r := rand.New(rand.NewPCG(1, 2))
	title := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	forms := []func(f, l, role string) string{
		func(f, l, _ string) string { return title(f) + " " + title(l) },
		func(f, l, _ string) string { return strings.ToUpper(f[:1]) + ". " + title(l) },
		func(f, l, _ string) string { return title(l) + ", " + title(f) },
		func(_, l, _ string) string { return "Dr " + title(l) },
		func(_, l, _ string) string { return "Mrs " + strings.ToUpper(l[:1]) + " " + title(l) },
		func(f, l, role string) string { return title(f) + " " + title(l) + " (" + title(role) + ")" },
		func(f, _, role string) string { return title(f) + " " + title(role) },
		func(f, _, role string) string { return title(role) + " - " + title(f) },
		func(f, _, _ string) string { return title(f) },
		func(_, l, _ string) string { return title(l) },
		func(f, l, _ string) string { return strings.ToLower(f[:1] + l) },
		func(f, l, _ string) string { return title(f) + " " + title(l) + " 2" },
	}
	for i := 0; i < 20000; i++ {
		f, l, role := firsts[r.IntN(len(firsts))], commonSurnames[r.IntN(len(commonSurnames))], roles[r.IntN(len(roles))]
		name := forms[i%len(forms)](f, l, role)
		if kind, why := classifyLine("123", name); kind == roleLine {
			t.Fatalf("%q was taken for a role line (%s); a leaver with this name would be hidden", name, why)
		}
	}
	// Every surname alone, as it might label a line.
	for _, l := range commonSurnames {
		if kind, _ := classifyLine("123", title(l)); kind == roleLine {
			t.Errorf("the surname %q alone was taken for a role line", l)
		}
	}
}

func TestClassifyLineRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		number, name string
		want         lineKind
		reason       string
	}{
		{"204", "204", roleLine, "just its number"},
		{"204", "Ext 204", roleLine, ""},
		{"204", "01632 960000", roleLine, "is a number"},
		{"204", "", maybeRole, "no name"},
		{"204", "   ", maybeRole, "no name"},
		{"204", "Line 2", roleLine, "place, team"},
		{"204", "On-call Vet", roleLine, ""},
		{"204", "X-Ray", roleLine, ""},
		{"204", "Out of Hours", roleLine, ""},
		{"204", "Door entry", roleLine, ""},
		{"204", "Rose Room", maybeRole, "person's name"},
		{"204", "Ward 3", maybeRole, "place or a surname"},
		{"204", "Porter", maybeRole, "place or a surname"},
		{"204", "Sports Hall", roleLine, ""},
		{"204", "Equine Zebedee Reception", maybeRole, "“zebedee” could be"},
		{"204", "Zebedee 2", maybeRole, "number"},
		{"204", "Zebedee", looksPersonal, ""},
		{"204", "Dr Patel", looksPersonal, ""},
		{"204", "Duty Dr", roleLine, ""},
		{"204", "J Smith", looksPersonal, ""},
		{"204", "Kate Price (Accounts)", looksPersonal, ""},
	}
	for _, tc := range cases {
		kind, why := classifyLine(tc.number, tc.name)
		if kind != tc.want || !strings.Contains(why, tc.reason) {
			t.Errorf("classifyLine(%q, %q) = %d %q, want %d containing %q", tc.number, tc.name, kind, why, tc.want, tc.reason)
		}
	}
}

func TestMarkingALineOverridesItsName(t *testing.T) {
	t.Parallel()
	inv := &inventory.Inventory{Extensions: []inventory.Extension{
		{Number: "201", Name: "Pharmacy", Type: inventory.ExtUser, Enabled: true},
		{Number: "202", Name: "Sam Thompson", Type: inventory.ExtUser, Enabled: true},
		{Number: "203", Name: "Rose Room", Type: inventory.ExtUser, Enabled: true},
		{Number: "204", Name: "Front desk", Type: inventory.ExtShared, Enabled: true},
	}}
	rep := Reconcile(inv, nil, nil, now)
	if !slices.Equal(findings(rep.Shared), []string{"201", "204"}) || !slices.Equal(findings(rep.Unowned), []string{"202"}) ||
		!slices.Equal(findings(rep.MaybeRole), []string{"203"}) || rep.Personal != 2 {
		t.Fatalf("before marking: shared %v, unowned %v, maybe %v, personal %d", findings(rep.Shared), findings(rep.Unowned), findings(rep.MaybeRole), rep.Personal)
	}
	rep = Reconcile(inv, nil, Decisions{
		"201": {Verdict: Verdict("person")},
		"202": {Verdict: Shared},
		"203": {Verdict: Shared},
		"204": {Verdict: Verdict("person")},
	}, now)
	if !slices.Equal(findings(rep.Shared), []string{"202", "203"}) || !slices.Equal(findings(rep.Unowned), []string{"201", "204"}) ||
		len(rep.MaybeRole) != 0 || rep.Personal != 2 {
		t.Fatalf("after marking: shared %v, unowned %v, maybe %v, personal %d", findings(rep.Shared), findings(rep.Unowned), findings(rep.MaybeRole), rep.Personal)
	}
	if !strings.Contains(rep.Unowned[0].Reason, "you marked it as a person's line") {
		t.Errorf("reason = %q", rep.Unowned[0].Reason)
	}
}

// FuzzClassifyLine feeds names from anywhere: nothing may panic, and a name
// with a given name and a surname-like word is never a role line.
func FuzzClassifyLine(f *testing.F) {
	for _, l := range roleCorpus {
		f.Add(l.number, l.name)
	}
	f.Add("1", "\x00\u202e\u0301 ,-.")
	f.Fuzz(func(t *testing.T, number, name string) {
		kind, why := classifyLine(number, name)
		if kind != looksPersonal && why == "" {
			t.Errorf("classifyLine(%q, %q) = %d with no reason", number, name, kind)
		}
		if kind, _ := classifyLine(number, "Sarah "+name+" Jones"); kind == roleLine {
			t.Errorf("%q was taken for a role line", "Sarah "+name+" Jones")
		}
	})
}
