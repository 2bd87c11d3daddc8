package freepbx

import (
	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors"
)

// Kind is the connector's schema and constructor.
func Kind() connectors.Kind {
	return connectors.Kind{
		Name:  name,
		Title: "FreePBX 16/17 (API module, GraphQL)",
		LeastPrivilege: "In FreePBX open Admin > API > Applications, add a Machine-to-Machine application for Ringfence, " +
			"and give it only the read scopes gql:core:read, gql:voicemail:read and gql:cdr:read. " +
			"Do not give it write scopes or the whole gql scope: Ringfence asks for the three read scopes and nothing else, " +
			"and a read-only application cannot change the system even if its secret leaks. " +
			"Note that gql:voicemail:read lets the application see voicemail PINs: Ringfence judges each one on arrival and keeps only the verdict.",
		Settings: []connectors.Setting{
			{Key: connectors.KeyURL, Type: connectors.Address, Label: "FreePBX address", Required: true, Help: "The address of the FreePBX admin page, e.g. https://pbx.example.co.uk."},
			{Key: connectors.KeyClientID, Type: connectors.Text, Label: "Client ID", Required: true, Help: "From Admin > API > Applications, on the application you made for Ringfence."},
			{Key: connectors.KeySecret, Type: connectors.Secret, Label: "Client secret", Required: true, Help: "Shown once when the application is made; kept in the system keyring."},
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
