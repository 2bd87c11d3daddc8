package threecx

import (
	"context"
	"net/url"
	"slices"
	"strings"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// outboundRule is a Pbx.OutboundRule. A rule with no route sends matching
// calls nowhere, which is how 3CX bars a prefix. 3CX tries rules in Priority
// order and the first that matches a call decides it.
type outboundRule struct {
	Name     string `json:"Name"`
	Prefix   string `json:"Prefix"`
	Priority int    `json:"Priority"`
	GroupIds []int  `json:"GroupIds"`
	DNRanges []struct {
		From string `json:"From"`
		To   string `json:"To"`
	} `json:"DNRanges"`
	Routes []struct {
		TrunkId   int    `json:"TrunkId"`
		TrunkName string `json:"TrunkName"`
	} `json:"Routes"`
}

// countryCodes is the Pbx.CountryCodes singleton: the countries 3CX lets
// extensions call. It is one object holding a list, not an OData collection.
type countryCodes struct {
	CountryCodes []string `json:"CountryCodes"`
}

type trunk struct {
	SimultaneousCalls   int  `json:"SimultaneousCalls"`
	EnableOutboundCalls bool `json:"EnableOutboundCalls"`
}

// openWorld is how many allowed countries count as "anywhere": nobody ticks
// a hundred countries one by one; they press "select all".
const openWorld = 100

func (s *Source) readDialling(ctx context.Context) (*inventory.DiallingPolicy, error) {
	var cc countryCodes
	if err := s.get(ctx, "reading allowed countries", "/xapi/v1/CountryCodes", url.Values{"$select": {"CountryCodes"}}, &cc); err != nil {
		return nil, err
	}
	p := &inventory.DiallingPolicy{}
	if len(cc.CountryCodes) >= openWorld {
		p.InternationalOpen = true
	} else {
		p.AllowedCountries = slices.Clone(cc.CountryCodes)
		slices.Sort(p.AllowedCountries)
	}

	rules := url.Values{"$select": {"Id,Name,Prefix,Priority,GroupIds,DNRanges,Routes"}}
	var all []outboundRule
	err := list(ctx, s, "reading outbound rules", "/xapi/v1/OutboundRules", rules, nil, func(batch []outboundRule) error {
		all = append(all, batch...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	bars, abroad := mapRules(all)
	p.BlockedPrefixes = bars
	// 3CX lets an international call out only when a rule routes it and its
	// country is allowed. A rule that sends calls abroad for every extension
	// with no allowed-country list to stop them is open dialling, not a bar.
	if abroad && len(cc.CountryCodes) == 0 {
		p.InternationalOpen, p.AllowedCountries = true, nil
	}

	// The most calls that can leave at once is what the outbound trunks
	// carry between them; a trunk with no limit (0) leaves it unlimited.
	limit, unlimited := 0, false
	trunks := url.Values{"$select": {"Id,SimultaneousCalls,EnableOutboundCalls"}}
	err = list(ctx, s, "reading trunks", "/xapi/v1/Trunks", trunks, nil, func(batch []trunk) error {
		for _, t := range batch {
			if !t.EnableOutboundCalls {
				continue
			}
			if t.SimultaneousCalls <= 0 {
				unlimited = true
			}
			limit += t.SimultaneousCalls
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !unlimited {
		p.MaxConcurrentCalls = limit
	}
	return p, nil
}

// mapRules walks the rules in the order 3CX tries them. It returns the
// prefixes barred for every extension, leaving out a bar that an earlier rule
// open to everyone already routes out (that bar never takes effect), and
// whether a rule open to everyone sends international numbers to a trunk.
func mapRules(rules []outboundRule) (bars []string, abroad bool) {
	slices.SortStableFunc(rules, func(a, b outboundRule) int { return a.Priority - b.Priority })
	var routed []string // prefixes already sent to a trunk for everyone
	for _, r := range rules {
		everyone := len(r.GroupIds) == 0 && len(r.DNRanges) == 0
		if !everyone {
			// One department's bar leaves every other extension open, and
			// one department's route is not everyone's.
			continue
		}
		prefixes := strings.Split(r.Prefix, ",")
		for i := range prefixes {
			prefixes[i] = strings.TrimSpace(prefixes[i])
		}
		if !blocks(r) {
			for _, prefix := range prefixes {
				routed = append(routed, prefix)
				// "", "0", "00" and "+" all catch numbers dialled abroad.
				if strings.HasPrefix("00", prefix) || strings.HasPrefix("+", prefix) {
					abroad = true
				}
			}
			continue
		}
		for _, prefix := range prefixes {
			if prefix == "" || slices.Contains(bars, prefix) || coveredBy(prefix, routed) {
				continue
			}
			bars = append(bars, prefix)
		}
	}
	return bars, abroad
}

func coveredBy(prefix string, routed []string) bool {
	for _, r := range routed {
		if strings.HasPrefix(prefix, r) {
			return true
		}
	}
	return false
}

func blocks(r outboundRule) bool {
	for _, route := range r.Routes {
		if route.TrunkId != 0 || route.TrunkName != "" {
			return false
		}
	}
	return true
}
