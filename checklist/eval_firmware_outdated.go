package checklist

import (
	"fmt"

	"github.com/ringfence/ringfence/checklist/firmware"
)

func (e evaluatorSet) addFirmwareOutdated() {
	e.register("FW-08", []fact{identifiedPhones}, phonesOnNewestBuild)
}

// phonesOnNewestBuild fails phones that run an older build than the newest
// their maker offers for the model, flaw or no flaw: old builds miss fixes that
// were never announced as security advisories. A phone whose maker has stopped
// updating it is EP-03's finding, not this one's.
func phonesOnNewestBuild(f *Facts) Outcome {
	inv := f.Inventory
	var behind, unchecked []Item
	newest := 0
	facts := f.devices()
	for i, d := range inv.Devices {
		if !hardware(d) {
			continue
		}
		v := facts[i].verdict
		switch {
		case !facts[i].identified:
			unchecked = append(unchecked, deviceItem(d, "make, model or firmware not known"))
		case v.Status == firmware.StatusEndOfLife:
		case v.Behind:
			behind = append(behind, deviceItem(d, fmt.Sprintf("runs %s; the newest build is %s (%s)", facts[i].id.Version, v.Latest, latestSource(v))))
		case v.LatestChecked:
			newest++
		default:
			unchecked = append(unchecked, deviceItem(d, "the newest build for this model is not known"))
		}
	}
	switch {
	case len(behind) > 0:
		return fail(behind, "Phones on an older build than their maker's newest for the model: %d.", len(behind))
	case len(unchecked) > 0:
		o := unknown("Phones on the newest build: %d. Phones whose newest build is not known: %d.", newest, len(unchecked))
		o.Affected = unchecked
		return o
	case newest == 0:
		// Every phone is end of life: EP-03 fails them, and there is no newer
		// build to be behind, so this check has nothing it could pass on.
		return unknown("Every phone listed is one its maker no longer updates (see EP-03), so none has a newer build to compare with.")
	}
	return pass("Phones checked: %d. Each runs the newest build known for its model.", newest)
}

func latestSource(v firmware.Verdict) string {
	if v.LatestFrom == "phone system" {
		return "offered by your phone system"
	}
	return "the newest we know of"
}
