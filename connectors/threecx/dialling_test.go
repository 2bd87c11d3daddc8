package threecx

import (
	"context"
	"slices"
	"testing"

	"github.com/ringfence/ringfence/connectors/threecx/xapifake"
)

// Outbound rules as 3CX applies them: by priority (the fake uses the ID), the
// first rule that matches a call deciding it, and an international call going
// out only when a rule routes it and its country is allowed.
func TestOutboundRulesMapping(t *testing.T) {
	t.Parallel()
	everything := xapifake.Rule{Name: "Everything", Prefix: ""}
	abroad := xapifake.Rule{Name: "International", Prefix: "00,+"}
	national := xapifake.Rule{Name: "UK numbers", Prefix: "01,02,03,07"}
	bar := func(prefix string) xapifake.Rule {
		return xapifake.Rule{Name: "Bar " + prefix, Prefix: prefix, Blocked: true}
	}
	in := func(id int, r xapifake.Rule) xapifake.Rule { r.ID = id; return r }
	sales := func(r xapifake.Rule) xapifake.Rule { r.GroupIDs = []int{7}; return r }

	tests := []struct {
		name      string
		rules     []xapifake.Rule
		countries []string
		wantOpen  bool
		wantBars  []string
	}{
		{"a bar before the catch-all counts", []xapifake.Rule{in(1, bar("09")), in(2, everything)}, []string{"44"}, false, []string{"09"}},
		{"a bar after the catch-all never takes effect", []xapifake.Rule{in(1, everything), in(2, bar("09"))}, []string{"44"}, false, nil},
		{"priority, not list order, decides", []xapifake.Rule{in(2, bar("09")), in(1, national), in(3, everything)}, []string{"44"}, false, []string{"09"}},
		{"a national route does not cover a premium bar after it", []xapifake.Rule{in(1, national), in(2, bar("09"))}, nil, false, []string{"09"}},
		{"everyone may call abroad and no country list stops them", []xapifake.Rule{in(1, abroad)}, nil, true, nil},
		{"a catch-all for everyone with no country list is open", []xapifake.Rule{in(1, bar("118")), in(2, everything)}, nil, true, []string{"118"}},
		{"the allowed-country list still restricts an open rule", []xapifake.Rule{in(1, abroad)}, []string{"33", "44"}, false, nil},
		{"one department's international route is not everyone's", []xapifake.Rule{in(1, sales(abroad)), in(2, national)}, nil, false, nil},
		{"one department's catch-all does not undo everyone's bar", []xapifake.Rule{in(1, sales(everything)), in(2, bar("09"))}, nil, false, []string{"09"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pbx := xapifake.SmallBusiness()
			pbx.Rules, pbx.CountryCodes = tt.rules, tt.countries
			srv, pool := serve(t, pbx)
			s := newSource(t, srv.URL, pool, xapifake.Secret, false, 50)
			d, err := s.readDialling(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if d.InternationalOpen != tt.wantOpen || !slices.Equal(d.BlockedPrefixes, tt.wantBars) {
				t.Errorf("got open=%v bars=%v, want open=%v bars=%v", d.InternationalOpen, d.BlockedPrefixes, tt.wantOpen, tt.wantBars)
			}
		})
	}
}
