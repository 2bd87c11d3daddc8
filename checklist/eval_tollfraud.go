package checklist

import (
	"fmt"
	"strings"

	"github.com/ringfence/ringfence/checklist/callscan"
	"github.com/ringfence/ringfence/checklist/inventory"
)

func (e evaluatorSet) addTollFraud() {
	e.register("TF-01", []fact{dialling}, internationalRestricted)
	e.register("TF-02", []fact{dialling}, premiumBarred)
	e.register("TF-06", []fact{dialling}, concurrentCallsLimited)
}

func ruleItem(id, label, detail string) Item {
	return Item{Kind: "rule", ID: id, Label: label, Detail: detail}
}

func internationalRestricted(f *Facts) Outcome {
	d := f.Inventory.Dialling
	if d.InternationalOpen {
		return fail([]Item{ruleItem("international", "International dialling", "every extension can call every country")},
			"Any extension can call any country, which is what toll fraudsters look for.")
	}
	var risky []Item
	var names []string
	for _, code := range d.AllowedCountries {
		digits := strings.TrimLeft(strings.TrimSpace(code), "+0")
		if name, _, ok := callscan.HighRiskCountry(digits); ok {
			label := fmt.Sprintf("%s (+%s)", name, digits)
			names = append(names, label)
			risky = append(risky, ruleItem(digits, label, "allowed, but a common destination for toll fraud"))
		}
	}
	switch {
	case len(risky) > 0:
		return fail(risky, "International calls are allowed to %s that fraud reports name again and again: %s. Remove %s unless you really call %s.",
			pluralWord(len(risky), "a country", "countries"), strings.Join(names, ", "),
			pluralWord(len(risky), "it", "them"), pluralWord(len(risky), "it", "them"))
	case len(d.AllowedCountries) > 0:
		return pass("International calls are allowed only to country codes %s, none of them a common toll-fraud destination.", strings.Join(d.AllowedCountries, ", "))
	}
	return pass("International calls are barred.")
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// barred reports whether the dialling rules refuse numbers starting with prefix.
// A shorter blocked prefix covers a longer one: blocking "08" bars "087".
func barred(d *inventory.DiallingPolicy, prefix string) bool {
	for _, b := range d.BlockedPrefixes {
		if b = nationalForm(b); b != "" && strings.HasPrefix(prefix, b) {
			return true
		}
	}
	return false
}

func premiumBarred(f *Facts) Outcome {
	d := f.Inventory.Dialling
	var items []Item
	for _, r := range premiumRanges {
		if !barred(d, r.Prefix) {
			items = append(items, ruleItem(r.Prefix, r.Prefix+" numbers", r.Name+" not barred"))
		}
	}
	if len(items) > 0 {
		return fail(items, "Premium or revenue-sharing ranges that can still be dialled: %d.", len(items))
	}
	var optional []string
	for _, p := range optionalBarRanges {
		if !barred(d, p) {
			optional = append(optional, p)
		}
	}
	if len(optional) > 0 {
		return pass("Premium and revenue-sharing ranges are barred. If you never call %s numbers, bar those too.", strings.Join(optional, ", "))
	}
	return pass("Premium, revenue-sharing and special ranges are barred.")
}

func concurrentCallsLimited(f *Facts) Outcome {
	d := f.Inventory.Dialling
	if d.MaxConcurrentCalls <= 0 {
		return fail([]Item{ruleItem("concurrent", "Simultaneous outbound calls", "no limit set")},
			"There is no limit on simultaneous outbound calls, so a fraudster can run many calls at once.")
	}
	return pass("Outbound calls are limited to %d at a time.", d.MaxConcurrentCalls)
}
