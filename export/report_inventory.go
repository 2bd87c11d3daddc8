package export

import (
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/reconcile"
)

// ReportInventory is what the audit found, for asset and ticket systems: every
// device with its firmware verdict, every extension with its owner. It never
// holds a PIN or a secret: the inventory model keeps none.
type ReportInventory struct {
	PBX        *ReportPBX        `json:"pbx,omitempty"`
	Devices    []ReportDevice    `json:"devices"`
	Extensions []ReportExtension `json:"extensions"`
	// Exposure is the latest probe of the phone system's address, when one
	// was run: what answered, seen from where.
	Exposure *inventory.Exposure `json:"exposure,omitempty"`
}

// ReportPBX is the phone system itself and the verdict on its version.
type ReportPBX struct {
	Product string `json:"product"`
	Version string `json:"version,omitempty"`
	Hosted  bool   `json:"hosted"`
	Verdict string `json:"verdict"`
	Reason  string `json:"reason"`
}

// ReportDevice is one device: the fields its source gave, then what Ringfence
// made of them.
type ReportDevice struct {
	Source   ReportDeviceSource `json:"source"`
	Vendor   string             `json:"vendor"`
	Model    string             `json:"model"`
	Firmware string             `json:"firmware"`
	// Class is desk_phone, dect, softphone, adapter, gateway or pbx.
	Class string `json:"class"`
	// Verdict is current, outdated, vulnerable, end_of_life or unknown.
	Verdict firmware.Class `json:"verdict"`
	Reason  string         `json:"reason"`
	// Latest is the newest build known for the model, and LatestFrom where it
	// came from ("phone system" or "advisory table").
	Latest     string   `json:"latest,omitempty"`
	LatestFrom string   `json:"latest_from,omitempty"`
	Advisories []string `json:"advisories,omitempty"`
	// Reference is the public page the verdict rests on, checked on Checked.
	Reference string `json:"reference,omitempty"`
	Checked   string `json:"checked,omitempty"`
}

// ReportDeviceSource holds a device's fields exactly as the source gave them.
type ReportDeviceSource struct {
	Kind           inventory.DeviceKind `json:"kind"`
	Vendor         string               `json:"vendor,omitempty"`
	Model          string               `json:"model,omitempty"`
	Firmware       string               `json:"firmware,omitempty"`
	LatestFirmware string               `json:"latest_firmware,omitempty"`
	MAC            string               `json:"mac,omitempty"`
	IP             string               `json:"ip,omitempty"`
	UserAgent      string               `json:"user_agent,omitempty"`
	Owner          string               `json:"owner,omitempty"`
	LastSeen       time.Time            `json:"last_seen,omitzero"`
}

// ReportExtension is one extension and who owns it.
type ReportExtension struct {
	Number     string                  `json:"number"`
	Name       string                  `json:"name,omitempty"`
	Email      string                  `json:"email,omitempty"`
	Type       inventory.ExtensionType `json:"type"`
	Enabled    bool                    `json:"enabled"`
	MFA        inventory.MFAState      `json:"mfa,omitempty"`
	LastActive time.Time               `json:"last_active,omitzero"`
	Owner      ReportOwner             `json:"owner"`
}

// ReportOwner is the extension's match against the staff list.
type ReportOwner struct {
	// Status is current_staff, leaver, to_confirm (a possible match nobody has
	// confirmed), unowned, shared, or no_staff_list.
	Status     string               `json:"status"`
	Name       string               `json:"name,omitempty"`
	Email      string               `json:"email,omitempty"`
	Left       time.Time            `json:"left,omitzero"`
	Confidence reconcile.Confidence `json:"confidence,omitempty"`
	Reason     string               `json:"reason,omitempty"`
	Decided    bool                 `json:"decided,omitempty"`
}

func newReportInventory(a *checklist.Audit, now time.Time) ReportInventory {
	inv := &a.Inventory
	out := ReportInventory{Devices: make([]ReportDevice, 0, len(inv.Devices)), Extensions: make([]ReportExtension, 0, len(inv.Extensions)), Exposure: inv.Exposure}
	if inv.PBX.Product != "" {
		v := firmware.JudgePBX(inv.PBX.Product, inv.PBX.Version)
		out.PBX = &ReportPBX{Product: inv.PBX.Product, Version: inv.PBX.Version, Hosted: inv.PBX.Hosted,
			Verdict: string(v.Class()), Reason: v.Reason}
	}
	for _, d := range inv.Devices {
		out.Devices = append(out.Devices, reportDevice(d))
	}
	owners := extensionOwners(a, now)
	for _, e := range inv.Extensions {
		out.Extensions = append(out.Extensions, ReportExtension{
			Number: e.Number, Name: e.Name, Email: e.Email, Type: e.Type, Enabled: e.Enabled,
			MFA: e.MFA, LastActive: e.LastActive, Owner: owners(e),
		})
	}
	return out
}

func reportDevice(d inventory.Device) ReportDevice {
	id := firmware.Identify(d.Vendor, d.Model, d.Firmware, d.UserAgent)
	v := checklist.DeviceFirmware(d)
	return ReportDevice{
		Source: ReportDeviceSource{Kind: d.Kind, Vendor: d.Vendor, Model: d.Model, Firmware: d.Firmware,
			LatestFirmware: d.LatestFirmware, MAC: d.MAC, IP: d.IP, UserAgent: d.UserAgent, Owner: d.Owner, LastSeen: d.LastSeen},
		Vendor: id.Vendor, Model: id.Model, Firmware: id.Version,
		Class:   deviceClass(d.Kind, id.Kind),
		Verdict: v.Class(), Reason: v.Reason,
		Latest: v.Latest, LatestFrom: v.LatestFrom, Advisories: v.Advisories, Reference: v.Source, Checked: v.Checked,
	}
}

// deviceClass names what a device is. The source's own kind wins; a kind read
// from the user agent counts only where the source said no more than "phone".
func deviceClass(source inventory.DeviceKind, parsed string) string {
	k := source
	if (k == "" || k == inventory.DeviceDeskPhone) && parsed != "" {
		k = inventory.DeviceKind(parsed)
	}
	switch k {
	case inventory.DeviceATA:
		return "adapter"
	case "":
		return string(inventory.DeviceDeskPhone)
	}
	return string(k)
}

// extensionOwners matches the extensions against the audit's staff list, the
// way the leaver checks do, and returns each extension's owner.
func extensionOwners(a *checklist.Audit, now time.Time) func(inventory.Extension) ReportOwner {
	if len(a.Inventory.Staff) == 0 {
		return func(inventory.Extension) ReportOwner {
			return ReportOwner{Status: "no_staff_list", Reason: "no staff list was given, so owners were not matched"}
		}
	}
	rep := a.Leavers(now)
	matched := make(map[string]reconcile.Match, len(rep.Matches))
	for _, m := range rep.Matches {
		matched[m.Extension] = m
	}
	toConfirm := make(map[string]reconcile.Match, len(rep.ToConfirm))
	for _, m := range rep.ToConfirm {
		toConfirm[m.Extension] = m
	}
	shared := make(map[string]string, len(rep.Shared))
	for _, f := range rep.Shared {
		shared[f.Extension] = f.Reason
	}
	unowned := make(map[string]string, len(rep.Unowned))
	for _, f := range rep.Unowned {
		unowned[f.Extension] = f.Reason
	}
	return func(e inventory.Extension) ReportOwner {
		if m, ok := matched[e.Number]; ok {
			o := ReportOwner{Status: "current_staff", Name: m.Name, Email: m.Email, Left: m.Left,
				Confidence: m.Confidence, Reason: m.Reason, Decided: m.Decided}
			if !m.Left.IsZero() && !m.Left.After(now) {
				o.Status = "leaver"
			}
			return o
		}
		if m, ok := toConfirm[e.Number]; ok {
			return ReportOwner{Status: "to_confirm", Name: m.Name, Email: m.Email, Left: m.Left,
				Confidence: m.Confidence, Reason: m.Reason}
		}
		if why, ok := shared[e.Number]; ok {
			return ReportOwner{Status: "shared", Reason: why}
		}
		if e.Type != inventory.ExtUser && e.Type != "" {
			return ReportOwner{Status: "shared", Reason: "the phone system lists it as a " + string(e.Type) + " extension"}
		}
		if why, ok := unowned[e.Number]; ok {
			return ReportOwner{Status: "unowned", Reason: why}
		}
		return ReportOwner{Status: "unowned", Reason: "nobody on the staff list has this name or e-mail address"}
	}
}
