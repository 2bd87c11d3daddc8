package connectors

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/connectors/httpx"
)

// Type is what kind of value a setting holds, which decides how it is asked
// for and checked.
type Type int

const (
	Text    Type = iota // free text, such as an API client ID
	Address             // a web address (http or https)
	File                // a path to a file on this computer
	Secret              // kept in the keyring, never in the site file
	YesNo               // yes or no
	Number              // a whole number from Min to Max
)

// The keys of the settings every site file has a place for. The secret has
// one name in every connector: in the form, in the keyring entry's
// connector and in the messages about RINGFENCE_SECRET.
const (
	KeyURL      = "url"
	KeyClientID = "client_id"
	KeyFile     = "file"
	KeySecret   = "secret"
)

// Setting is one key of a connector's schema. Keys other than the four above
// are options, saved in the site file's options and given on the command line
// as --option key=value.
type Setting struct {
	Key      string
	Label    string
	Help     string // one line: where to find it, or what it changes
	Type     Type
	Required bool
	Min, Max int // for Number
	// Advanced settings tune how hard a fetch pushes. The app's connect form
	// leaves them out to stay short; the command line and site file take them.
	Advanced bool
}

// IsOption reports whether the setting is saved among the site's options.
func (s Setting) IsOption() bool {
	switch s.Key {
	case KeyURL, KeyClientID, KeyFile, KeySecret:
		return false
	}
	return true
}

// Check validates one value. An empty value passes unless the setting is
// required; the value is never repeated, in case it is a secret.
func (s Setting) Check(v string) error {
	switch want := s.problem(v); want {
	case "":
		return nil
	case "given":
		return fmt.Errorf("%s is needed.", s.Label)
	default:
		return fmt.Errorf("%s should be %s.", s.Label, want)
	}
}

// problem says what the value should be, or "" when it will do.
func (s Setting) problem(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		if s.Required {
			return "given"
		}
		return ""
	}
	switch s.Type {
	case YesNo:
		if _, ok := yesNo(v); !ok {
			return "yes or no"
		}
	case Number:
		if n, err := strconv.Atoi(v); err != nil || n < s.Min || n > s.Max {
			return fmt.Sprintf("a whole number from %d to %d", s.Min, s.Max)
		}
	case Address:
		if u, err := url.Parse(v); err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
			return "a web address such as https://pbx.example.com"
		}
	}
	return ""
}

func yesNo(v string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "true", "on", "1":
		return true, true
	case "no", "false", "off", "0", "":
		return false, true
	}
	return false, false
}

// MaxCallDays is the longest call history an option may ask for: two years,
// more than any audit compares, and a bound on what a typo can ask a PBX for.
const MaxCallDays = 730

// maxConcurrency keeps a typo in the options from flooding a small PBX.
const maxConcurrency = 32

// The options PBX connectors share. A connector lists the ones it reads in
// its Settings.
var (
	OptionCalls = Setting{Key: "calls", Label: "Read call history (yes/no)", Type: YesNo,
		Help: "Looks for fraud patterns in recent calls; slower on a busy system."}
	OptionCallLimit = Setting{Key: "call_limit", Label: "Most call records to read", Type: Number, Min: 1, Max: 100000,
		Help: "Reads at most this many call records, newest first.", Advanced: true}
	OptionCallDays = Setting{Key: "calls_days", Label: "Days of call history to read", Type: Number, Min: 1, Max: MaxCallDays,
		Help: "How far back to look, from 1 to 730 days; 90 (a quarter) if left empty."}
	OptionConcurrency = Setting{Key: "concurrency", Label: "Requests at once", Type: Number, Min: 1, Max: 100000,
		Help: "Sends at most this many requests at once (never more than 32).", Advanced: true}
	OptionPageSize = Setting{Key: "page_size", Label: "Items a page", Type: Number, Min: 1, Max: 100000,
		Help: "Asks the phone system for this many items a page.", Advanced: true}
)

// FetchOptions tune how much a PBX connector reads and how hard it pushes. They
// come from a site's connector options ("calls=yes", "call_limit=2000", ...).
type FetchOptions struct {
	// Calls also reads call records, for the toll-fraud and leaver checks.
	// They take longer to read, so they are off unless asked for.
	Calls bool
	// CallLimit caps the call records read, newest first; 0 means the
	// connector's default.
	CallLimit int
	// CallDays is how many days of call history to read; 0 means the
	// connector's default (a quarter, the audit cadence).
	CallDays int
	// Concurrency caps the per-item requests in flight (one per mailbox, for
	// example); 0 means the connector's default.
	Concurrency int
	// PageSize is how many items are asked for per page; 0 means the
	// connector's default.
	PageSize int
}

// Setting finds a key of the connector's schema.
func (k Kind) Setting(key string) (Setting, bool) {
	i := slices.IndexFunc(k.Settings, func(s Setting) bool { return s.Key == key })
	if i < 0 {
		return Setting{}, false
	}
	return k.Settings[i], true
}

// NeedsSecret reports whether the connector has a secret to keep.
func (k Kind) NeedsSecret() bool {
	_, ok := k.Setting(KeySecret)
	return ok
}

// SecretOptional reports whether the connector works without its secret,
// as Kamailio does unless a proxy in front of it asks for a password.
func (k Kind) SecretOptional() bool {
	s, ok := k.Setting(KeySecret)
	return ok && !s.Required
}

// CheckOptions refuses an option the connector does not read, listing the
// ones it does, and a value of the wrong type or out of range. A key that
// looks like a password or key gets its own message: options are saved in
// plain text, and secrets go in the keyring. A value is never repeated, in
// case it is a secret.
func (k Kind) CheckOptions(m map[string]string) error {
	for _, key := range slices.Sorted(maps.Keys(m)) {
		s, ok := k.Setting(key)
		if ok && s.IsOption() {
			if want := s.problem(m[key]); want != "" {
				return fmt.Errorf("%s: the option %s (%s) should be %s.", k.Name, key, strings.ToLower(s.Label), want)
			}
			continue
		}
		valid := k.optionList()
		if key == KeySecret || httpx.LooksSecret(key) {
			return fmt.Errorf("the option %q looks like a password or key, and options are saved in plain text. "+
				"Leave it out: Ringfence asks for the secret itself and keeps it in this computer's keyring. The %s connector's options are: %s",
				key, k.Name, valid)
		}
		return fmt.Errorf("the %s connector has no option %q. Its options are: %s", k.Name, key, valid)
	}
	return nil
}

// Check validates a site's connector settings against the schema: every
// required setting given, every value of its type, no unknown option.
func (k Kind) Check(c checklist.ConnectorSettings) error {
	fixed := [][2]string{{KeyURL, c.URL}, {KeyClientID, c.ClientID}, {KeyFile, c.File}}
	for _, kv := range fixed {
		key, v := kv[0], kv[1]
		s, ok := k.Setting(key)
		if !ok {
			if strings.TrimSpace(v) != "" {
				return fmt.Errorf("the %s connector does not use %s; leave it out.", k.Name, key)
			}
			continue
		}
		if err := s.Check(v); err != nil {
			return fmt.Errorf("%s: %v", k.Name, err)
		}
	}
	return k.CheckOptions(c.Options)
}

// FromValues turns the values of a form (keyed by setting) into the site's
// connector settings and the secret, which never enters the site record.
func (k Kind) FromValues(values map[string]string) (checklist.ConnectorSettings, string) {
	c := checklist.ConnectorSettings{Kind: k.Name}
	var secret string
	for _, s := range k.Settings {
		v := strings.TrimSpace(values[s.Key])
		switch s.Key {
		case KeySecret:
			secret = v
		case KeyURL:
			c.URL = v
		case KeyClientID:
			c.ClientID = v
		case KeyFile:
			c.File = v
		default:
			if v != "" {
				if c.Options == nil {
					c.Options = map[string]string{}
				}
				c.Options[s.Key] = v
			}
		}
	}
	return c, secret
}

func (k Kind) optionList() string {
	var parts []string
	for _, s := range k.Settings {
		if s.IsOption() {
			parts = append(parts, s.Key+" ("+s.Help+")")
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "; ")
}

// FetchOptions checks a site's options against the schema and reads the ones
// every PBX connector shares.
func (k Kind) FetchOptions(m map[string]string) (FetchOptions, error) {
	var o FetchOptions
	if err := k.CheckOptions(m); err != nil {
		return o, err
	}
	o.Calls, _ = yesNo(m[OptionCalls.Key])
	num := func(key string) int { n, _ := strconv.Atoi(strings.TrimSpace(m[key])); return n }
	o.CallLimit = num(OptionCallLimit.Key)
	o.CallDays = num(OptionCallDays.Key)
	o.Concurrency = min(num(OptionConcurrency.Key), maxConcurrency)
	o.PageSize = num(OptionPageSize.Key)
	return o, nil
}

// WithDefaults fills the zero fields from defaults.
func (o FetchOptions) WithDefaults(defaults FetchOptions) FetchOptions {
	if o.CallLimit <= 0 {
		o.CallLimit = defaults.CallLimit
	}
	if o.Concurrency <= 0 {
		o.Concurrency = defaults.Concurrency
	}
	if o.PageSize <= 0 {
		o.PageSize = defaults.PageSize
	}
	return o
}
