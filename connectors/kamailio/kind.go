package kamailio

import (
	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors"
)

// Kind is the connector's schema and constructor.
func Kind() connectors.Kind {
	return connectors.Kind{
		Name:  Name,
		Title: "Kamailio (JSON-RPC)",
		LeastPrivilege: "there is nothing to create on Kamailio, which has no accounts or roles. " +
			"Its JSON-RPC (the control interface Ringfence reads) has no sign-in, and whoever can reach it can also change the server through it. " +
			"Ringfence itself only calls two read methods (ul.dump and core.version) and refuses any other, " +
			"but keep the JSON-RPC address on 127.0.0.1 and reach it through an SSH tunnel, " +
			"or put it behind a web proxy that asks for a user name and password and lets only this computer in.",
		Settings: []connectors.Setting{
			{Key: connectors.KeyURL, Type: connectors.Address, Label: "JSON-RPC address", Required: true,
				Help: "Kamailio's JSON-RPC address, e.g. http://127.0.0.1:5071/RPC through an SSH tunnel, or the https address of a proxy in front of it."},
			{Key: connectors.KeyClientID, Type: connectors.Text, Label: "Proxy user name",
				Help: "Only if a web proxy in front of Kamailio asks for a user name; leave empty otherwise."},
			{Key: connectors.KeySecret, Type: connectors.Secret, Label: "Proxy password",
				Help: "Only if a web proxy in front of Kamailio asks for a password; leave empty otherwise."},
		},
		New: func(site checklist.Site, secret string) (connectors.Source, error) {
			return New(Config{URL: site.Connector.URL, User: site.Connector.ClientID, Secret: secret, Pins: site.Pins})
		},
	}
}
