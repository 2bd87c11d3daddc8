package firmware

import (
	"regexp"
	"strings"
)

// Identity is what a user agent (or an inventory row) says about a device or
// product.
type Identity struct {
	Vendor  string `json:"vendor"`
	Model   string `json:"model"`
	Version string `json:"version,omitempty"`
	// Kind is "desk_phone", "dect", "ata", "softphone" or "pbx", the same words
	// the inventory uses for device kinds.
	Kind string `json:"kind"`
	// CoreVersion is the version of the engine underneath, when the user agent
	// gives it: the Asterisk release under a FreePBX system.
	CoreVersion string `json:"core_version,omitempty"`
}

// uaRule recognises one vendor's user agents. Shapes were checked against the
// provisioning code of Wazo (wazo-provd-plugins), FusionPBX (app/provision) and
// Greenbone's SIP detection scripts.
type uaRule struct {
	re    *regexp.Regexp
	build func(m []string) Identity
}

var uaRules = []uaRule{
	{ // "Yealink SIP-T46S 66.86.0.15 805ec0123456", "Yealink SIP-T21P_E2 52.80.0.3 ...", "Yealink SIP VP-T49G 51.80.0.10 ...",
		// "Yealink-T46G 28.71.0.81 28.1.0.128.0.0.0", "Yealink W60B 77.83.0.85"
		regexp.MustCompile(`(?i)^Yealink[ -]+(?:SIP[- ])?((?:VP-)?[A-Z]{1,3}\d+[A-Z0-9]*(?:[_-][A-Z0-9]+)?)\s+(\d+(?:\.\d+){2,})(?:\s|$)`),
		func(m []string) Identity { return yealink(m[1], m[2]) },
	},
	{ // older DECT bases and the VP530 announce themselves without the vendor: "W52P 25.30.0.2 ..."
		regexp.MustCompile(`(?i)^(VP530P?|W5\d[PB])\s+(\d+(?:\.\d+){2,})(?:\s|$)`),
		func(m []string) Identity { return yealink(m[1], m[2]) },
	},
	{ // "PolycomVVX-VVX_450-UA/6.4.3.5018", "FileTransport PolycomRealPresenceTrio-Trio_8800-UA/7.2.2.1094 Type/Application",
		// "Polycom/5.5.2.8571 PolycomVVX-VVX_310-UA/5.5.2.8571", "PolycomSoundPointIP-SPIP_550-UA/3.2.3.1734"
		// "PolycomRealPresenceTrio-Trio_Visual+-UA/5.7.2.3123" ends its model with a plus
		regexp.MustCompile(`(?i)(?:^|\s)Poly(?:com)?[A-Z]+-([A-Z]+)_([A-Z0-9]+\+?)-UA/(\d+(?:\.\d+)+)`),
		func(m []string) Identity {
			return Identity{Vendor: "Poly", Model: polyLine(m[1]) + " " + m[2], Version: m[3], Kind: "desk_phone"}
		},
	},
	{ // SIP "Grandstream GXP1625 1.0.7.64"; HTTP "Grandstream Model HW GXP2200 V2.2A SW 1.0.1.33 DevId 000b82462d97";
		// adapters and the UCM print their hardware revision too: "Grandstream HT-503  V1.1B 1.0.10.9  chip V2.2",
		// "Grandstream UCM6102V1.6A 1.0.14.21". The revision (V2.2A) is never the firmware, so a firmware
		// number must have at least three parts and no V in front.
		regexp.MustCompile(`(?i)^Grandstream\s+(?:Model\s+HW\s+)?(` + grandstreamModel + `)(?:V\d+\.\d+[A-Z]?)?(?:\s+V\d+\.\d+[A-Z]?)?(?:\s+SW)?\s+(\d+(?:\.\d+){2,})(?:\s|$)`),
		func(m []string) Identity { return grandstream(m[1], m[2]) },
	},
	{ // the GXP2000 era names its firmware file: "Grandstream GXP2000 (gxp2000e.bin:1.2.5.3/boot55e.bin:1.1.6.9)"
		regexp.MustCompile(`(?i)^Grandstream\s+(GXP\d+)\s+\([a-z0-9]+\.bin:(\d+(?:\.\d+){2,})/`),
		func(m []string) Identity { return grandstream(m[1], m[2]) },
	},
	{ // "snomD785/10.1.54.13", "snom320-SIP 8.7.3.25", "Mozilla/4.0 (compatible; snomPA1-SIP 8.4.35 1.1.3-s)",
		// "Snom M900 05.20.0001 000413b60680", the old "snom105-3.56p", and "snom821/873_19_20130321",
		// whose build stamp is not a version
		regexp.MustCompile(`(?i)(?:^|[\s;(])snom\s?((?:PA)?[A-Z]?\d+[A-Z0-9]*)(?:-SIP)?(?:[/ ](\d+(?:\.\d+)+)(?:[\s;)]|$)|-(\d+\.\d+[a-z]?)$|/\S+$)`),
		func(m []string) Identity {
			model := strings.ToUpper(m[1])
			kind := "desk_phone"
			if strings.HasPrefix(model, "M") {
				kind = "dect"
			}
			return Identity{Vendor: "Snom", Model: model, Version: m[2] + m[3], Kind: kind}
		},
	},
	{ // Cisco desk phones. Multiplatform firmware says so: "Cisco-CP-8841-3PCC/11.3.7SR1"; enterprise
		// (CUCM) firmware does not: "Cisco-CP7821/10.3.1", "Cisco-CP8865NR/14.2.1". The two are patched
		// separately, so the model keeps the mark that tells them apart.
		regexp.MustCompile(`(?i)^Cisco-CP-?(\d{4}[A-Z]*)(?:-(3PCC|MPP))?/(\d+(?:\.\d+)+(?:\s*M?SR\d+(?:-\d+)?)?)(?:\s|$)`),
		func(m []string) Identity {
			model := "CP-" + strings.ToUpper(m[1])
			if m[2] != "" {
				model += "-" + strings.ToUpper(m[2])
			}
			return Identity{Vendor: "Cisco", Model: model, Version: m[3], Kind: "desk_phone"}
		},
	},
	{ // Cisco adapters: "Cisco-ATA187/9.2.3", "Cisco-ATA191-MPP/11-1-0MSR3-9", "Cisco ATA 186  v3.1.0 atasip (040211A)"
		regexp.MustCompile(`(?i)^Cisco[- ]ATA ?(\d{3})(-MPP)?(?:/|\s+v)(\d[\w.()-]*)(?:\s|$)`),
		func(m []string) Identity {
			return Identity{Vendor: "Cisco", Model: "ATA" + m[1] + strings.ToUpper(m[2]), Version: m[3], Kind: "ata"}
		},
	},
	{ // Cisco and Linksys small-business kit: "Cisco/SPA504G-7.6.2", "Cisco/SPA112-1.4.1(SR5)",
		// "Linksys/SPA-942-6.1.5(a) (88019FA42805)": the model may carry a hyphen of its own. Routers with
		// phone ports name themselves the same way ("Linksys/RT31P2-3.1.9(LId)", "Cisco/SRP541-1.2.6(003)"),
		// and a provider may put its name and the MAC address in front ("PhoneSystems.net aabbccddeeff
		// Linksys/SPA922-6.1.5(a)"). A build or provider tag after the number ("Cisco/SPA112-1.4.1SR1(002)d-hisec",
		// "Cisco/SPA122-1.3.5(004p)_BestGo") would compare wrongly, so such a string is left unknown.
		regexp.MustCompile(`(?i)(?:^|[\s_])(?:Cisco|Linksys)/((?:SPA|PAP|RT|WRP|SRP)-?[A-Z0-9]*?)-(\d[\w.]*(?:\([^()\s]*\)[a-z]?)?)(?:\s|$)`),
		func(m []string) Identity { return ciscoSmallBusiness(m[1], m[2]) },
	},
	{ // "Fanvil X5U-Pro 2.12.22.2", "Fanvil X5U-V2 2.12.1 0c3800000000", "Fanvil X6U Pro 0.0.10 0c383e2cd782"
		regexp.MustCompile(`(?i)^Fanvil\s+([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?:\s+Pro)?)\s+V?(\d+(?:\.\d+)+)(?:\s|$)`),
		func(m []string) Identity {
			return Identity{Vendor: "Fanvil", Model: m[1], Version: m[2], Kind: "desk_phone"}
		},
	},
	{ // "Panasonic_KX-UT670/01.022 (0080f000000)", "Panasonic-KX-TGP600RU/01.061 (080023e21a52)"
		regexp.MustCompile(`(?i)^Panasonic[_-](KX-?[A-Z]+\d+[A-Z0-9]*)/V?(\d+(?:\.\d+)+)`),
		func(m []string) Identity {
			model := strings.ToUpper(m[1])
			kind := "desk_phone"
			if strings.HasPrefix(model, "KX-TGP") || strings.HasPrefix(model, "KX-UDS") {
				kind = "dect"
			}
			return Identity{Vendor: "Panasonic", Model: model, Version: m[2], Kind: kind}
		},
	},
	{ // Mitel and the Aastra phones it bought: "Aastra6731i MAC:00-08-5D-23-74-29 V:3.2.0.70-SIP",
		// "Mitel6930 MAC:14-00-E9-1E-DB-52 V:6.4.0.140-SIP", "Mitel 6930/6.4.0.132", "Aastra 6731i/3.2.2.3077"
		// the older 5xi phones have two digits: "Aastra 51i/2.5.1.41"
		regexp.MustCompile(`(?i)^(?:Aastra|Mitel) ?(\d{4}i?|\d{2}i)(?:\s+MAC:\S+\s+V:|/)(\d+(?:\.\d+){2,})(?:-SIP)?(?:\s|$)`),
		func(m []string) Identity {
			return Identity{Vendor: "Mitel", Model: strings.ToLower(m[1]), Version: m[2], Kind: "desk_phone"}
		},
	},
	{ // Mitel's own 5300 series: "Mitel-5320-SIP-Phone 06.05.00.11 010203040506"
		regexp.MustCompile(`(?i)^Mitel-(\d{4})-SIP-Phone\s+(\d+(?:\.\d+){2,})(?:\s|$)`),
		func(m []string) Identity {
			return Identity{Vendor: "Mitel", Model: m[1], Version: m[2], Kind: "desk_phone"}
		},
	},
	{ // Unify (Siemens) phones name the line, the model and a "V3 R5.13.0" release:
		// "OpenStage_40_V3 R5.13.0      SIP  190111", "Desk_Phone_IP_CP400_V1 R6.14.0      SIP  190802"
		regexp.MustCompile(`(?i)^(OpenStage_|Desk_Phone_IP_)(\d+[A-Z]*|CP\d+[A-Z]*)_(V\d+ R\d+(?:\.\d+)+)\s+SIP(?:\s|$)`),
		func(m []string) Identity {
			model := strings.ToUpper(m[2])
			if strings.EqualFold(m[1], "OpenStage_") {
				model = "OpenStage " + model
			}
			return Identity{Vendor: "Unify", Model: model, Version: m[3], Kind: "desk_phone"}
		},
	},
	{ // Sangoma's own phones: "Sangoma S305 V3.0.4.72"
		regexp.MustCompile(`(?i)^Sangoma\s+(S\d{3}[A-Z]*)\s+V?(\d+(?:\.\d+){2,})(?:\s|$)`),
		func(m []string) Identity {
			return Identity{Vendor: "Sangoma", Model: strings.ToUpper(m[1]), Version: m[2], Kind: "desk_phone"}
		},
	},
	{ // Gigaset's DX800A desk phone gives no maker: "DX800A/41.175.00.000.000"
		regexp.MustCompile(`(?i)^(DX800A)/(\d+(?:\.\d+){2,})(?:;|\s|$)`),
		func(m []string) Identity {
			return Identity{Vendor: "Gigaset", Model: strings.ToUpper(m[1]), Version: m[2], Kind: "desk_phone"}
		},
	},
	{ // "Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9"
		regexp.MustCompile(`(?i)^Htek\s+(UC\d+[A-Z0-9]*)\s+(\d+(?:\.\d+){2,})(?:\s|$)`),
		func(m []string) Identity {
			return Identity{Vendor: "Htek", Model: strings.ToUpper(m[1]), Version: m[2], Kind: "desk_phone"}
		},
	},
	{ // Gigaset DECT bases: "N510 IP PRO/42.245.00.000.000;7C2F804DF9A9", "Gigaset N720 DM PRO/70.108.00.000.000"
		regexp.MustCompile(`(?i)^(?:Gigaset\s+)?(N\d{3,4})[ -](IP|DM)[ -]PRO/(\d+(?:\.\d+){2,})(?:;|$)`),
		func(m []string) Identity {
			return Identity{Vendor: "Gigaset", Model: strings.ToUpper(m[1]+" "+m[2]) + " PRO", Version: m[3], Kind: "dect"}
		},
	},
	{ // "3CXDesktopApp/18.12.416" inside an Electron user agent, or "3CX DesktopApp 18.12.416"
		regexp.MustCompile(`(?i)(?:^|\s)3CX\s?Desktop\s?App[/ ]v?(\d+(?:\.\d+)+)`),
		func(m []string) Identity {
			return Identity{Vendor: "3CX", Model: "3CX DesktopApp", Version: m[1], Kind: "softphone"}
		},
	},
	{ // "3CX Phone System 18.0.9.20", "3CXPhoneSystem 15.5.15502.6 (15502)"
		regexp.MustCompile(`(?i)^3CX\s?Phone\s?System(?:\s+(?:v|Version\s+)?(\d+(?:\.\d+)+))?`),
		func(m []string) Identity {
			return Identity{Vendor: "3CX", Model: "3CX Phone System", Version: m[1], Kind: "pbx"}
		},
	},
	{ // "3CXPhone for Windows 16.3.0.123", "3CXPhone 6.0.26523.0"
		regexp.MustCompile(`(?i)^3CX\s?Phone(?:\s+for\s+([A-Z]+))?\s+v?(\d+(?:\.\d+)+)`),
		func(m []string) Identity {
			model := "3CXPhone"
			if m[1] != "" {
				model += " for " + m[1]
			}
			return Identity{Vendor: "3CX", Model: model, Version: m[2], Kind: "softphone"}
		},
	},
	{ // "FPBX-16.0.40(18.20.0)": the FreePBX release, then the Asterisk under it
		regexp.MustCompile(`(?i)^FPBX-(\d+(?:\.\d+)+)\(([^()\s]+)\)`),
		func(m []string) Identity {
			return Identity{Vendor: "Sangoma", Model: "FreePBX", Version: m[1], Kind: "pbx", CoreVersion: m[2]}
		},
	},
	{ // "Asterisk PBX 18.20.0", "Asterisk PBX certified/18.9-cert5"; a distribution's build keeps its
		// package suffix ("16.2.1~dfsg-1"), because it may carry fixes the upstream number does not
		regexp.MustCompile(`(?i)^Asterisk PBX\s+(certified/)?([0-9][\w.\-~+]*)`),
		func(m []string) Identity {
			model := "Asterisk"
			if m[1] != "" {
				model = "Certified Asterisk"
			}
			return Identity{Vendor: "Sangoma", Model: model, Version: m[2], Kind: "pbx", CoreVersion: m[2]}
		},
	},
	{ // SIP servers' own Server header: "kamailio (5.6.3 (x86_64/linux))", "OpenSIPS (3.4.2 (x86_64/linux))"
		regexp.MustCompile(`(?i)^(kamailio|opensips)\s+\((\d+(?:\.\d+)+)(?:-[a-z]+)?[\s)]`),
		func(m []string) Identity {
			name := map[string]string{"kamailio": "Kamailio", "opensips": "OpenSIPS"}[strings.ToLower(m[1])]
			return Identity{Vendor: name, Model: name, Version: m[2], Kind: "pbx"}
		},
	},
}

// grandstreamModel is the model part of a Grandstream name: a product line and
// its number, with an optional hyphen ("HT-503", "GXW-4008").
const grandstreamModel = `(?:GXP|GRP|GXV|GAC|GXW|HT|DP|WP|UCM)-?\d+[A-Z0-9]*?`

func grandstream(model, version string) Identity {
	model = strings.ToUpper(strings.ReplaceAll(model, "-", ""))
	kind := "desk_phone"
	switch {
	case strings.HasPrefix(model, "HT"), strings.HasPrefix(model, "GXW"):
		kind = "ata"
	case strings.HasPrefix(model, "DP"):
		kind = "dect"
	case strings.HasPrefix(model, "UCM"):
		kind = "pbx"
	}
	return Identity{Vendor: "Grandstream", Model: model, Version: version, Kind: kind}
}

// polyLine spells out Polycom's short product-line names, so a user agent and a
// DHCP vendor class ("Polycom-SSIP6000") name the phone the same way.
func polyLine(line string) string {
	switch strings.ToUpper(line) {
	case "SPIP":
		return "SoundPoint IP"
	case "SSIP":
		return "SoundStation IP"
	}
	return line
}

var polyShortName = regexp.MustCompile(`(?i)^(SPIP|SSIP)[ _-]?(\d+[A-Z0-9]*)$`)

// polyModel turns "SSIP6000" or "SPIP_335" into the name the user agent gives.
func polyModel(model string) string {
	if m := polyShortName.FindStringSubmatch(model); m != nil {
		return polyLine(m[1]) + " " + m[2]
	}
	return model
}

func ciscoSmallBusiness(model, version string) Identity {
	model = strings.ToUpper(strings.ReplaceAll(model, "-", ""))
	kind := "desk_phone"
	if strings.HasPrefix(model, "PAP") || strings.HasPrefix(model, "SPA1") ||
		strings.HasPrefix(model, "SPA2") || strings.HasPrefix(model, "SPA8") ||
		strings.HasPrefix(model, "RT") || strings.HasPrefix(model, "WRP") || strings.HasPrefix(model, "SRP") {
		kind = "ata"
	}
	return Identity{Vendor: "Cisco", Model: model, Version: version, Kind: kind}
}

func yealink(model, version string) Identity {
	model = strings.ToUpper(model)
	kind := "desk_phone"
	if strings.HasPrefix(model, "W") {
		kind = "dect"
	}
	return Identity{Vendor: "Yealink", Model: model, Version: version, Kind: kind}
}

// maxUALength bounds the work done on a hostile or corrupt header; real user
// agents are far shorter.
const maxUALength = 512

// ParseUserAgent recognises the SIP or HTTP user agent of common desk phones,
// adapters, softphones and PBXs. ok is false when it cannot, and the device
// should then be listed as unknown.
func ParseUserAgent(ua string) (Identity, bool) {
	ua = strings.TrimSpace(ua)
	if len(ua) > maxUALength {
		ua = ua[:maxUALength]
	}
	if ua == "" {
		return Identity{}, false
	}
	lower := strings.ToLower(ua)
	for i, rule := range uaRules {
		if !containsAny(lower, uaHints[i]) {
			continue
		}
		if m := rule.re.FindStringSubmatch(ua); m != nil {
			return rule.build(m), true
		}
	}
	return Identity{}, false
}

// uaHints holds, for each rule in uaRules, lower-case words at least one of which
// every user agent it matches contains. Checking them first skips the regular
// expressions for the rules that cannot match, which is most of them.
var uaHints = [][]string{
	{"yealink"},
	{"vp530", "w5"},
	{"poly"},
	{"grandstream"},
	{"grandstream"},
	{"snom"},
	{"cisco-cp"},
	{"ata"},
	{"cisco/", "linksys/"},
	{"fanvil"},
	{"panasonic"},
	{"aastra", "mitel"},
	{"mitel-"},
	{"openstage_", "desk_phone_ip_"},
	{"sangoma"},
	{"dx800a/"},
	{"htek"},
	{"pro/"},
	{"3cx"},
	{"3cx"},
	{"3cx"},
	{"fpbx-"},
	{"asterisk pbx"},
	{"kamailio", "opensips"},
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
