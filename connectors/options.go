package connectors

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ringfence/ringfence/connectors/httpx"
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

// MaxCallDays is the longest call history an option may ask for: two years,
// more than any audit compares, and a bound on what a typo can ask a PBX for.
const MaxCallDays = 730

// FetchOptionKeys are the keys ParseFetchOptions reads, for a Kind's Options.
var FetchOptionKeys = []string{"calls", "call_limit", "concurrency", "page_size"}

// optionHelp says what each option does, for the message that lists them.
var optionHelp = map[string]string{
	"calls":       "calls=yes also reads call records",
	"call_limit":  "call_limit=N reads at most N call records",
	"calls_days":  "calls_days=N reads the last N days of call history (3CX; 90 by default)",
	"concurrency": "concurrency=N sends at most N requests at once",
	"page_size":   "page_size=N asks for N items a page",
}

// CheckOptions refuses an option the connector does not read, listing the
// ones it does. A key that looks like a password or key gets its own
// message: options are saved in plain text, and secrets go in the keyring.
// The value is never repeated, in case it is a secret.
func (k Kind) CheckOptions(m map[string]string) error {
	for _, key := range slices.Sorted(maps.Keys(m)) {
		if slices.Contains(k.Options, key) {
			continue
		}
		valid := k.optionList()
		if httpx.LooksSecret(key) {
			return fmt.Errorf("the option %q looks like a password or key, and options are saved in plain text. "+
				"Leave it out: Ringfence asks for the secret itself and keeps it in this computer's keyring. The %s connector's options are: %s",
				key, k.Name, valid)
		}
		return fmt.Errorf("the %s connector has no option %q. Its options are: %s", k.Name, key, valid)
	}
	return nil
}

func (k Kind) optionList() string {
	if len(k.Options) == 0 {
		return "none"
	}
	var parts []string
	for _, key := range k.Options {
		if h := optionHelp[key]; h != "" {
			parts = append(parts, key+" ("+h+")")
		} else {
			parts = append(parts, key)
		}
	}
	return strings.Join(parts, "; ")
}

// maxConcurrency keeps a typo in the options from flooding a small PBX.
const maxConcurrency = 32

// ParseFetchOptions reads the options a site stores for a connector. Unknown
// keys are left for the connector; a bad value is an error naming the
// connector, the option and what it should be.
func ParseFetchOptions(connector string, m map[string]string) (FetchOptions, error) {
	var o FetchOptions
	for k, v := range m {
		v = strings.TrimSpace(v)
		switch k {
		case "calls":
			switch strings.ToLower(v) {
			case "yes", "true", "on", "1":
				o.Calls = true
			case "no", "false", "off", "0", "":
			default:
				return o, fmt.Errorf("%s: the option calls=%q should be yes or no.", connector, v)
			}
		case "calls_days":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > MaxCallDays {
				return o, fmt.Errorf("%s: the option calls_days=%q should be a whole number of days from 1 to %d, such as 90 for a quarter.", connector, v, MaxCallDays)
			}
			o.CallDays = n
		case "call_limit", "concurrency", "page_size":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 100000 {
				return o, fmt.Errorf("%s: the option %s=%q should be a whole number from 1 to 100000.", connector, k, v)
			}
			switch k {
			case "call_limit":
				o.CallLimit = n
			case "concurrency":
				o.Concurrency = min(n, maxConcurrency)
			default:
				o.PageSize = n
			}
		}
	}
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
