package sipprobe

import (
	"fmt"
	"strings"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/firmware"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// Sends says, for the confirmation every front end asks for, exactly what a
// probe will send and where.
func Sends(t Target, cfg Config) string {
	cfg = cfg.withDefaults()
	ports := make([]string, len(cfg.Ports))
	for i, p := range cfg.Ports {
		ports[i] = fmt.Sprint(p)
	}
	return fmt.Sprintf("Ringfence will send a SIP OPTIONS request (it asks what the server supports, and changes nothing) "+
		"to %s over UDP and TCP on port %d and over TLS on port %d (%s over UDP at most), "+
		"and will try to connect to ports %s. It never sends REGISTER, INVITE or a password. "+
		"It takes at most %d seconds. Probe only a phone system you are responsible for.",
		t.Host, t.SIPPort, t.TLSPort, times(cfg.UDPTries), strings.Join(ports, ", "), int(WorstCase(cfg).Seconds()+0.5))
}

// WorstCase is the longest a probe can take by design: the name lookup, then
// the three SIP transports one after another, each within one step, while the
// ports are tried alongside, a few at a time; the overall limit caps it.
func WorstCase(cfg Config) time.Duration {
	cfg = cfg.withDefaults()
	rounds := (len(cfg.Ports) + cfg.Parallel - 1) / cfg.Parallel
	return min(cfg.Overall, cfg.Step+max(3*cfg.Step, time.Duration(rounds)*cfg.Step))
}

// Report gives the probe's findings as plain lines for a terminal or the app.
// Every text from the server was cleaned when it was read.
func (r Result) Report() []string {
	x := r.Exposure
	var out []string
	name := x.Host
	if x.Address != "" && x.Address != x.Host {
		name += " (" + x.Address + ")"
	}
	out = append(out, fmt.Sprintf("Probe of %s on %s%s.", name, x.At.Local().Format("2 Jan 2006 15:04"), onComputer(x.RunOn)))
	out = append(out, checklist.ExposureSummary(&x))
	if r.Stopped {
		out = append(out, "The probe was stopped or ran out of time; what it did not try is marked so.")
	}
	out = append(out, "", "SIP (the protocol phones use to make calls):")
	for i, s := range x.SIP {
		line := fmt.Sprintf("  %s port %d: ", strings.ToUpper(s.Transport), s.Port)
		switch {
		case s.Answered:
			line += fmt.Sprintf("answers (SIP %d). %s", s.Status, s.Note)
		default:
			line += "no answer. " + s.Note
		}
		out = append(out, line)
		if s.Server != "" {
			out = append(out, "    It says it is: "+s.Server)
			if i < len(r.Disclosed) && r.Disclosed[i] != nil {
				out = append(out, "    "+disclosedText(*r.Disclosed[i]))
			}
		}
	}
	if c := x.TLS; c != nil {
		if c.Valid {
			out = append(out, fmt.Sprintf("  TLS certificate: valid, issued by %s, expires %s.", c.Issuer, c.Expires.Format("2 Jan 2006")))
		} else {
			out = append(out, "  TLS certificate: not valid. "+c.Problem)
		}
	}
	out = append(out, "", "Admin and remote-access ports:")
	for _, p := range x.Ports {
		name := fmt.Sprintf("port %d", p.Port)
		if info, ok := inventory.PortInfo(p.Port); ok {
			name = fmt.Sprintf("%d, %s", p.Port, info.Name)
		}
		state := "closed. " + p.Note
		switch {
		case !p.Checked && p.Note != "":
			state = p.Note // why it was not tried
		case !p.Checked:
			state = "not tried."
		case p.Open:
			state = "OPEN: accepts connections."
		}
		out = append(out, fmt.Sprintf("  %s: %s", name, strings.TrimSpace(state)))
	}
	out = append(out, "", fmt.Sprintf("Sent: %s, %s and %s; nothing else.",
		count(r.Sent.Datagrams, "UDP datagram"), count(r.Sent.Connections, "TCP connection"), count(r.Sent.Requests, "OPTIONS request")))
	return out
}

func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

func onComputer(name string) string {
	if name == "" {
		return ""
	}
	return ", run on " + name
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// disclosedText says what a Server header gave away and what that means.
func disclosedText(d checklist.Disclosed) string {
	if !d.Recognised {
		return "Ringfence does not recognise this product, so its version cannot be checked."
	}
	name := strings.TrimSpace(d.Identity.Model + " " + d.Identity.Version)
	var verdict string
	switch d.Verdict.Class() {
	case firmware.ClassVulnerable:
		verdict = "has a known security flaw"
	case firmware.ClassEndOfLife:
		verdict = "is no longer supported by its maker"
	case firmware.ClassOutdated:
		verdict = "is not the newest version"
	case firmware.ClassCurrent:
		verdict = "has no known flaw"
	default:
		return fmt.Sprintf("%s: %s Anyone who can reach this port can read the version too.", name, d.Verdict.Reason)
	}
	return fmt.Sprintf("%s %s. %s Anyone who can reach this port can read the version too.", name, verdict, d.Verdict.Reason)
}
