package checklist

import (
	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// Disclosed is what a SIP server's Server or User-Agent header gives away,
// judged by the same parser and advisory table as the audit's firmware checks.
type Disclosed struct {
	Identity firmware.Identity `json:"identity"`
	// Recognised is false when the header names nothing the parser knows.
	Recognised bool             `json:"recognised"`
	Verdict    firmware.Verdict `json:"verdict"`
}

// JudgeDisclosed identifies and judges the product a SIP header names. A
// header that says nothing recognisable is unknown, never current.
func JudgeDisclosed(header string) Disclosed {
	id, ok := firmware.ParseUserAgent(header)
	if !ok {
		return Disclosed{Verdict: firmware.Verdict{Status: firmware.StatusUnknown, Reason: "The header does not name a product Ringfence knows."}}
	}
	d := Disclosed{Identity: id, Recognised: true}
	switch id.Kind {
	case string(inventory.DevicePBX):
		d.Verdict = firmware.JudgePBX(id.Model, id.Version)
		if id.CoreVersion != "" && id.CoreVersion != id.Version {
			// A FreePBX system is only as safe as the Asterisk under it.
			if core := firmware.JudgePBX("Asterisk", id.CoreVersion); worse(core, d.Verdict) {
				d.Verdict = core
			}
		}
	default:
		d.Verdict = judgeDevice(inventory.Device{Kind: inventory.DeviceKind(id.Kind), UserAgent: header}).verdict
	}
	return d
}

// worse reports whether a is a worse verdict than b, in the order people act
// on: a known flaw, end of life, behind, unknown, current.
func worse(a, b firmware.Verdict) bool {
	return classRank(a.Class()) > classRank(b.Class())
}

func classRank(c firmware.Class) int {
	switch c {
	case firmware.ClassVulnerable:
		return 4
	case firmware.ClassEndOfLife:
		return 3
	case firmware.ClassOutdated:
		return 2
	case firmware.ClassUnknown:
		return 1
	}
	return 0
}
