package httpx

import "time"

// Limits bound how long and how much a connector may wait for and read.
type Limits struct {
	// Connect bounds the TCP dial and, separately, the TLS handshake.
	Connect time.Duration
	// Request bounds one request from sending to the last byte of the answer,
	// so a server that drips its answer cannot hold a fetch for ever.
	Request time.Duration
	// Overall bounds a whole fetch; see Client.WithOverall.
	Overall time.Duration
	// MaxBody is the largest answer read, in bytes.
	MaxBody int64
	// Retries is how many times a request is repeated after 429, 502, 503 or 504.
	Retries int
	// MaxConcurrent caps requests in flight at once on one client.
	MaxConcurrent int
	// Backoff is the first wait before a retry; it doubles each time. Zero
	// means half a second.
	Backoff time.Duration
	// MaxRetryWait caps any single wait, including one asked for by a server's
	// Retry-After header, so a server cannot park a fetch for an hour. Zero
	// means 30 seconds.
	MaxRetryWait time.Duration
	// MaxPages caps the pages read from one list, so a server whose pages
	// never end is stopped with a clear message rather than by a deadline.
	// Zero means 10,000.
	MaxPages int
}

// DefaultLimits suit a PBX on the local network or in the cloud: generous
// enough for a slow appliance, short enough that a dead one is noticed.
func DefaultLimits() Limits {
	return Limits{
		Connect:       10 * time.Second,
		Request:       30 * time.Second,
		Overall:       5 * time.Minute,
		MaxBody:       64 << 20,
		Retries:       3,
		MaxConcurrent: 8,
		Backoff:       500 * time.Millisecond,
		MaxRetryWait:  30 * time.Second,
		MaxPages:      10000,
	}
}

// withDefaults fills the zero fields, so a caller can set only what it cares about.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l == (Limits{}) {
		return d
	}
	if l.Connect <= 0 {
		l.Connect = d.Connect
	}
	if l.Request <= 0 {
		l.Request = d.Request
	}
	if l.Overall <= 0 {
		l.Overall = d.Overall
	}
	if l.MaxBody <= 0 {
		l.MaxBody = d.MaxBody
	}
	if l.Retries < 0 {
		l.Retries = 0
	}
	if l.MaxConcurrent <= 0 {
		l.MaxConcurrent = d.MaxConcurrent
	}
	if l.Backoff <= 0 {
		l.Backoff = d.Backoff
	}
	if l.MaxRetryWait <= 0 {
		l.MaxRetryWait = d.MaxRetryWait
	}
	if l.MaxPages <= 0 {
		l.MaxPages = d.MaxPages
	}
	return l
}
