package yeastar

import (
	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors"
)

// Kind is the connector's schema and constructor.
func Kind() connectors.Kind {
	return connectors.Kind{
		Name:  name,
		Title: "Yeastar P-Series (OpenAPI)",
		LeastPrivilege: "Yeastar has no read-only API role: whoever holds the client ID and secret can change the phone system through the API, " +
			"and the API can also reveal voicemail PINs and SIP passwords. Ringfence itself only reads (it refuses every address but five read-only ones and the one that hands its own sign-in back), " +
			"but protect the credentials accordingly: on the PBX open Integrations > API, enable the API only for this audit, " +
			"turn on IP restriction and allow only the address of the computer running Ringfence, " +
			"and disable the API (or reset the client secret) when the audit is done.",
		Settings: []connectors.Setting{
			{Key: connectors.KeyURL, Type: connectors.Address, Label: "PBX address", Required: true, Help: "The PBX's web address with its port, e.g. https://pbx.example.co.uk:8088 or https://yourname.ras.yeastar.com."},
			{Key: connectors.KeyClientID, Type: connectors.Text, Label: "Client ID", Required: true, Help: "From Integrations > API on the PBX."},
			{Key: connectors.KeySecret, Type: connectors.Secret, Label: "Client secret", Required: true, Help: "From Integrations > API on the PBX; kept in the system keyring."},
			connectors.OptionCalls,
			connectors.OptionCallLimit,
			connectors.OptionConcurrency,
			connectors.OptionPageSize,
		},
		New: func(site checklist.Site, secret string) (connectors.Source, error) {
			opts, err := Kind().FetchOptions(site.Connector.Options)
			if err != nil {
				return nil, err
			}
			return New(Config{URL: site.Connector.URL, ClientID: site.Connector.ClientID, Secret: secret, Pins: site.Pins, Options: opts})
		},
	}
}
