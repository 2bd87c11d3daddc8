package yeastar

import (
	"fmt"
	"strconv"
	"strings"
)

// Options tune a fetch. The zero value reads everything but call records.
type Options struct {
	// Calls also reads call records, for the toll-fraud and leaver checks.
	Calls bool
	// CallLimit caps the call records read, newest first; 0 means 5,000.
	CallLimit int
	// Concurrency caps the per-extension PIN requests in flight; 0 means 8.
	Concurrency int
	// PageSize is how many extensions or phones are asked for per page; 0 means 200.
	PageSize int
}

const (
	defaultCallLimit   = 5000
	defaultConcurrency = 8
	defaultPageSize    = 200
	maxCDRPage         = 10000 // the documented maximum page_size of cdr/list
)

func (o Options) withDefaults() Options {
	if o.CallLimit <= 0 {
		o.CallLimit = defaultCallLimit
	}
	if o.Concurrency <= 0 {
		o.Concurrency = defaultConcurrency
	}
	if o.PageSize <= 0 {
		o.PageSize = defaultPageSize
	}
	return o
}

// OptionsFrom reads the site's connector options: "calls" (yes/no),
// "call_limit", "concurrency" and "page_size".
func OptionsFrom(m map[string]string) (Options, error) {
	var o Options
	for k, v := range m {
		v = strings.TrimSpace(v)
		switch k {
		case "calls":
			switch strings.ToLower(v) {
			case "yes", "true", "on", "1":
				o.Calls = true
			case "no", "false", "off", "0", "":
			default:
				return o, fmt.Errorf("yeastar: the option calls=%q should be yes or no.", v)
			}
		case "call_limit", "concurrency", "page_size":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 100000 {
				return o, fmt.Errorf("yeastar: the option %s=%q should be a whole number from 1 to 100000.", k, v)
			}
			switch k {
			case "call_limit":
				o.CallLimit = n
			case "concurrency":
				o.Concurrency = min(n, 32)
			default:
				o.PageSize = n
			}
		}
	}
	return o, nil
}
