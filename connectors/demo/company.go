package demo

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
	"go.yaml.in/yaml/v3"
)

//go:embed company.yaml
var companyYAML []byte

// company mirrors company.yaml. Times are kept as offsets from the moment the demo
// runs and turned into dates only when an inventory is built.
type company struct {
	Domain     string         `yaml:"domain"`
	PBX        inventory.PBX  `yaml:"pbx"`
	Staff      []staffRow     `yaml:"staff"`
	Extensions []extensionRow `yaml:"extensions"`
	Voicemail  []mailboxRow   `yaml:"voicemail"`
	Devices    []deviceRow    `yaml:"devices"`
	Admins     []adminRow     `yaml:"admins"`
	Dialling   diallingRow    `yaml:"dialling"`
	Trunks     []trunkRow     `yaml:"trunks"`
	Calls      callsRow       `yaml:"calls"`
}

type staffRow struct {
	Name        string `yaml:"name"`
	Email       string `yaml:"email"`
	LeftDaysAgo *int   `yaml:"left_days_ago"`
}

type forwardRow struct {
	Destination string `yaml:"destination"`
	External    bool   `yaml:"external"`
	Enabled     bool   `yaml:"enabled"`
}

type extensionRow struct {
	Number   string                  `yaml:"number"`
	Name     string                  `yaml:"name"`
	Email    string                  `yaml:"email"`
	Type     inventory.ExtensionType `yaml:"type"`
	Enabled  bool                    `yaml:"enabled"`
	MFA      inventory.MFAState      `yaml:"mfa"`
	Active   ago                     `yaml:"active"`
	Forwards []forwardRow            `yaml:"forwards"`
}

type mailboxRow struct {
	Extension string               `yaml:"extension"`
	Enabled   bool                 `yaml:"enabled"`
	PIN       inventory.PINVerdict `yaml:"pin"`
	Reason    string               `yaml:"reason"`
	Short     bool                 `yaml:"short"`
	Required  bool                 `yaml:"required"`
}

type deviceRow struct {
	Kind      inventory.DeviceKind `yaml:"kind"`
	Vendor    string               `yaml:"vendor"`
	Model     string               `yaml:"model"`
	Firmware  string               `yaml:"firmware"`
	MAC       string               `yaml:"mac"`
	IP        string               `yaml:"ip"`
	UserAgent string               `yaml:"ua"`
	Owner     string               `yaml:"owner"`
	Seen      ago                  `yaml:"seen"`
}

type adminRow struct {
	Username string             `yaml:"username"`
	Name     string             `yaml:"name"`
	Email    string             `yaml:"email"`
	Role     string             `yaml:"role"`
	MFA      inventory.MFAState `yaml:"mfa"`
	Enabled  bool               `yaml:"enabled"`
	Shared   bool               `yaml:"shared"`
}

type diallingRow struct {
	InternationalOpen  bool     `yaml:"international_open"`
	AllowedCountries   []string `yaml:"allowed_countries"`
	BlockedPrefixes    []string `yaml:"blocked_prefixes"`
	MaxConcurrentCalls int      `yaml:"max_concurrent_calls"`
}

type trunkRow struct {
	Name         string `yaml:"name"`
	Provider     string `yaml:"provider"`
	Transport    string `yaml:"transport"`
	SRTP         bool   `yaml:"srtp"`
	IPRestricted bool   `yaml:"ip_restricted"`
}

type callsRow struct {
	Ordinary struct {
		Count int    `yaml:"count"`
		Days  int    `yaml:"days"`
		Seed  uint64 `yaml:"seed"`
	} `yaml:"ordinary"`
	Unusual []callRow `yaml:"unusual"`
}

type callRow struct {
	From        string        `yaml:"from"`
	DaysAgo     int           `yaml:"days_ago"`
	At          clock         `yaml:"at"`
	To          string        `yaml:"to"`
	Destination string        `yaml:"destination"`
	Duration    time.Duration `yaml:"duration"`
	Answered    bool          `yaml:"answered"`
	CostPence   int           `yaml:"cost_pence"`
}

// ago is a span back from the moment the demo runs. It accepts Go durations plus a
// "d" suffix for whole days, because "143d" reads better than "3432h".
type ago time.Duration

func (a *ago) UnmarshalYAML(n *yaml.Node) error {
	d, err := parseAgo(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*a = ago(d)
	return nil
}

func parseAgo(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%q is not a number of days such as 21d", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a span such as 5m, 3h or 21d", s)
	}
	return d, nil
}

// clock is a time of day written as "15:04".
type clock time.Duration

func (c *clock) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse("15:04", n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a time of day such as 14:30", n.Line, n.Value)
	}
	*c = clock(time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute)
	return nil
}

// loadCompany parses the embedded story. Unknown keys are refused so that a typo
// made while tweaking the story is reported instead of silently ignored.
func loadCompany(data []byte) (*company, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var c company
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("demo company.yaml: %w", err)
	}
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("demo company.yaml: %w", err)
	}
	return &c, nil
}

func (c *company) email(local string) string {
	if local == "" || strings.Contains(local, "@") {
		return local
	}
	return local + "@" + c.Domain
}

func (c *company) validate() error {
	var problems []error
	bad := func(format string, args ...any) { problems = append(problems, fmt.Errorf(format, args...)) }

	if c.Domain == "" {
		bad("domain is missing")
	}
	for i, s := range c.Staff {
		if s.Name == "" {
			bad("staff[%d]: name is missing", i)
		}
		if s.LeftDaysAgo != nil && *s.LeftDaysAgo < 0 {
			bad("staff[%d] (%s): left_days_ago must not be negative", i, s.Name)
		}
	}
	numbers := make(map[string]bool)
	for i, e := range c.Extensions {
		if e.Number == "" {
			bad("extensions[%d]: number is missing", i)
		}
		if numbers[e.Number] {
			bad("extensions[%d]: number %s appears twice", i, e.Number)
		}
		numbers[e.Number] = true
		switch e.Type {
		case inventory.ExtUser, inventory.ExtShared, inventory.ExtQueue, inventory.ExtService:
		default:
			bad("extensions[%d] (%s): type %q is not user, shared, queue or service", i, e.Number, e.Type)
		}
		if !validMFA(e.MFA, true) {
			bad("extensions[%d] (%s): mfa %q is not enabled, disabled or unknown", i, e.Number, e.MFA)
		}
	}
	for i, m := range c.Voicemail {
		if !numbers[m.Extension] {
			bad("voicemail[%d]: extension %q is not in the extensions list", i, m.Extension)
		}
		switch m.PIN {
		case inventory.PINUnset, inventory.PINDefault, inventory.PINEqualsExtension,
			inventory.PINWeak, inventory.PINOK, inventory.PINUnknown:
		default:
			bad("voicemail[%d] (%s): pin %q is not a known verdict", i, m.Extension, m.PIN)
		}
	}
	for i, d := range c.Devices {
		switch d.Kind {
		case inventory.DeviceDeskPhone, inventory.DeviceDECT, inventory.DeviceSoftphone,
			inventory.DeviceATA, inventory.DeviceGateway, inventory.DevicePBX:
		default:
			bad("devices[%d]: kind %q is not a known device kind", i, d.Kind)
		}
		if d.Owner != "" && !numbers[d.Owner] {
			bad("devices[%d]: owner %q is not in the extensions list", i, d.Owner)
		}
	}
	for i, a := range c.Admins {
		if a.Username == "" {
			bad("admins[%d]: username is missing", i)
		}
		if !validMFA(a.MFA, false) {
			bad("admins[%d] (%s): mfa %q is not enabled, disabled or unknown", i, a.Username, a.MFA)
		}
	}
	o := c.Calls.Ordinary
	if o.Count < 0 || o.Days < 7 {
		bad("calls.ordinary: count must not be negative and days must be at least 7")
	}
	for i, call := range c.Calls.Unusual {
		if !numbers[call.From] {
			bad("calls.unusual[%d]: from %q is not in the extensions list", i, call.From)
		}
		if call.DaysAgo < 1 {
			bad("calls.unusual[%d]: days_ago must be 1 or more, so that no call lies in the future", i)
		}
	}
	return errors.Join(problems...)
}

func validMFA(m inventory.MFAState, blankAllowed bool) bool {
	switch m {
	case inventory.MFAEnabled, inventory.MFADisabled, inventory.MFAUnknown:
		return true
	case "":
		return blankAllowed
	}
	return false
}
