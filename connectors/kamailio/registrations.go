package kamailio

import (
	"encoding/json"
	"net"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
)

// dumpResult is the result of ul.dump: every location table, every address
// of record in it, and every contact registered to each. Only the fields
// used are read; those must have the types Kamailio gives them, or the whole
// answer is refused as not valid data.
type dumpResult struct {
	Domains []struct {
		Domain struct {
			AoRs []struct {
				Info struct {
					AoR      string `json:"AoR"`
					Contacts []struct {
						Contact contact `json:"Contact"`
					} `json:"Contacts"`
				} `json:"Info"`
			} `json:"AoRs"`
		} `json:"Domain"`
	} `json:"Domains"`
}

type contact struct {
	Address   string `json:"Address"`
	UserAgent string `json:"User-Agent"`
	Received  string `json:"Received"`
	// Last-Modified is seconds since 1970. It is read loosely: a missing or
	// odd value only loses the date, not the phone.
	LastModified json.RawMessage `json:"Last-Modified"`
}

// Longest text kept from the server, in bytes: longer than any real user
// agent or SIP address, short enough that a hostile one cannot flood a
// report.
const (
	maxUserAgent = 512
	maxAddress   = 256
	maxExtension = 64
)

// devices turns the registrations into devices, each on the extension its
// address of record names. Every contact is its own device, so two phones on
// one extension are both judged and the worse is never hidden behind the
// better. The same contact listed twice is counted once.
//
// No extension list is made from them: Kamailio knows only the extensions
// with a phone registered now, and no names, and a list that looked whole
// would have the checks report every extension as having no owner.
func (d dumpResult) devices() []inventory.Device {
	type key struct{ ext, address, ua string }
	seen := map[key]bool{}
	var devices []inventory.Device
	for _, dom := range d.Domains {
		for _, aor := range dom.Domain.AoRs {
			ext := extension(aor.Info.AoR)
			if ext == "" {
				continue
			}
			for _, c := range aor.Info.Contacts {
				k := key{ext, c.Contact.Address, c.Contact.UserAgent}
				if seen[k] {
					continue
				}
				seen[k] = true
				devices = append(devices, c.Contact.device(ext))
			}
		}
	}
	return devices
}

// extension is the user part of an address of record: "1001" from "1001",
// "1001@example.com" or "sip:1001@example.com".
func extension(aor string) string {
	aor = strings.TrimSpace(aor)
	for _, scheme := range []string{"sips:", "sip:"} {
		if len(aor) >= len(scheme) && strings.EqualFold(aor[:len(scheme)], scheme) {
			aor = aor[len(scheme):]
		}
	}
	user, _, _ := strings.Cut(aor, "@")
	return safetext.Line(clip(user, maxExtension))
}

// notSent are what ul.dump writes for a header the phone did not send: "n/a"
// for a missing User-Agent, "[not set]" for other empty fields. Neither is
// what the phone said, so neither is kept as its user agent.
var notSent = []string{"n/a", "[not set]"}

func (c contact) device(ext string) inventory.Device {
	ua := strings.TrimSpace(clip(c.UserAgent, maxUserAgent))
	for _, placeholder := range notSent {
		if strings.EqualFold(ua, placeholder) {
			ua = ""
		}
	}
	dev := inventory.Device{
		Kind:      inventory.DeviceDeskPhone,
		UserAgent: safetext.Line(ua),
		Owner:     ext,
		IP:        firstIP(c.Address, c.Received),
		LastSeen:  unixTime(c.LastModified),
	}
	// The raw text is parsed, so that what is judged is what the phone sent;
	// what is kept is made safe to show.
	if id, ok := firmware.ParseUserAgent(ua); ok {
		dev.Vendor, dev.Model, dev.Firmware = safetext.Line(id.Vendor), safetext.Line(id.Model), safetext.Line(id.Version)
		if id.Kind != "" {
			dev.Kind = inventory.DeviceKind(id.Kind)
		}
	}
	return dev
}

// firstIP is the host of the first SIP address given that is an IP
// address: the phone's contact first, then the address Kamailio saw it
// coming from (behind NAT the contact is the office's own address).
func firstIP(addresses ...string) string {
	for _, a := range addresses {
		if ip := sipHost(clip(a, maxAddress)); ip != "" {
			return ip
		}
	}
	return ""
}

// sipHost returns the host of a SIP URI such as
// "sip:1001@192.0.2.10:5060;transport=udp" when it is an IP address.
func sipHost(uri string) string {
	uri = strings.TrimSpace(uri)
	uri = strings.TrimPrefix(strings.TrimPrefix(uri, "<"), "sips:")
	uri = strings.TrimPrefix(uri, "sip:")
	if i := strings.LastIndex(uri, "@"); i >= 0 {
		uri = uri[i+1:]
	}
	if i := strings.IndexAny(uri, ";>?"); i >= 0 {
		uri = uri[:i]
	}
	host := uri
	if h, _, err := net.SplitHostPort(uri); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if ip := net.ParseIP(host); ip != nil {
		return ip.String()
	}
	return ""
}

// unixTime reads seconds since 1970, or gives the zero time for anything
// else, including dates before 2000 or far in the future, which no phone's
// registration has.
func unixTime(raw json.RawMessage) time.Time {
	n, err := strconv.ParseInt(strings.TrimSpace(string(raw)), 10, 64)
	if err != nil {
		return time.Time{}
	}
	t := time.Unix(n, 0).UTC()
	if t.Year() < 2000 || t.Year() > 2200 {
		return time.Time{}
	}
	return t
}

// clip shortens s to at most n bytes without cutting a character in two.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
