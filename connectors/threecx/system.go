package threecx

import (
	"context"
	"net/url"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// systemStatus is the part of Pbx.SystemStatus read; LicenseKey is not asked for.
type systemStatus struct {
	Version string `json:"Version"`
	FQDN    string `json:"FQDN"`
}

func (s *Source) readSystem(ctx context.Context) (inventory.PBX, error) {
	var st systemStatus
	err := s.get(ctx, "reading the system version", "/xapi/v1/SystemStatus", url.Values{"$select": {"Version,FQDN"}}, &st)
	if err != nil {
		return inventory.PBX{}, err
	}
	return inventory.PBX{Product: "3CX", Version: st.Version}, nil
}
