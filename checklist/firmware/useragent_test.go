package firmware

import (
	"strings"
	"testing"
)

func TestParseUserAgent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ua   string
		want Identity
	}{
		// Yealink, as Wazo and FusionPBX record them (MAC addresses trail).
		{"Yealink SIP-T46S 66.86.0.15 805ec0123456", Identity{Vendor: "Yealink", Model: "T46S", Version: "66.86.0.15", Kind: "desk_phone"}},
		{"Yealink SIP-T38G  38.70.0.125 00:15:65:00:00:00", Identity{Vendor: "Yealink", Model: "T38G", Version: "38.70.0.125", Kind: "desk_phone"}},
		{"Yealink SIP-T56A  58.80.0.25 001565f429a4", Identity{Vendor: "Yealink", Model: "T56A", Version: "58.80.0.25", Kind: "desk_phone"}},
		{"Yealink SIP-W52P 25.73.0.20 00:15:65:40:ae:35", Identity{Vendor: "Yealink", Model: "W52P", Version: "25.73.0.20", Kind: "dect"}},
		{"Yealink W60B 77.83.0.85", Identity{Vendor: "Yealink", Model: "W60B", Version: "77.83.0.85", Kind: "dect"}},
		{"W52P 25.30.0.2 00:15:65:44:b3:7c", Identity{Vendor: "Yealink", Model: "W52P", Version: "25.30.0.2", Kind: "dect"}},
		{"Yealink-T46G 28.71.0.81 28.1.0.128.0.0.0", Identity{Vendor: "Yealink", Model: "T46G", Version: "28.71.0.81", Kind: "desk_phone"}},
		{"Yealink SIP-T54W 96.86.0.45", Identity{Vendor: "Yealink", Model: "T54W", Version: "96.86.0.45", Kind: "desk_phone"}},
		// Poly / Polycom: SIP and provisioning (FileTransport) shapes.
		{"PolycomVVX-VVX_450-UA/6.4.3.5018", Identity{Vendor: "Poly", Model: "VVX 450", Version: "6.4.3.5018", Kind: "desk_phone"}},
		{"FileTransport PolycomVVX-VVX_500-UA/5.9.7.4477 Type/Application", Identity{Vendor: "Poly", Model: "VVX 500", Version: "5.9.7.4477", Kind: "desk_phone"}},
		{"Polycom/5.4.3.2007 PolycomRealPresenceTrio-Trio_8800-UA/5.4.3.2007", Identity{Vendor: "Poly", Model: "Trio 8800", Version: "5.4.3.2007", Kind: "desk_phone"}},
		{"PolycomSoundPointIP-SPIP_550-UA/3.2.3.1734", Identity{Vendor: "Poly", Model: "SoundPoint IP 550", Version: "3.2.3.1734", Kind: "desk_phone"}},
		{"PolycomVVX-VVX_310-UA/4.1.4.7430_0004f2abcdef", Identity{Vendor: "Poly", Model: "VVX 310", Version: "4.1.4.7430", Kind: "desk_phone"}},
		// Grandstream: SIP and HTTP provisioning shapes.
		{"Grandstream GXP1625 1.0.7.64", Identity{Vendor: "Grandstream", Model: "GXP1625", Version: "1.0.7.64", Kind: "desk_phone"}},
		{"Grandstream Model HW GXP2135 SW 1.0.7.97 DevId 000b828aa872", Identity{Vendor: "Grandstream", Model: "GXP2135", Version: "1.0.7.97", Kind: "desk_phone"}},
		{"Grandstream HT802 1.0.43.11", Identity{Vendor: "Grandstream", Model: "HT802", Version: "1.0.43.11", Kind: "ata"}},
		{"Grandstream GRP2614 1.0.5.67", Identity{Vendor: "Grandstream", Model: "GRP2614", Version: "1.0.5.67", Kind: "desk_phone"}},
		{"Grandstream UCM6302 1.0.21.9", Identity{Vendor: "Grandstream", Model: "UCM6302", Version: "1.0.21.9", Kind: "pbx"}},
		// Snom.
		{"snomD785/10.1.54.13", Identity{Vendor: "Snom", Model: "D785", Version: "10.1.54.13", Kind: "desk_phone"}},
		{"snom320-SIP 8.7.3.25", Identity{Vendor: "Snom", Model: "320", Version: "8.7.3.25", Kind: "desk_phone"}},
		{"Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 2010.12-00001-gd311851f1 (Feb 25 2019 - 14:19:43) 00041396D9B4 SXM:0 UXM:0 UXMC:0)", Identity{Vendor: "Snom", Model: "D785", Version: "10.1.169.16", Kind: "desk_phone"}},
		// Cisco multiplatform and small-business kit.
		{"Cisco-CP-8841-3PCC/11.3.7SR1", Identity{Vendor: "Cisco", Model: "CP-8841-3PCC", Version: "11.3.7SR1", Kind: "desk_phone"}},
		{"Cisco/SPA504G-7.6.2", Identity{Vendor: "Cisco", Model: "SPA504G", Version: "7.6.2", Kind: "desk_phone"}},
		{"Cisco/SPA112-1.4.1(SR5)", Identity{Vendor: "Cisco", Model: "SPA112", Version: "1.4.1(SR5)", Kind: "ata"}},
		// Fanvil and Panasonic.
		{"Fanvil X5U-Pro 2.12.22.2", Identity{Vendor: "Fanvil", Model: "X5U-Pro", Version: "2.12.22.2", Kind: "desk_phone"}},
		{"Fanvil X5U-V2 2.12.1 0c3800000000)", Identity{Vendor: "Fanvil", Model: "X5U-V2", Version: "2.12.1", Kind: "desk_phone"}},
		{"Panasonic_KX-HDV230/01.133 (0080f0c8c381)", Identity{Vendor: "Panasonic", Model: "KX-HDV230", Version: "01.133", Kind: "desk_phone"}},
		{"Panasonic_KX-UT670/01.022 (0080f000000)", Identity{Vendor: "Panasonic", Model: "KX-UT670", Version: "01.022", Kind: "desk_phone"}},
		{"Panasonic-KX-TGP600RU/01.061 (080023e21a52)", Identity{Vendor: "Panasonic", Model: "KX-TGP600RU", Version: "01.061", Kind: "dect"}},
		// 3CX.
		{"3CXPhone for Windows 16.3.0.123", Identity{Vendor: "3CX", Model: "3CXPhone for Windows", Version: "16.3.0.123", Kind: "softphone"}},
		{"3CX Phone System 18.0.9.20", Identity{Vendor: "3CX", Model: "3CX Phone System", Version: "18.0.9.20", Kind: "pbx"}},
		{"3CX DesktopApp 18.12.416", Identity{Vendor: "3CX", Model: "3CX DesktopApp", Version: "18.12.416", Kind: "softphone"}},
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) 3CXDesktopApp/18.12.407 Chrome/102.0 Electron/19.0.8 Safari/537.36", Identity{Vendor: "3CX", Model: "3CX DesktopApp", Version: "18.12.407", Kind: "softphone"}},
		// Asterisk and FreePBX, as Greenbone's SIP detection sees them.
		{"Asterisk PBX 18.20.0", Identity{Vendor: "Sangoma", Model: "Asterisk", Version: "18.20.0", Kind: "pbx", CoreVersion: "18.20.0"}},
		{"kamailio (5.6.3 (x86_64/linux))", Identity{Vendor: "Kamailio", Model: "Kamailio", Version: "5.6.3", Kind: "pbx"}},
		{"OpenSIPS (3.4.2 (x86_64/linux))", Identity{Vendor: "OpenSIPS", Model: "OpenSIPS", Version: "3.4.2", Kind: "pbx"}},
		{"Asterisk PBX certified/18.9-cert5", Identity{Vendor: "Sangoma", Model: "Certified Asterisk", Version: "18.9-cert5", Kind: "pbx", CoreVersion: "18.9-cert5"}},
		{"FPBX-16.0.40(18.20.0)", Identity{Vendor: "Sangoma", Model: "FreePBX", Version: "16.0.40", Kind: "pbx", CoreVersion: "18.20.0"}},
		// Shapes from Recog's SIP fingerprints and Greenbone's SIP scripts.
		{"Mitel-5320-SIP-Phone 06.05.00.11 010203040506", Identity{Vendor: "Mitel", Model: "5320", Version: "06.05.00.11", Kind: "desk_phone"}},
		{"OpenStage_40_V3 R5.13.0      SIP  190111", Identity{Vendor: "Unify", Model: "OpenStage 40", Version: "V3 R5.13.0", Kind: "desk_phone"}},
		{"Desk_Phone_IP_CP400_V1 R6.14.0      SIP  190802", Identity{Vendor: "Unify", Model: "CP400", Version: "V1 R6.14.0", Kind: "desk_phone"}},
		{"Sangoma S305 V3.0.4.72", Identity{Vendor: "Sangoma", Model: "S305", Version: "3.0.4.72", Kind: "desk_phone"}},
		{"PolycomRealPresenceTrio-Trio_Visual+-UA/5.7.2.3123", Identity{Vendor: "Poly", Model: "Trio Visual+", Version: "5.7.2.3123", Kind: "desk_phone"}},
		{"PhoneSystems.net aabbccddeeff Linksys/SPA922-6.1.5(a)", Identity{Vendor: "Cisco", Model: "SPA922", Version: "6.1.5(a)", Kind: "desk_phone"}},
		{"DX800A/41.175.00.000.000", Identity{Vendor: "Gigaset", Model: "DX800A", Version: "41.175.00.000.000", Kind: "desk_phone"}},
		{"Linksys/RT31P2-3.1.9(LId)", Identity{Vendor: "Cisco", Model: "RT31P2", Version: "3.1.9(LId)", Kind: "ata"}},
		{"aabbccddeeff_FinalStage_Linksys/WRP400-2.00.26", Identity{Vendor: "Cisco", Model: "WRP400", Version: "2.00.26", Kind: "ata"}},
		{"Cisco/SRP541-1.2.6(003)", Identity{Vendor: "Cisco", Model: "SRP541", Version: "1.2.6(003)", Kind: "ata"}},
		{"Aastra 51i/2.5.1.41", Identity{Vendor: "Mitel", Model: "51i", Version: "2.5.1.41", Kind: "desk_phone"}},
		{"Aastra57i MAC:00-08-5D-00-00-00 V:3.3.1.4365-SIP", Identity{Vendor: "Mitel", Model: "57i", Version: "3.3.1.4365", Kind: "desk_phone"}},
	}
	for _, tt := range tests {
		got, ok := ParseUserAgent(tt.ua)
		if !ok {
			t.Errorf("ParseUserAgent(%q) not recognised", tt.ua)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseUserAgent(%q)\n got %+v\nwant %+v", tt.ua, got, tt.want)
		}
	}
}

func TestParseUserAgentUnknown(t *testing.T) {
	t.Parallel()
	for _, ua := range []string{
		"",
		"   ",
		"curl/8.0",
		"Linphone Desktop/4.2.5 (macOS 10.15, Qt 5.15.2) LinphoneCore/4.4.19",
		"Yealink SIP-WEB",           // the WebRTC client, not a phone
		"Yealink",                   // vendor alone says nothing about firmware
		"Grandstream",               // likewise
		"Asterisk PBX",              // no version
		"PolycomVVX-VVX_450-UA/",    // cut off
		"iLinksys/PAP2-2.0.10(LSb)", // not the maker's name
		"Mitel-5320-SIP-Phone",      // no firmware
		strings.Repeat("Yealink ", 10000),
	} {
		if id, ok := ParseUserAgent(ua); ok {
			t.Errorf("ParseUserAgent(%.40q) = %+v, want not recognised", ua, id)
		}
	}
}

// The parsed identity must lead to the right advisory row, or parsing is only
// half the job.
func TestParsedUserAgentsReachTheirRows(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ua, family string
	}{
		{"Grandstream GXP1625 1.0.7.64", "grandstream-gxp16xx"},
		{"Yealink SIP-T46S 66.86.0.15 805ec0123456", "yealink-t4xs"},
		{"Cisco-CP-8841-3PCC/11.3.6", "cisco-mpp-web-rce"},
		{"Cisco/SPA504G-7.6.2", "cisco-spa300-500"},
		{"Cisco/SPA112-1.4.1(SR5)", "cisco-spa112"},
		{"Polycom/5.4.3.2007 PolycomRealPresenceTrio-Trio_8800-UA/5.4.3.2007", "poly-trio-8500-8800"},
		{"snom370-SIP 8.7.3.25", "snom-8x"},
		{"snomD785/10.1.54.13", "snom-d7xx"},
		{"Desk_Phone_IP_CP400_V1 R6.14.0      SIP  190802", "unify-cp"},
	}
	for _, tt := range tests {
		id, ok := ParseUserAgent(tt.ua)
		if !ok {
			t.Fatalf("ParseUserAgent(%q) not recognised", tt.ua)
		}
		if v := JudgeDevice(id.Vendor, id.Model, id.Version); v.Family != tt.family {
			t.Errorf("%q judged by row %q, want %q (%s)", tt.ua, v.Family, tt.family, v.Reason)
		}
	}
}

func FuzzParseUserAgent(f *testing.F) {
	for _, seed := range []string{
		"Yealink SIP-T46S 66.86.0.15 805ec0123456",
		"PolycomVVX-VVX_450-UA/6.4.3.5018",
		"Grandstream Model HW GXP2135 SW 1.0.7.97 DevId 000b828aa872",
		"Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 (Feb 25 2019 - 14:19:43))",
		"Cisco/SPA112-1.4.1(SR5)",
		"FPBX-16.0.40(18.20.0)",
		"Asterisk PBX certified/18.9-cert5",
		"Asterisk PBX 16.2.1~dfsg-1",
		"OpenStage_40_V3 R5.13.0      SIP  190111",
		"Mitel-5320-SIP-Phone 06.05.00.11 010203040506",
		"aabbccddeeff_FinalStage_Linksys/WRP400-2.00.26",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, ua string) {
		id, ok := ParseUserAgent(ua)
		if !ok {
			if id != (Identity{}) {
				t.Fatalf("not recognised but returned %+v", id)
			}
			return
		}
		if id.Vendor == "" || id.Model == "" || id.Kind == "" {
			t.Fatalf("recognised %q with missing fields: %+v", ua, id)
		}
		// Whatever came out must be safe to judge.
		switch id.Kind {
		case "pbx":
			_ = JudgePBX(id.Model, id.Version)
		case "softphone":
			_ = JudgeSoftphone(id.Model, id.Version)
		default:
			_ = JudgeDevice(id.Vendor, id.Model, id.Version)
		}
	})
}

func TestEveryUserAgentRuleHasHints(t *testing.T) {
	t.Parallel()
	if len(uaHints) != len(uaRules) {
		t.Fatalf("%d hint lists for %d rules: add the new rule's words to uaHints", len(uaHints), len(uaRules))
	}
}

// Shapes that were misread or not recognised before: a hardware revision is
// never the firmware, and a hyphen inside a model is part of the model.
func TestParseUserAgentRealShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ua                           string
		vendor, model, version, kind string
	}{
		{"Grandstream Model HW GXP2200 V2.2A SW 1.0.1.33 DevId 000b82462d97", "Grandstream", "GXP2200", "1.0.1.33", "desk_phone"},
		{"Grandstream Model HW HT802V2 V1.0A SW 1.0.5.4 DevId ec74d763e419", "Grandstream", "HT802V2", "1.0.5.4", "ata"},
		{"Grandstream UCM6102V1.6A 1.0.14.21", "Grandstream", "UCM6102", "1.0.14.21", "pbx"},
		{"Grandstream GXW-4008  V1.5A 1.0.16.2  chip V2.2", "Grandstream", "GXW4008", "1.0.16.2", "ata"},
		{"Grandstream HT-503  V1.1B 1.0.10.9  chip V2.2", "Grandstream", "HT503", "1.0.10.9", "ata"},
		{"Linksys/SPA-942-6.1.5(a) (88019FA42805)", "Cisco", "SPA942", "6.1.5(a)", "desk_phone"},
		{"Linksys/SPA8000-6.1.12(XU)", "Cisco", "SPA8000", "6.1.12(XU)", "ata"},
		{"Yealink SIP-T21P_E2 52.80.0.3 00:15:65:4c:4c:26", "Yealink", "T21P_E2", "52.80.0.3", "desk_phone"},
		{"Yealink SIP VP-T49G 51.80.0.10 00:15:65:9b:5a:44", "Yealink", "VP-T49G", "51.80.0.10", "desk_phone"},
		{"Fanvil X6U Pro 0.0.10 0c383e2cd782", "Fanvil", "X6U Pro", "0.0.10", "desk_phone"},
		{"Mozilla/4.0 (compatible; snomPA1-SIP 8.4.35 1.1.3-s)", "Snom", "PA1", "8.4.35", "desk_phone"},
		{"snom821/873_19_20130321", "Snom", "821", "", "desk_phone"},
		{"snom105-3.56p", "Snom", "105", "3.56p", "desk_phone"},
		{"Cisco-CP8865NR/14.2.1", "Cisco", "CP-8865NR", "14.2.1", "desk_phone"},
		{"Cisco-CP7821/10.3.1", "Cisco", "CP-7821", "10.3.1", "desk_phone"},
		{"Cisco-ATA187/9.2.3", "Cisco", "ATA187", "9.2.3", "ata"},
		{"Cisco-ATA191-MPP/11-1-0MSR3-9", "Cisco", "ATA191-MPP", "11-1-0MSR3-9", "ata"},
		{"Cisco ATA 186  v3.1.0 atasip (040211A)", "Cisco", "ATA186", "3.1.0", "ata"},
	}
	for _, tt := range tests {
		got, ok := ParseUserAgent(tt.ua)
		want := Identity{Vendor: tt.vendor, Model: tt.model, Version: tt.version, Kind: tt.kind}
		if !ok || got != want {
			t.Errorf("ParseUserAgent(%q) = %+v, %v; want %+v", tt.ua, got, ok, want)
		}
	}
}

// Spreadsheets often put the maker in the Model column and leave Vendor empty.
func TestIdentifyMakerInsideModel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		vendor, model, version, ua string
		want                       Identity
	}{
		{"", "Cisco SPA504G", "7.6.2", "", Identity{Vendor: "Cisco", Model: "SPA504G", Version: "7.6.2"}},
		{"", "Yealink T46S", "66.84.0.125", "", Identity{Vendor: "Yealink", Model: "T46S", Version: "66.84.0.125"}},
		{"", "Cisco-CP7821", "10.3.1", "", Identity{Vendor: "Cisco", Model: "CP-7821", Version: "10.3.1"}},
		{"", "Linksys SPA-942", "", "", Identity{Vendor: "Cisco", Model: "SPA-942"}},
		{"", "Cisco Systems, Inc. IP Phone CP-7940G\x00", "", "", Identity{Vendor: "Cisco", Model: "CP-7940G"}},
		// A model with no maker stays as it is: guessing the maker could pick the wrong table.
		{"", "T46S", "66.84.0.125", "", Identity{Model: "T46S", Version: "66.84.0.125"}},
		// The user agent fills gaps only for the same maker and model.
		{"Yealink", "SIP-T46S", "", "Yealink SIP-T46S 66.85.0.5", Identity{Vendor: "Yealink", Model: "SIP-T46S", Version: "66.85.0.5", Kind: "desk_phone"}},
		{"Yealink", "SIP-T48S", "", "Yealink SIP-T46S 66.85.0.5", Identity{Vendor: "Yealink", Model: "SIP-T48S"}},
		{"Grandstream", "", "", "Yealink SIP-T46S 66.85.0.5", Identity{Vendor: "Grandstream"}},
		// Cisco desk phones are marked with the firmware family they run.
		{"Cisco", "8841", "sip88xx.12-0-4MPP0001-21", "", Identity{Vendor: "Cisco", Model: "CP-8841-3PCC", Version: "sip88xx.12-0-4MPP0001-21"}},
		{"Cisco", "CP-7821", "10.3.1", "", Identity{Vendor: "Cisco", Model: "CP-7821", Version: "10.3.1"}},
		{"", "", "", "Cisco-CP-8841-3PCC/11.3.6", Identity{Vendor: "Cisco", Model: "CP-8841-3PCC", Version: "11.3.6", Kind: "desk_phone"}},
	}
	for _, tt := range tests {
		if got := Identify(tt.vendor, tt.model, tt.version, tt.ua); got != tt.want {
			t.Errorf("Identify(%q, %q, %q, %q)\n got %+v\nwant %+v", tt.vendor, tt.model, tt.version, tt.ua, got, tt.want)
		}
	}
}

// Whatever it is fed, Identify never invents a version: the version it returns
// is the one given, or one the user agent spelt out.
func FuzzIdentify(f *testing.F) {
	f.Add("", "Cisco SPA504G", "7.6.2", "")
	f.Add("Yealink", "SIP-T46S", "", "Yealink SIP-T46S 66.85.0.5")
	f.Add("Grandstream", "", "", "Grandstream Model HW GXP2200 V2.2A SW 1.0.1.33 DevId 000b82462d97")
	f.Add("", "Cisco-CP7821", "sip78xx.11-3-6MPP0001", "Cisco-CP-7821-3PCC/11.3.6")
	f.Add("", "Sangoma S305 V3.0.4.72", "", "")
	f.Add("", "Polycom-SSIP6000", "", "PolycomSoundStationIP-SSIP_6000-UA/4.0.4.2906")
	f.Fuzz(func(t *testing.T, vendor, model, version, ua string) {
		id := Identify(vendor, model, version, ua)
		if id.Version != "" && id.Version != clean(version) && !strings.Contains(ua, id.Version) {
			t.Fatalf("version %q came from nowhere (vendor %q model %q version %q ua %q)", id.Version, vendor, model, version, ua)
		}
		if clean(version) != "" && id.Version != clean(version) {
			t.Fatalf("the given version %q was replaced by %q", version, id.Version)
		}
		_ = JudgeDeviceLatest(id.Vendor, id.Model, id.Version, version)
	})
}

// Text after a small-business firmware number is a provider's or build's tag, not
// part of the number; a version read with it would compare wrongly, so the string
// is left unknown instead (Recog's sip_banners.xml examples).
func TestCiscoSmallBusinessTrailingTagsNotRead(t *testing.T) {
	t.Parallel()
	for _, ua := range []string{
		"Cisco/SPA122-1.3.5(004p)_BestGo",
		"Cisco/SPA112-1.4.1SR1(002)d-hisec",
	} {
		if id, ok := ParseUserAgent(ua); ok {
			t.Errorf("ParseUserAgent(%q) = %+v, want not recognised", ua, id)
		}
	}
}

// A distribution's package suffix is part of what the server announces, and it
// may carry back-ported fixes, so the version keeps it rather than passing as
// the upstream release.
func TestAsteriskPackagedVersionKept(t *testing.T) {
	t.Parallel()
	id, ok := ParseUserAgent("Asterisk PBX 16.2.1~dfsg-1")
	if !ok || id.Version != "16.2.1~dfsg-1" {
		t.Errorf("ParseUserAgent(Debian Asterisk) = %+v, %v; want version 16.2.1~dfsg-1", id, ok)
	}
}

// A user agent in the Model cell carries a firmware number after the model; that
// number must not be taken as part of the model (Recog's sip_user_agents.xml).
func TestIdentifyModelCellWithVersionLeftUnknown(t *testing.T) {
	t.Parallel()
	for _, model := range []string{
		"Sangoma S305 V3.0.4.72",
		"Mitel-5320-SIP-Phone 06.05.00.11 010203040506",
		"Htek UC912G 001fc1200b41", // a MAC address after the model
	} {
		if id := Identify("", model, "", ""); id.Vendor != "" {
			t.Errorf("Identify(model %q) = %+v, want no maker", model, id)
		}
	}
}

// Polycom's own short names (DHCP vendor class "Polycom-SSIP6000") must reach the
// same model the user agent gives, or the two would match different rows.
func TestIdentifyPolyShortNames(t *testing.T) {
	t.Parallel()
	tests := []struct{ vendor, model, want string }{
		{"", "Polycom-SSIP6000", "SoundStation IP 6000"},
		{"Polycom", "SPIP550", "SoundPoint IP 550"},
		{"Poly", "SPIP_335", "SoundPoint IP 335"},
		{"Poly", "VVX 410", "VVX 410"},
	}
	for _, tt := range tests {
		if got := Identify(tt.vendor, tt.model, "", ""); got.Vendor != "Poly" || got.Model != tt.want {
			t.Errorf("Identify(%q, %q) = %s / %q, want Poly / %q", tt.vendor, tt.model, got.Vendor, got.Model, tt.want)
		}
	}
}
