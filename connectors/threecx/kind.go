package threecx

import (
	"crypto/x509"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
)

// Name is the connector's name in site files and errors.
const Name = "3cx"

// leastPrivilege is said honestly: 3CX has no read-only API role.
const leastPrivilege = "In the 3CX admin console, go to Integrations > API, add a client, tick \"XAPI Access Enabled\", " +
	"and choose its department and role. 3CX has no read-only role for API clients: any role that can see " +
	"every user and phone can also change them. Give it the System Admin role in the default department " +
	"(a lower role sees only its own department, so the audit would miss people), keep the client secret only " +
	"in Ringfence, and delete the API client when the audit is done. Ringfence itself only ever reads: " +
	"it refuses in code to send anything else."

// Kind is the 3CX connector's schema and constructor.
func Kind() connectors.Kind {
	return connectors.Kind{
		Name:           Name,
		Title:          "3CX v20 (XAPI)",
		LeastPrivilege: leastPrivilege,
		Settings: []connectors.Setting{
			{Key: connectors.KeyURL, Label: "Address of the 3CX admin page", Type: connectors.Address, Required: true,
				Help: "The address you sign in at, such as https://yourcompany.3cx.eu:5001."},
			{Key: connectors.KeyClientID, Label: "API client ID", Type: connectors.Text, Required: true,
				Help: "Integrations > API in the 3CX admin console: the client ID (a number) you chose."},
			{Key: connectors.KeySecret, Label: "API key (client secret)", Type: connectors.Secret, Required: true,
				Help: "Shown once when the API client is created; kept in this computer's keyring."},
			connectors.OptionCalls,
			connectors.OptionCallDays,
			connectors.OptionPageSize,
		},
		New: func(site checklist.Site, secret string) (connectors.Source, error) {
			opts, err := Kind().FetchOptions(site.Connector.Options)
			if err != nil {
				return nil, err
			}
			return New(Config{
				URL:      site.Connector.URL,
				ClientID: site.Connector.ClientID,
				Secret:   secret,
				Pins:     site.Pins,
				Calls:    opts.Calls,
				CallDays: opts.CallDays,
				PageSize: opts.PageSize,
			})
		},
	}
}

// Config is what the connector needs. Limits and RootCAs are for tests and
// special cases; the zero values mean httpx's defaults and the system roots.
type Config struct {
	URL, ClientID, Secret string
	Pins                  []checklist.PinnedCert
	Calls                 bool
	// CallDays is how many days of call history to read; zero means 90.
	CallDays int
	Limits   httpx.Limits
	RootCAs  *x509.CertPool
	// PageSize is how many entities are asked for at once; zero means 500.
	PageSize int
}
