package checklist

import (
	"strings"

	"github.com/ringfence/ringfence/checklist/inventory"
)

func (e evaluatorSet) addNetwork() {
	e.register("NW-02", []fact{namedTrunks}, trunksRestrictedToProvider)
	e.register("NW-03", []fact{namedTrunks}, trunksEncrypted)
}

func trunkItem(t inventory.Trunk, detail string) Item {
	return Item{Kind: "trunk", ID: t.Name, Label: joinNonEmpty(" ", t.Name, parenthesise(t.Provider)), Detail: detail}
}

func trunksOutcome(f *Facts, problem func(inventory.Trunk) string, failText, passText string) Outcome {
	inv := f.Inventory
	var items []Item
	unnamed := 0
	for _, t := range inv.Trunks {
		if !trunkNamed(t) {
			unnamed++
			continue
		}
		if why := problem(t); why != "" {
			items = append(items, trunkItem(t, why))
		}
	}
	if len(items) > 0 {
		return fail(items, failText, len(items))
	}
	if unnamed > 0 {
		return unknown("Trunks that could not be identified, so could not be checked: %d of %d.", unnamed, len(inv.Trunks))
	}
	return pass(passText, len(inv.Trunks))
}

func trunksRestrictedToProvider(f *Facts) Outcome {
	return trunksOutcome(f, func(t inventory.Trunk) string {
		if !t.IPRestricted {
			return "accepts calls from any internet address"
		}
		return ""
	}, "Trunks that accept SIP traffic from any address, not just your provider's: %d.", "Trunks checked: %d. All accept traffic only from the provider's addresses.")
}

func trunksEncrypted(f *Facts) Outcome {
	return trunksOutcome(f, func(t inventory.Trunk) string {
		var gaps []string
		if !strings.EqualFold(t.Transport, "tls") {
			gaps = append(gaps, "signalling not over TLS ("+firstNonEmpty(strings.ToUpper(t.Transport), "transport unknown")+")")
		}
		if !t.SRTP {
			gaps = append(gaps, "calls not encrypted (no SRTP)")
		}
		return strings.Join(gaps, "; ")
	}, "Trunks that carry calls unencrypted, so they can be listened to on the way: %d.", "Trunks checked: %d. All use TLS and SRTP.")
}
