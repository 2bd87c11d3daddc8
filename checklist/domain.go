package checklist

import "fmt"

// Domain groups checks the way a person thinks about their phone system.
// The string values are stable: they appear in saved audits and the JSON report.
type Domain string

const (
	DomainEndpoints  Domain = "endpoints"
	DomainPINs       Domain = "pins"
	DomainLeavers    Domain = "leavers"
	DomainFirmware   Domain = "firmware"
	DomainMFAAdmin   Domain = "mfa_admin"
	DomainTollFraud  Domain = "toll_fraud"
	DomainNetwork    Domain = "network"
	DomainMonitoring Domain = "monitoring"
	DomainBreach     Domain = "breach_readiness"
	DomainPolicies   Domain = "policies"
)

// Domains lists every domain in the order screens and reports show them.
var Domains = []Domain{
	DomainEndpoints, DomainPINs, DomainLeavers, DomainFirmware, DomainMFAAdmin,
	DomainTollFraud, DomainNetwork, DomainMonitoring, DomainBreach, DomainPolicies,
}

// Title is the plain-English heading for a domain.
func (d Domain) Title() string {
	switch d {
	case DomainEndpoints:
		return "Phones and endpoints"
	case DomainPINs:
		return "Voicemail PINs"
	case DomainLeavers:
		return "Leavers"
	case DomainFirmware:
		return "Firmware and patching"
	case DomainMFAAdmin:
		return "MFA and admin accounts"
	case DomainTollFraud:
		return "Toll fraud and dialling"
	case DomainNetwork:
		return "Network exposure"
	case DomainMonitoring:
		return "Monitoring and call records"
	case DomainBreach:
		return "Breach readiness"
	case DomainPolicies:
		return "Policies, people and providers"
	}
	return string(d)
}

func (d Domain) valid() bool {
	for _, known := range Domains {
		if d == known {
			return true
		}
	}
	return false
}

// Severity says how much harm a failed check can do.
type Severity string

const (
	Critical Severity = "critical"
	High     Severity = "high"
	Medium   Severity = "medium"
	Low      Severity = "low"
)

// Rank orders severities: a higher rank is more dangerous. Unknown values rank 0.
func (s Severity) Rank() int {
	switch s {
	case Critical:
		return 4
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	}
	return 0
}

// ParseSeverity accepts the four severity names (and "none", which ranks below them all,
// for --fail-on).
func ParseSeverity(s string) (Severity, error) {
	switch v := Severity(s); v {
	case Critical, High, Medium, Low:
		return v, nil
	case "none":
		return "", nil
	}
	return "", fmt.Errorf("unknown severity %q: use critical, high, medium, low or none", s)
}

// Effort is a rough size for the fix, used to put quick wins first.
type Effort string

const (
	Minutes Effort = "minutes"
	Hours   Effort = "hours"
	Project Effort = "project"
)

// Rank orders efforts: a lower rank is quicker.
func (e Effort) Rank() int {
	switch e {
	case Minutes:
		return 1
	case Hours:
		return 2
	case Project:
		return 3
	}
	return 4
}
