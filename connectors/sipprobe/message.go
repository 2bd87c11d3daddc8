package sipprobe

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ringfence/ringfence/checklist/safetext"
)

// Limits on what is read from a server that may be hostile.
const (
	// maxReply bounds one reply: real OPTIONS replies are a few hundred bytes.
	maxReply = 16 << 10
	// maxDatagrams bounds how many stray UDP datagrams are read and ignored
	// while waiting for the reply.
	maxDatagrams = 16
	// maxServerRunes bounds the Server header kept for the report.
	maxServerRunes = 200
	// maxReplies bounds provisional (1xx) replies read before the final one.
	maxReplies = 8
)

// request is one OPTIONS request and what identifies its reply.
type request struct {
	callID, branch string
	bytes          []byte
}

// UserAgent is the User-Agent Ringfence's OPTIONS request carries, so the
// phone system's owner can tell the probe apart in their logs.
var UserAgent = "Ringfence exposure probe"

// newOptions builds the one request the probe sends. transport is "UDP",
// "TCP" or "TLS"; local is the address the request leaves from.
func newOptions(host string, port int, transport string, local net.Addr) request {
	r := request{callID: token() + "@ringfence", branch: "z9hG4bK" + token()}
	lhost, lport := "127.0.0.1", "9"
	if h, p, err := net.SplitHostPort(local.String()); err == nil {
		lhost, lport = h, p
	}
	uriHost := host
	if strings.Contains(uriHost, ":") {
		uriHost = "[" + uriHost + "]"
	}
	sent := net.JoinHostPort(lhost, lport)
	scheme := "sip"
	if transport == "TLS" {
		scheme = "sips"
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "OPTIONS %s:%s:%d SIP/2.0\r\n", scheme, uriHost, port)
	fmt.Fprintf(&b, "Via: SIP/2.0/%s %s;branch=%s;rport\r\n", transport, sent, r.branch)
	b.WriteString("Max-Forwards: 70\r\n")
	fmt.Fprintf(&b, "From: <%s:ringfence@%s>;tag=%s\r\n", scheme, sent, token())
	fmt.Fprintf(&b, "To: <%s:%s>\r\n", scheme, uriHost)
	fmt.Fprintf(&b, "Call-ID: %s\r\n", r.callID)
	b.WriteString("CSeq: 1 OPTIONS\r\n")
	fmt.Fprintf(&b, "Contact: <%s:ringfence@%s>\r\n", scheme, sent)
	b.WriteString("Accept: application/sdp\r\n")
	fmt.Fprintf(&b, "User-Agent: %s\r\n", UserAgent)
	b.WriteString("Content-Length: 0\r\n\r\n")
	r.bytes = b.Bytes()
	return r
}

func token() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// reply is what was understood of a SIP response.
type reply struct {
	status int
	server string
	callID string
}

var errNotSIP = errors.New("the reply is not SIP")

// parseReply reads a response's status line and headers. Anything that is not
// a SIP response is refused; headers past maxReply are never read.
func parseReply(data []byte) (reply, error) {
	if len(data) > maxReply {
		data = data[:maxReply]
	}
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(data)))
	line, err := tp.ReadLine()
	if err != nil {
		return reply{}, errNotSIP
	}
	proto, rest, _ := strings.Cut(line, " ")
	code, _, _ := strings.Cut(rest, " ")
	status, err := strconv.Atoi(code)
	if !strings.EqualFold(proto, "SIP/2.0") || err != nil || status < 100 || status > 699 || len(code) != 3 {
		return reply{}, errNotSIP
	}
	var r reply
	r.status = status
	var ua string
	for range 200 {
		line, err := tp.ReadLine()
		if err != nil || line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "server":
			r.server = value
		case "user-agent":
			ua = value
		case "call-id", "i":
			r.callID = value
		}
	}
	if r.server == "" {
		r.server = ua
	}
	r.server = shorten(safetext.Line(r.server))
	return r, nil
}

// shorten cuts text to maxServerRunes, marking the cut.
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= maxServerRunes {
		return s
	}
	runes := []rune(s)
	return string(runes[:maxServerRunes]) + "…"
}

// statusText says what a SIP reply code means, in plain words.
func statusText(code int) string {
	switch {
	case code >= 200 && code < 300:
		return "answered and accepted the request"
	case code >= 300 && code < 400:
		return "answered with a redirect to somewhere else, which the probe does not follow"
	case code == 401 || code == 407:
		return "answered and asked for a password"
	case code == 403:
		return "answered and refused the request"
	case code == 404:
		return "answered that it does not know the address asked for"
	case code == 405:
		return "answered, but does not accept OPTIONS requests"
	case code >= 400 && code < 500:
		return "answered with an error about the request"
	case code >= 500 && code < 600:
		return "answered with a server error"
	case code >= 600:
		return "answered that it declines all such requests"
	}
	return "answered"
}
