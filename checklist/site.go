package checklist

import "time"

// SiteSchema is the version of site.json; see AuditSchema for when to bump it.
const SiteSchema = 1

// Site is one customer location: who to talk to, how to reach its phone system
// and which certificates the user has chosen to trust. It never holds a secret:
// those live in the OS keyring.
type Site struct {
	Schema    int               `json:"schema"`
	Name      string            `json:"name"`
	Contact   string            `json:"contact,omitempty"`
	Created   time.Time         `json:"created"`
	Connector ConnectorSettings `json:"connector"`
	// Hours are the site's business hours, such as "Mon-Fri 08:00-18:00", asked
	// once and used to spot calls made while the business is closed.
	Hours string       `json:"business_hours,omitempty"`
	Pins  []PinnedCert `json:"pins,omitempty"`
	// FraudDesk is the phone provider's fraud team, shown first when the
	// site's phone system may have been hacked.
	FraudDesk FraudDesk `json:"fraud_desk,omitzero"`
	// Export is how the site's PDF was last printed, offered again next time.
	Export ExportSettings `json:"export,omitzero"`
}

// ExportSettings are the PDF choices a site remembers between exports.
type ExportSettings struct {
	Paper string `json:"paper,omitempty"` // "a4" or "letter"
	Logo  string `json:"logo,omitempty"`  // a PNG or JPEG file, absolute
}

// ConnectorSettings say where a site's inventory comes from.
type ConnectorSettings struct {
	Kind     string            `json:"kind,omitempty"` // "3cx", "freepbx", "yeastar", "csv", or "" for answers only
	URL      string            `json:"url,omitempty"`
	ClientID string            `json:"client_id,omitempty"`
	File     string            `json:"file,omitempty"`
	Options  map[string]string `json:"options,omitempty"`
}

// PinnedCert is a self-signed certificate the user confirmed for a host, trusted
// by its fingerprint instead of turning verification off.
type PinnedCert struct {
	Host        string    `json:"host"`
	SHA256      string    `json:"sha256"` // hex
	ConfirmedAt time.Time `json:"confirmed_at"`
}
