package checklist

import (
	"fmt"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// The exposure checks rest on a probe of the phone system's address. What a
// probe sees depends on where it ran: only a probe from outside the office, of
// an address the internet can reach, shows what the internet sees. Run from
// inside, an open admin page is normal and a closed one proves nothing about
// the internet, so those findings stay unknown and the person's answer counts.
func (e evaluatorSet) addExposure() {
	e.register("NW-01", []fact{probedPorts}, adminPagesHidden)
	e.register("NW-06", []fact{probedPorts}, unusedServicesOff)
}

var probedPorts = needWhere(inventory.FacetExposure, func(f *Facts, i int) bool {
	return f.Inventory.Exposure.Ports[i].Checked
}, "The probe of the phone system's address was stopped before it tried any port.")

// vantageText says where a probe looked from, to begin a sentence.
func vantageText(x *inventory.Exposure) string {
	when := ""
	if !x.At.IsZero() {
		when = " on " + x.At.Format("2 Jan 2006")
	}
	switch {
	case x.InternetView():
		return "Seen from outside the office" + when
	case x.PrivateAddress:
		return "Seen from the local network" + when + " (" + x.Address + " is a private address the internet cannot reach)"
	case x.From == inventory.VantageInside:
		return "Seen from inside the office" + when
	}
	return "Seen" + when + " from a place not stated (taken as inside the office)"
}

// outsideAdvice says how to see what the internet sees.
const outsideAdvice = "This shows what the office sees, not what the internet sees: run the probe again from outside the office, for example on a mobile hotspot, or answer the question."

func portItems(x *inventory.Exposure, kinds ...inventory.PortKind) (open []Item, unchecked, tried int) {
	for _, pa := range x.Ports {
		info, ok := inventory.PortInfo(pa.Port)
		if !ok || !kindIn(info.Kind, kinds) {
			continue
		}
		if !pa.Checked {
			unchecked++
			continue
		}
		tried++
		if pa.Open {
			open = append(open, Item{Kind: "port", ID: fmt.Sprintf("%s:%d", x.Host, pa.Port), Label: fmt.Sprintf("%s, port %d", x.Host, pa.Port), Detail: info.Name + " accepts connections"})
		}
	}
	// A port the probe should have tried but did not list was never tried.
	for _, p := range inventory.ProbePorts {
		if kindIn(p.Kind, kinds) && !hasPort(x, p.Port) {
			unchecked++
		}
	}
	return open, unchecked, tried
}

func kindIn(k inventory.PortKind, kinds []inventory.PortKind) bool {
	for _, want := range kinds {
		if k == want {
			return true
		}
	}
	return false
}

func hasPort(x *inventory.Exposure, port int) bool {
	for _, pa := range x.Ports {
		if pa.Port == port {
			return true
		}
	}
	return false
}

func adminPagesHidden(f *Facts) Outcome {
	x := f.Inventory.Exposure
	open, unchecked, tried := portItems(x, inventory.PortAdminWeb)
	where := vantageText(x)
	switch {
	case len(open) > 0 && x.InternetView():
		return fail(open, "%s, %s accepts connections on admin ports: %d.", where, x.Host, len(open))
	case len(open) > 0:
		o := unknown("%s, %s accepts connections on admin ports: %d. %s", where, x.Host, len(open), outsideAdvice)
		o.Affected = open
		return o
	case unchecked > 0:
		return unknown("%s, no admin port on %s accepted a connection, but %s not tried.", where, x.Host, plural(unchecked, "port was", "ports were"))
	case !x.InternetView():
		return unknown("%s, no admin port on %s accepts connections. %s", where, x.Host, outsideAdvice)
	}
	if nothingAnswered(x) {
		return unknown("%s, %s", where, silenceText(x))
	}
	return pass("%s, no admin page on %s accepts connections (%s tried).", where, x.Host, plural(tried, "port", "ports"))
}

// nothingAnswered reports a probe that heard nothing at all: no SIP reply
// and every port tried silent rather than refused. That looks the same from a
// tight firewall as from a laptop whose network reaches nothing, or a wrong
// address, so it cannot show that anything is switched off.
func nothingAnswered(x *inventory.Exposure) bool {
	for _, s := range x.SIP {
		if s.Answered {
			return false
		}
	}
	tried := 0
	for _, pa := range x.Ports {
		if !pa.Checked {
			continue
		}
		tried++
		if pa.Open || !pa.Silent {
			return false
		}
	}
	return tried > 0
}

func silenceText(x *inventory.Exposure) string {
	return "Nothing on " + x.Host + " answered at all, not even to refuse a connection: a firewall may drop everything, or this computer could not reach " + x.Host +
		". Check the address and that this computer is online, then probe again, or answer the question."
}

func unusedServicesOff(f *Facts) Outcome {
	x := f.Inventory.Exposure
	clear, uncheckedClear, _ := portItems(x, inventory.PortClearText)
	shell, uncheckedShell, _ := portItems(x, inventory.PortRemoteShell)
	where := vantageText(x)
	items := append([]Item(nil), clear...)
	if x.InternetView() {
		items = append(items, shell...)
	}
	if len(items) > 0 {
		// Telnet and FTP send passwords unencrypted wherever they are reached
		// from, so they fail from inside too; SSH only fails when the
		// internet can reach it, since an installer may use it in the office.
		return fail(items, "%s, %s still runs services that should be switched off: %d.", where, x.Host, len(items))
	}
	if n := uncheckedClear + uncheckedShell; n > 0 {
		return unknown("%s, no remote-access port on %s accepted a connection, but %s not tried.", where, x.Host, plural(n, "port was", "ports were"))
	}
	if len(shell) > 0 {
		o := unknown("%s, %s accepts remote shell (SSH) connections. Switch SSH off if you do not use it. %s", where, x.Host, outsideAdvice)
		o.Affected = shell
		return o
	}
	if nothingAnswered(x) {
		return unknown("%s, %s", where, silenceText(x))
	}
	return pass("%s, Telnet, FTP and SSH are off on %s. Phones were not probed; check them by hand.", where, x.Host)
}

// ExposureSummary says in one sentence where a probe ran and what that means,
// for every front end that shows a probe.
func ExposureSummary(x *inventory.Exposure) string {
	switch {
	case x.InternetView():
		return "Run from outside the office, this shows what the internet sees of " + x.Host + "."
	case x.PrivateAddress:
		return x.Address + " is a private address, which the internet cannot reach directly, so this shows what the local network sees of " + x.Host + ", not what the internet sees."
	case x.From == inventory.VantageUnsaid:
		return "You did not say where this computer is, so this is taken as what the office sees of " + x.Host + ", not what the internet sees."
	}
	return "Run from inside the office, this shows what the office sees of " + x.Host + ", not what the internet sees."
}
