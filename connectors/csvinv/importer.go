package csvinv

import (
	"fmt"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors/tabular"
)

// importer turns rows into an inventory, remembering enough to merge the rows
// of one extension and to catch a MAC address listed twice.
type importer struct {
	lay     layout
	inv     inventory.Inventory
	extAt   map[string]int // extension number -> index in inv.Extensions
	macLine map[string]int // MAC -> line it was first seen on
}

func newImporter(lay layout) *importer {
	return &importer{lay: lay, extAt: map[string]int{}, macLine: map[string]int{}}
}

// cells holds one row's values after checking.
type cells struct {
	vendor, model, fw, mac, ip, ext, owner, email, ua string
	kind                                              inventory.DeviceKind
	seen                                              time.Time
}

// row adds one row to the inventory, or says why it cannot.
func (im *importer) row(rec []string, line int) string {
	c, problems := im.check(rec)
	device := c.vendor != "" || c.model != "" || c.fw != "" || c.mac != "" || c.ip != "" || c.ua != ""
	person := c.ext != "" && c.owner != ""
	if len(problems) == 0 && !device && !person {
		switch {
		case c.ext != "":
			problems = append(problems, "extension "+c.ext+" has no owner and no device details")
		case c.owner != "":
			problems = append(problems, "owner "+quote(c.owner)+" has no extension and no device details")
		default:
			problems = append(problems, "the row has no device details and no extension with an owner")
		}
	}
	if c.mac != "" {
		if first, dup := im.macLine[c.mac]; dup {
			problems = append(problems, fmt.Sprintf("MAC %s is already listed on line %d", c.mac, first))
		}
	}
	if len(problems) > 0 {
		return strings.Join(problems, "; ")
	}
	if c.mac != "" {
		im.macLine[c.mac] = line
	}
	if device {
		im.addDevice(c)
	}
	if person {
		im.addExtension(c)
	}
	return ""
}

// check reads and validates every cell, collecting all the problems of a row
// so that one pass over the spreadsheet fixes it.
func (im *importer) check(rec []string) (cells, []string) {
	l := im.lay
	var c cells
	var problems []string
	c.vendor = l.field(rec, colVendor)
	c.model = l.field(rec, colModel)
	c.fw = l.field(rec, colFirmware)
	c.owner = l.field(rec, colOwner)
	c.ua = l.field(rec, colUserAgent)
	if v := l.field(rec, colMAC); v != "" {
		if mac, ok := parseMAC(v); ok {
			c.mac = mac
		} else {
			problems = append(problems, badValue("MAC", v, "a MAC address"))
		}
	}
	if v := l.field(rec, colIP); v != "" {
		if ip, ok := parseIP(v); ok {
			c.ip = ip
		} else {
			problems = append(problems, badValue("IP", v, "an IP address"))
		}
	}
	if v := l.field(rec, colExtension); v != "" {
		if ext, ok := parseExtension(v); ok {
			c.ext = ext
		} else {
			problems = append(problems, badValue("extension", v, "an extension number (digits only)"))
		}
	}
	if v := l.field(rec, colEmail); v != "" {
		if validEmail(v) {
			c.email = v
		} else {
			problems = append(problems, badValue("e-mail", v, "an e-mail address"))
		}
	}
	if v := l.field(rec, colType); v != "" {
		if k, ok := parseKind(v); ok {
			c.kind = k
		} else {
			problems = append(problems, badValue("type", v, "a device type Ringfence knows ("+kindList+")"))
		}
	}
	if v := l.field(rec, colLastSeen); v != "" {
		if t, ok := parseDate(v); ok {
			c.seen = t
		} else {
			problems = append(problems, badValue("last seen", v, "a date; write it as 2024-03-31 or 31/03/2024"))
		}
	}
	return c, problems
}

func (im *importer) addDevice(c cells) {
	d := inventory.Device{
		Kind: c.kind, Vendor: c.vendor, Model: c.model, Firmware: c.fw,
		MAC: c.mac, IP: c.ip, UserAgent: c.ua, LastSeen: c.seen,
		// The inventory model expects an extension here; a bare name is still
		// better than nothing when the sheet has no extension column, because
		// it says who answers for the phone.
		Owner: c.ext,
	}
	if d.Owner == "" {
		d.Owner = c.owner
	}
	if c.ua != "" && (d.Vendor == "" || d.Model == "" || d.Firmware == "") {
		if id, ok := firmware.ParseUserAgent(c.ua); ok {
			d.Vendor = firstNonEmpty(d.Vendor, id.Vendor)
			d.Model = firstNonEmpty(d.Model, id.Model)
			d.Firmware = firstNonEmpty(d.Firmware, id.Version)
			if d.Kind == "" {
				d.Kind = inventory.DeviceKind(id.Kind)
			}
		}
	}
	if d.Kind == "" {
		d.Kind = inventory.DeviceDeskPhone
	}
	im.inv.Devices = append(im.inv.Devices, d)
}

func (im *importer) addExtension(c cells) {
	if i, ok := im.extAt[c.ext]; ok {
		e := &im.inv.Extensions[i]
		e.Email = firstNonEmpty(e.Email, c.email)
		if c.seen.After(e.LastActive) {
			e.LastActive = c.seen
		}
		return
	}
	typ := inventory.ExtUser
	if c.kind == inventory.DeviceATA {
		typ = inventory.ExtService // a fax or door-entry line is nobody's personal extension
	}
	im.extAt[c.ext] = len(im.inv.Extensions)
	im.inv.Extensions = append(im.inv.Extensions, inventory.Extension{
		Number: c.ext, Name: c.owner, Email: c.email, Enabled: true, Type: typ, LastActive: c.seen,
	})
}

// inventory finishes the import. Facets are claimed only for columns the sheet
// has: a sheet without MAC, model or user-agent columns says nothing about
// devices, which is different from listing none.
func (im *importer) inventory(name string, rep tabular.Report) inventory.Inventory {
	inv := im.inv
	inv.Source = inventory.SourceInfo{
		Connector: "csv",
		Detail:    name + ": " + rep.Summary(),
		FetchedAt: time.Now().UTC(),
	}
	if im.lay.hasDevices() {
		inv.Source.Collected = append(inv.Source.Collected, inventory.FacetDevices)
	}
	if im.lay.hasExtensions() {
		inv.Source.Collected = append(inv.Source.Collected, inventory.FacetExtensions)
	}
	return inv
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
