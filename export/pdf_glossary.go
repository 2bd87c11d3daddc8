package export

import "regexp"

// term is one piece of jargon and a line that explains it to an owner.
type term struct {
	word    string
	pattern *regexp.Regexp
	meaning string
}

func newTerm(word, pattern, meaning string) term {
	return term{word: word, pattern: regexp.MustCompile(pattern), meaning: meaning}
}

// glossary explains the technical words the checks and fixes cannot avoid.
// Only the words that appear in a report are printed in it.
var glossary = []term{
	newTerm("PBX", `\bPBX`, "the phone system: the box or hosted service that connects your extensions to each other and to outside lines."),
	newTerm("SIP", `\bSIP\b`, "the usual way internet phones and phone systems set up calls; each phone logs in with a SIP account's name and password."),
	newTerm("Trunk", `(?i)\btrunks?\b`, "the line between your phone system and the phone company, usually over the internet."),
	newTerm("TR-069", `\bTR-069\b`, "a way for a provider to set up and update phones and routers from afar; left open, it can let someone else do the same."),
	newTerm("Provisioning", `(?i)\bprovisioning\b`, "a phone fetching its settings from a server by itself when it starts up."),
	newTerm("SRTP", `\bSRTP\b`, "encryption for the sound of a call, so that nobody on the network can listen in."),
	newTerm("TLS", `\bTLS\b`, "encryption for a connection, such as a phone logging in (the padlock in a web browser)."),
	newTerm("Session border controller", `(?i)\bsession border controllers?\b`, "a firewall made for calls, between your phone system and the internet."),
	newTerm("VLAN", `\bVLANs?\b`, "a separate network sharing the same cables and switches, which keeps the phones apart from the computers."),
	newTerm("VPN", `\bVPNs?\b`, "an encrypted link across the internet into your network."),
	newTerm("MFA", `\bMFA\b`, "multi-factor authentication: a code from a phone app, or a security key, as well as the password."),
	newTerm("CVE", `\bCVE\b`, "the public reference number given to a known security flaw, such as CVE-2023-29059."),
	newTerm("KEV", `\bKEV\b`, "the US CISA's list of flaws that attackers are known to be using."),
	newTerm("CISA", `\bCISA\b`, "the US government's cyber security agency."),
	newTerm("NCSC", `\bNCSC\b`, "the UK's National Cyber Security Centre, which publishes free guidance for businesses."),
	newTerm("DISA", `\bDISA\b`, "a feature that lets a caller dial in and get an outside line through your phone system; fraudsters look for it."),
	newTerm("fail2ban", `\bfail2ban\b`, "a program that blocks an internet address after repeated failed logins."),
	newTerm("SSH", `\bSSH\b`, "an encrypted remote login for administrators."),
	newTerm("Firmware", `(?i)\bfirmware\b`, "the software built into a phone or other device."),
	newTerm("Softphone", `(?i)\bsoftphones?\b`, "a phone app on a computer or mobile."),
	newTerm("DECT", `\bDECT\b`, "the radio standard most cordless office phones use."),
	newTerm("MAC address", `(?i)\bMAC address`, "a network device's fixed hardware number, such as 80:5E:C0:11:22:01, often printed under the phone."),
	newTerm("CDR", `\bCDRs?\b`, "call detail records: the phone system's log of each call."),
}

// wordsUsed returns the glossary's terms that appear in text, in the
// glossary's order.
func wordsUsed(text string) []term {
	var used []term
	for _, t := range glossary {
		if t.pattern.MatchString(text) {
			used = append(used, t)
		}
	}
	return used
}

// glossaryAppendix explains the technical words this report used, once each,
// so that an owner can read the rest without looking anything up.
func (d *doc) glossaryAppendix() {
	used := wordsUsed(d.said.String())
	if len(used) == 0 {
		return
	}
	d.subheading(glossaryTitle, 20)
	lines := make([]string, len(used))
	for i, t := range used {
		lines[i] = t.word + ": " + t.meaning
	}
	d.list(lines, false, 9, 0)
}

const glossaryTitle = "D. Words used in this report"

// record keeps every text the report prints, for the glossary.
func (d *doc) record(text string) {
	d.said.WriteString(text)
	d.said.WriteByte('\n')
}
