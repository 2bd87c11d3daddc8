package httpx

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// request is everything needed to send (and resend) one call.
type request struct {
	step    string
	method  string
	url     *url.URL
	header  http.Header
	body    []byte // nil for GET
	purpose purpose
}

// GetJSON reads path (relative to the base URL, or an absolute link on the
// same host) and decodes the JSON answer into out.
func (c *Client) GetJSON(ctx context.Context, step, path string, query url.Values, header http.Header, out any) error {
	u, err := c.resolve(step, path, query)
	if err != nil {
		return err
	}
	return c.do(ctx, request{step: step, method: http.MethodGet, url: u, header: header, purpose: purposeRead}, out)
}

func (c *Client) do(ctx context.Context, r request, out any) error {
	wait := c.limits.Backoff
	for attempt := 0; ; attempt++ {
		status, retryAfter, err := c.once(ctx, r, out)
		if err == nil {
			return nil
		}
		if !retryable(status) || attempt >= c.limits.Retries {
			return err
		}
		pause := min(max(wait, retryAfter), c.limits.MaxRetryWait)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < pause {
			return err // waiting would only end in a timeout; say what the server said
		}
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return c.fail(r.step, 0, ctx.Err())
		case <-t.C:
		}
		wait *= 2
	}
}

func retryable(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// once sends a request and reads its answer. It returns the status (0 when
// none arrived) and any Retry-After the server asked for, for do's loop.
func (c *Client) once(parent context.Context, r request, out any) (int, time.Duration, error) {
	select {
	case c.slots <- struct{}{}:
		defer func() { <-c.slots }()
	case <-parent.Done():
		return 0, 0, c.fail(r.step, 0, parent.Err())
	}
	ctx, cancel := context.WithTimeout(withPurpose(parent, r.purpose), c.limits.Request)
	defer cancel()

	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, r.url.String(), body)
	if err != nil {
		return 0, 0, c.fail(r.step, 0, err)
	}
	for k, vs := range r.header {
		req.Header[k] = vs
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return 0, 0, c.transportError(parent, ctx, r.step, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// The body is drained a little so the connection can be reused, and
		// never shown: error pages can echo the request, secret included.
		io.CopyN(io.Discard, resp.Body, 4096)
		return resp.StatusCode, retryAfter(resp.Header.Get("Retry-After")), c.fail(r.step, resp.StatusCode, ErrStatus)
	}
	if err := c.decode(resp, out); err != nil {
		// A cut-off answer can look like broken JSON; if the deadline or a
		// cancellation cut it off, say that instead.
		if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) || isTimeout(err) {
			return 0, 0, c.transportError(parent, ctx, r.step, err)
		}
		return 0, 0, c.fail(r.step, 0, err)
	}
	return resp.StatusCode, 0, nil
}

// decode checks that the answer is JSON of an acceptable size and reads it.
func (c *Client) decode(resp *http.Response, out any) error {
	if resp.ContentLength > c.limits.MaxBody {
		return fmt.Errorf("%w (%s, the limit is %s)", ErrTooLarge, size(resp.ContentLength), size(c.limits.MaxBody))
	}
	if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil && strings.Contains(mt, "html") {
		return ErrNotData
	}
	capped := &capReader{r: resp.Body, left: c.limits.MaxBody}
	br := bufio.NewReader(capped)
	first, err := firstByte(br)
	if err != nil {
		if errors.Is(err, io.EOF) {
			if out == nil {
				return nil
			}
			return fmt.Errorf("%w: the answer was empty", ErrBadData)
		}
		return err
	}
	if first == '<' {
		return ErrNotData
	}
	if out == nil {
		_, err := io.Copy(io.Discard, br)
		return err
	}
	dec := json.NewDecoder(br)
	if err := dec.Decode(out); err != nil {
		if capped.over {
			return fmt.Errorf("%w (the limit is %s)", ErrTooLarge, size(c.limits.MaxBody))
		}
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn), errors.As(err, &typ), errors.Is(err, io.ErrUnexpectedEOF):
			// Only the position is given: the text itself may hold a secret.
			return fmt.Errorf("%w (it broke off or went wrong near byte %d)", ErrBadData, dec.InputOffset())
		}
		return err
	}
	return nil
}

func firstByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return 0, err
		}
		switch b {
		case ' ', '\t', '\r', '\n', 0xEF, 0xBB, 0xBF: // whitespace and a UTF-8 byte-order mark
			continue
		}
		return b, br.UnreadByte()
	}
}

// capReader stops reading after left bytes, so a huge or endless answer costs
// at most MaxBody of memory however it is sent.
type capReader struct {
	r    io.Reader
	left int64
	over bool
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		c.over = true
		return 0, ErrTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

func (c *Client) transportError(parent, reqCtx context.Context, step string, err error) error {
	var untrusted *UntrustedCertError
	var changed *ChangedCertError
	switch {
	case errors.As(err, &untrusted):
		return c.wrap(step, untrusted, "")
	case errors.As(err, &changed):
		return c.wrap(step, changed, "")
	case errors.Is(err, ErrCertName):
		return c.wrap(step, ErrCertName, "Check the address: use the name the phone system's certificate was issued for.")
	case errors.Is(err, ErrCertInvalid):
		return c.wrap(step, ErrCertInvalid, "The certificate may have expired; check the date on the phone system and renew its certificate.")
	case errors.Is(err, ErrRedirect):
		return c.wrap(step, inner(err), "Ringfence only reads, and only from the addresses it knows on the phone system you named. "+
			"Check the address; if it is right, the phone system (or something in front of it) is sending Ringfence elsewhere.")
	case errors.Is(err, ErrNotReadOnly):
		return c.wrap(step, inner(err), "")
	case errors.Is(parent.Err(), context.Canceled):
		return c.wrap(step, context.Canceled, "")
	case errors.Is(parent.Err(), context.DeadlineExceeded):
		return c.wrap(step, fmt.Errorf("%w: the whole read took longer than allowed: %w", ErrTimeout, context.DeadlineExceeded),
			"Check that the phone system is not overloaded, then try again at a quieter time.")
	case errors.Is(reqCtx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return c.wrap(step, fmt.Errorf("%w (%s)", ErrTimeout, c.limits.Request),
			"Check that the phone system is switched on and reachable from this computer.")
	}
	var rec tls.RecordHeaderError
	switch {
	case errors.Is(err, http.ErrSchemeMismatch), errors.As(err, &rec):
		// Go reports an http answer to a TLS hello as a scheme mismatch, or
		// as a record that is not TLS.
		return c.wrap(step, ErrNotHTTPS, "Check the port in the address: use the one the phone system serves its https admin page on, or ask your IT provider to turn https on.")
	case strings.Contains(err.Error(), "protocol version not supported"), strings.Contains(err.Error(), "unsupported protocol version"):
		// crypto/tls has no exported type for these: the server's
		// protocol_version alert (it refused TLS 1.2 and 1.3), or a version
		// it chose that Ringfence will not speak.
		return c.wrap(step, ErrOldTLS, "Update the phone system's firmware, or turn on TLS 1.2 in its web server settings.")
	}
	return c.wrap(step, ErrConnect, "Check the address and port, and that this computer can reach the phone system.")
}

// inner drops the *url.Error wrapper: its message repeats the whole address,
// query included, which can carry an access token.
func inner(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func (c *Client) wrap(step string, err error, hint string) error {
	return &Error{Connector: c.cfg.Connector, Step: step, Hint: hint, Err: err}
}

// fail builds the error for a status or a bad answer, with the advice for it.
func (c *Client) fail(step string, status int, err error) error {
	e := &Error{Connector: c.cfg.Connector, Step: step, Status: status, Err: err}
	switch {
	case status != 0:
		e.Hint = c.cfg.Hints[status]
		if e.Hint == "" {
			e.Hint = defaultHints[status]
		}
	case errors.Is(err, ErrNotData):
		e.Hint = "Check the URL: it should be the phone system's own address, not a login page or a proxy."
	case errors.Is(err, ErrBadData):
		e.Hint = "Check the URL, and that the phone system's version is one Ringfence supports."
	case errors.Is(err, ErrTooLarge):
		e.Hint = "Check the URL; if it is right, ask for fewer items at a time: run ringfence connect again with --option page_size=100."
	}
	return e
}

// retryAfter reads a Retry-After header in either of its forms.
func retryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
