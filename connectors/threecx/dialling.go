package threecx

import (
	"context"
	"net/url"
	"slices"
	"strings"

	"github.com/ringfence/ringfence/checklist"
)

// outboundRule is a Pbx.OutboundRule. A rule with no route sends matching
// calls nowhere, which is how 3CX bars a prefix.
type outboundRule struct {
	Name     string `json:"Name"`
	Prefix   string `json:"Prefix"`
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

func (s *Source) readDialling(ctx context.Context) (*checklist.DiallingPolicy, error) {
	var cc countryCodes
	if err := s.get(ctx, "reading allowed countries", "/xapi/v1/CountryCodes", url.Values{"$select": {"CountryCodes"}}, &cc); err != nil {
		return nil, err
	}
	p := &checklist.DiallingPolicy{}
	if len(cc.CountryCodes) >= openWorld {
		p.InternationalOpen = true
	} else {
		p.AllowedCountries = slices.Clone(cc.CountryCodes)
		slices.Sort(p.AllowedCountries)
	}

	rules := url.Values{"$select": {"Id,Name,Prefix,GroupIds,DNRanges,Routes"}}
	err := list(ctx, s, "reading outbound rules", "/xapi/v1/OutboundRules", rules, nil, func(batch []outboundRule) error {
		for _, r := range batch {
			// Only a bar that covers everyone counts: one department's bar
			// leaves every other extension open.
			if !blocks(r) || len(r.GroupIds) > 0 || len(r.DNRanges) > 0 {
				continue
			}
			for _, prefix := range strings.Split(r.Prefix, ",") {
				if prefix = strings.TrimSpace(prefix); prefix != "" && !slices.Contains(p.BlockedPrefixes, prefix) {
					p.BlockedPrefixes = append(p.BlockedPrefixes, prefix)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
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

func blocks(r outboundRule) bool {
	for _, route := range r.Routes {
		if route.TrunkId != 0 || route.TrunkName != "" {
			return false
		}
	}
	return true
}
