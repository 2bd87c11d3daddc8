package yeastar

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
)

// phoneRow is one entry of phone/search, the auto-provisioning list.
type phoneRow struct {
	ID             int    `json:"id"`
	MAC            string `json:"mac"`
	Vendor         string `json:"vendor"`
	Model          string `json:"model"`
	Firmware       string `json:"firmware"`
	IP             string `json:"ip"`
	AssignedExtNum string `json:"assigned_ext_num"`
}

func (s *Source) fetchPhones(ctx context.Context, progress func(connectors.Progress)) ([]phoneRow, error) {
	return readAll(ctx, s, "phones", "phone/search", nil,
		func(p phoneRow) string { return strconv.Itoa(p.ID) + "/" + p.MAC }, progress)
}

// dectModels are the cordless bases and handsets in Yeastar's provisioning
// list (Yealink W-series, Grandstream DP, Snom M, Gigaset N).
var dectModels = regexp.MustCompile(`(?i)^(W\d{2}|DP\d{3}|M\d{2,3}|N\d{3}|.*DECT)`)

func (p phoneRow) device() inventory.Device {
	d := inventory.Device{
		Kind: inventory.DeviceDeskPhone, Vendor: p.Vendor, Model: p.Model, Firmware: p.Firmware,
		MAC: normaliseMAC(p.MAC), IP: p.IP,
	}
	if owner := strings.TrimSpace(p.AssignedExtNum); owner != "" && !strings.EqualFold(owner, "Unassigned") {
		d.Owner = owner
	}
	if dectModels.MatchString(strings.TrimSpace(p.Model)) {
		d.Kind = inventory.DeviceDECT
	}
	return d
}

// normaliseMAC writes a MAC the way the rest of Ringfence does (80:5E:C0:...),
// leaving anything unrecognisable as Yeastar sent it.
func normaliseMAC(s string) string {
	var hex []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'F':
			hex = append(hex, c)
		case c >= 'a' && c <= 'f':
			hex = append(hex, c-'a'+'A')
		case c == ':' || c == '-' || c == '.':
		default:
			return s
		}
	}
	if len(hex) != 12 {
		return s
	}
	var b strings.Builder
	for i := 0; i < 12; i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.Write(hex[i : i+2])
	}
	return b.String()
}
