package csvinv

import (
	"strings"
	"unicode"
)

// column is a field Ringfence understands, whatever the spreadsheet calls it.
type column int

const (
	colNone column = iota
	colVendor
	colModel
	colFirmware
	colMAC
	colIP
	colExtension
	colOwner
	colEmail
	colUserAgent
	colType
	colLastSeen
	numColumns
)

// synonyms maps a header, squashed by headerKey, to its column. The lists are
// the names people actually give these columns in asset registers and in the
// exports of provisioning tools.
var synonyms = map[string]column{}

func init() {
	for col, names := range map[column][]string{
		colVendor:    {"vendor", "make", "manufacturer", "brand", "maker", "phonevendor", "devicevendor"},
		colModel:     {"model", "modelname", "devicemodel", "phonemodel", "handset"},
		colFirmware:  {"firmware", "fw", "fwversion", "firmwareversion", "version", "software", "softwareversion", "sw", "swversion"},
		colMAC:       {"mac", "macaddress", "macaddr", "hwaddress", "hardwareaddress", "ethernetaddress"},
		colIP:        {"ip", "ipaddress", "ipaddr", "ipv4", "ipv4address", "ipv6", "ipv6address"},
		colExtension: {"extension", "ext", "extn", "extno", "extensionnumber", "extnumber", "number", "dn", "directorynumber"},
		colOwner:     {"owner", "user", "name", "username", "fullname", "assignedto", "displayname", "employee", "person", "staff"},
		colEmail:     {"email", "emailaddress", "mail", "useremail", "owneremail"},
		colUserAgent: {"useragent", "ua", "sipuseragent", "agent"},
		colType:      {"type", "kind", "devicetype", "phonetype", "category"},
		colLastSeen:  {"lastseen", "lastseenat", "lastregistered", "lastregistration", "lastactive", "lastused", "lastcontact"},
	} {
		for _, n := range names {
			synonyms[n] = col
		}
	}
}

// headerKey squashes a header so that "E-mail", "e mail" and "EMAIL " match:
// lower case, letters and digits only.
func headerKey(h string) string {
	var b strings.Builder
	for _, r := range h {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// layout records which record index holds each column; -1 when absent.
type layout [numColumns]int

// mapHeader matches each header to a column. The first header for a column
// wins, so a sheet with both "Name" and "User" keeps the one further left.
func mapHeader(header []string) (layout, int) {
	var l layout
	for i := range l {
		l[i] = -1
	}
	found := 0
	for i, h := range header {
		col := synonyms[headerKey(h)]
		if col == colNone || l[col] >= 0 {
			continue
		}
		l[col] = i
		found++
	}
	return l, found
}

func (l layout) has(c column) bool { return l[c] >= 0 }

// hasDevices reports whether the sheet describes devices at all, so that an
// empty device list means "none" rather than "not asked".
func (l layout) hasDevices() bool {
	return l.has(colVendor) || l.has(colModel) || l.has(colFirmware) || l.has(colMAC) || l.has(colIP) || l.has(colUserAgent)
}

func (l layout) hasExtensions() bool { return l.has(colExtension) && l.has(colOwner) }

func (l layout) field(rec []string, c column) string {
	i := l[c]
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}
