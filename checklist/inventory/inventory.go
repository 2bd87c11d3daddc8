// Package inventory is the model of what a connector reads from a phone system:
// extensions, mailboxes, devices, admin accounts, dialling rules, trunks, calls
// and the staff list. It sits below every other package so that the analysis
// packages and the check evaluators can share it without an import cycle.
package inventory

import (
	"strings"
	"time"
)

// Facet names one kind of fact a source can supply. A facet that was not collected
// is unknown, which is different from collected and empty: a PBX with no admin
// accounts in its export is not a PBX whose admins all have MFA.
type Facet string

const (
	FacetExtensions Facet = "extensions"
	FacetVoicemail  Facet = "voicemail"
	FacetDevices    Facet = "devices"
	FacetAdmins     Facet = "admins"
	FacetDialling   Facet = "dialling"
	FacetTrunks     Facet = "trunks"
	FacetCalls      Facet = "calls"
	FacetStaff      Facet = "staff"
	FacetPBX        Facet = "pbx"
)

// Inventory is everything a connector could read about one phone system.
// It never holds a secret or a PIN: voicemail PINs arrive as verdicts only.
type Inventory struct {
	Source     SourceInfo      `json:"source"`
	PBX        PBX             `json:"pbx"`
	Extensions []Extension     `json:"extensions,omitempty"`
	Voicemail  []Mailbox       `json:"voicemail,omitempty"`
	Devices    []Device        `json:"devices,omitempty"`
	Admins     []AdminAccount  `json:"admins,omitempty"`
	Dialling   *DiallingPolicy `json:"dialling,omitempty"`
	Trunks     []Trunk         `json:"trunks,omitempty"`
	Calls      []Call          `json:"calls,omitempty"`
	Staff      []StaffMember   `json:"staff,omitempty"`
	// Exposure is the latest probe of the phone system's address, when one
	// was run.
	Exposure *Exposure `json:"exposure,omitempty"`
}

// SourceInfo records where the inventory came from and which facets it covers.
type SourceInfo struct {
	Connector string    `json:"connector"`
	Detail    string    `json:"detail,omitempty"`
	FetchedAt time.Time `json:"fetched_at"`
	Collected []Facet   `json:"collected"`
	// Gaps are facets the source tried to read and could not (an endpoint missing
	// on this version or licence, a refused permission), with the reason in plain
	// words. A gap is not collected: the checks resting on it stay unknown and say why.
	Gaps []Gap `json:"gaps,omitempty"`
	// CallDays and CallsSince say which window of call history was read
	// ("the last 90 days, since …"), when the source reads a window rather
	// than a whole file; zero when it did not say.
	CallDays   int       `json:"call_days,omitempty"`
	CallsSince time.Time `json:"calls_since,omitzero"`
}

// Gap is a facet that could not be read, and why.
type Gap struct {
	Facet  Facet  `json:"facet"`
	Reason string `json:"reason"`
}

// AddGap records that a facet could not be read. It also withdraws the facet
// from Collected, so that a half-read facet is never mistaken for a whole one.
func (inv *Inventory) AddGap(f Facet, reason string) {
	kept := inv.Source.Collected[:0]
	for _, c := range inv.Source.Collected {
		if c != f {
			kept = append(kept, c)
		}
	}
	inv.Source.Collected = kept
	inv.Source.Gaps = append(inv.Source.Gaps, Gap{Facet: f, Reason: reason})
}

// GapReason returns why a facet could not be read, if the source said.
func (inv *Inventory) GapReason(f Facet) (string, bool) {
	for _, g := range inv.Source.Gaps {
		if g.Facet == f {
			return g.Reason, true
		}
	}
	return "", false
}

// Has reports whether the source collected a facet.
func (inv *Inventory) Has(f Facet) bool {
	for _, c := range inv.Source.Collected {
		if c == f {
			return true
		}
	}
	return false
}

// PBX identifies the phone system itself.
type PBX struct {
	Product    string      `json:"product,omitempty"` // e.g. "3CX", "FreePBX", "Asterisk", "Yeastar P-Series"
	Version    string      `json:"version,omitempty"`
	Hosted     bool        `json:"hosted"`
	Components []Component `json:"components,omitempty"` // modules and add-ons with their own versions
}

// Component is a separately versioned part of the PBX, such as a FreePBX module.
type Component struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// ExtensionType distinguishes people from shared and system extensions.
type ExtensionType string

const (
	ExtUser    ExtensionType = "user"
	ExtShared  ExtensionType = "shared"  // a reception or hot-desk line used by several people
	ExtQueue   ExtensionType = "queue"   // ring groups, queues, IVRs
	ExtService ExtensionType = "service" // fax, door entry, paging, lift line
)

// Extension is one number on the PBX and the person (if any) it belongs to.
type Extension struct {
	Number   string        `json:"number"`
	Name     string        `json:"name,omitempty"`
	Email    string        `json:"email,omitempty"`
	Enabled  bool          `json:"enabled"`
	Type     ExtensionType `json:"type"`
	MFA      MFAState      `json:"mfa,omitempty"`
	Forwards []Forward     `json:"forwards,omitempty"`
	// LastActive is the last registration or call seen; zero when unknown.
	LastActive time.Time `json:"last_active,omitzero"`
}

// Forward is a call-forwarding rule on an extension.
type Forward struct {
	Destination string `json:"destination"`
	External    bool   `json:"external"` // leaves the business: a mobile or another company
	Enabled     bool   `json:"enabled"`
}

// PINVerdict is what the PIN judge concluded about a voicemail PIN. The PIN itself
// is never kept.
type PINVerdict string

const (
	PINUnset           PINVerdict = "unset"
	PINDefault         PINVerdict = "default"
	PINEqualsExtension PINVerdict = "equals_extension"
	PINWeak            PINVerdict = "weak"
	PINOK              PINVerdict = "ok"
	PINUnknown         PINVerdict = "unknown"
)

// PINJudgement is a verdict with the reason in plain words, safe to show and store.
type PINJudgement struct {
	Verdict PINVerdict `json:"verdict"`
	Reason  string     `json:"reason,omitempty"`
	// Short is true when the PIN has fewer digits than the recommended minimum,
	// whatever else is wrong with it.
	Short bool `json:"short,omitempty"`
}

// Mailbox is one voicemail box.
type Mailbox struct {
	Extension string       `json:"extension"`
	Enabled   bool         `json:"enabled"`
	PIN       PINJudgement `json:"pin"`
	// PINRequired is false when the PBX lets callers in without a PIN
	// (for example 3CX's VMDisablePinAuth).
	PINRequired bool `json:"pin_required"`
}

// DeviceKind separates hardware from software and infrastructure.
type DeviceKind string

const (
	DeviceDeskPhone DeviceKind = "desk_phone"
	DeviceDECT      DeviceKind = "dect"
	DeviceSoftphone DeviceKind = "softphone"
	DeviceATA       DeviceKind = "ata" // analogue adapter: fax, door entry, legacy handsets
	DeviceGateway   DeviceKind = "gateway"
	DevicePBX       DeviceKind = "pbx"
)

// Device is one endpoint registered to (or known to) the PBX.
type Device struct {
	Kind     DeviceKind `json:"kind"`
	Vendor   string     `json:"vendor,omitempty"`
	Model    string     `json:"model,omitempty"`
	Firmware string     `json:"firmware,omitempty"`
	// LatestFirmware is the build the phone system itself offers for this
	// device (3CX's "firmware available"), when it says; empty otherwise.
	LatestFirmware string `json:"latest_firmware,omitempty"`
	MAC            string `json:"mac,omitempty"`
	IP             string `json:"ip,omitempty"`
	UserAgent      string `json:"user_agent,omitempty"`
	// Owner is the extension number the device is assigned to; empty when unassigned.
	Owner    string    `json:"owner,omitempty"`
	LastSeen time.Time `json:"last_seen,omitzero"`
}

// Label names a device for people: model and owner where known, else MAC or IP.
func (d Device) Label() string {
	name := d.Vendor
	switch {
	case d.Model != "" && strings.HasPrefix(strings.ToLower(d.Model), strings.ToLower(d.Vendor)):
		name = d.Model // "3CX for Android", not "3CX 3CX for Android"
	case d.Model != "":
		name = joinNonEmpty(" ", d.Vendor, d.Model)
	}
	if name == "" {
		name = firstNonEmpty(d.UserAgent, "unidentified device")
	}
	where := firstNonEmpty(d.MAC, d.IP)
	switch {
	case d.Owner != "" && where != "":
		return name + " (ext " + d.Owner + ", " + where + ")"
	case d.Owner != "":
		return name + " (ext " + d.Owner + ")"
	case where != "":
		return name + " (" + where + ")"
	}
	return name
}

// MFAState records whether an account is protected by a second factor.
type MFAState string

const (
	MFAEnabled  MFAState = "enabled"
	MFADisabled MFAState = "disabled"
	MFAUnknown  MFAState = "unknown"
)

// AdminAccount is an account that can change the phone system.
type AdminAccount struct {
	Username string   `json:"username"`
	Name     string   `json:"name,omitempty"`
	Email    string   `json:"email,omitempty"`
	Role     string   `json:"role,omitempty"`
	MFA      MFAState `json:"mfa"`
	Enabled  bool     `json:"enabled"`
	// Shared is true when several people use the account (for example a login
	// called "admin" or "reception").
	Shared bool `json:"shared,omitempty"`
}

// DiallingPolicy is what the PBX lets extensions call.
type DiallingPolicy struct {
	// InternationalOpen is true when any extension can call any country.
	InternationalOpen bool `json:"international_open"`
	// AllowedCountries holds the international dialling codes that are allowed
	// when international calling is restricted (e.g. "33", "353").
	AllowedCountries []string `json:"allowed_countries,omitempty"`
	// BlockedPrefixes holds the number prefixes the PBX refuses, in national form
	// (e.g. "09", "118").
	BlockedPrefixes []string `json:"blocked_prefixes,omitempty"`
	// MaxConcurrentCalls is the limit on simultaneous outbound calls; 0 when none.
	MaxConcurrentCalls int `json:"max_concurrent_calls,omitempty"`
}

// Trunk is a connection from the PBX to a carrier.
type Trunk struct {
	Name     string `json:"name"`
	Provider string `json:"provider,omitempty"`
	// Transport is "udp", "tcp" or "tls".
	Transport string `json:"transport,omitempty"`
	SRTP      bool   `json:"srtp"`
	// IPRestricted is true when the trunk only accepts traffic from the carrier's addresses.
	IPRestricted bool `json:"ip_restricted"`
}

// Call is one call record, enough to spot calls that should not have happened.
type Call struct {
	Start       time.Time     `json:"start"`
	From        string        `json:"from"` // extension
	To          string        `json:"to"`   // dialled number as the PBX saw it
	Duration    time.Duration `json:"duration"`
	Answered    bool          `json:"answered"`
	CostPence   int           `json:"cost_pence,omitempty"`
	Destination string        `json:"destination,omitempty"` // country or range name, where known
}

// StaffMember is a row of the business's staff list, used to find leavers.
type StaffMember struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
	// Left is the leaving date; zero for current staff.
	Left time.Time `json:"left,omitzero"`
}

// Current reports whether the person was still employed at the given time.
func (s StaffMember) Current(at time.Time) bool {
	return s.Left.IsZero() || s.Left.After(at)
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func joinNonEmpty(sep string, values ...string) string {
	var kept []string
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			kept = append(kept, v)
		}
	}
	return strings.Join(kept, sep)
}
