package firmware

import (
	"strings"
	"testing"
)

func TestJudgeDevice(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                   string
		vendor, model, version string
		status                 Status
		family, minSafe        string
		reasonHas              string
	}{
		{"Grandstream below the fix", "Grandstream", "GXP1625", "1.0.7.64", StatusOutdated, "grandstream-gxp16xx", "1.0.7.81",
			"Firmware 1.0.7.64 is below 1.0.7.81, which fixes CVE-2026-2329"},
		{"Grandstream at the fix", "Grandstream Networks", "GXP1630", "1.0.7.81", StatusCurrent, "grandstream-gxp16xx", "1.0.7.81", "not affected"},
		{"Grandstream GXP14xx with no fix", "Grandstream", "GXP1450", "1.0.8.9", StatusOutdated, "grandstream-gxp14xx", "", "no fixed release was known"},
		{"Grandstream GXP14xx after the affected range", "Grandstream", "GXP1450", "1.0.8.10", StatusCurrent, "grandstream-gxp14xx", "", "not affected"},
		{"Cisco MPP below 11.3.7SR1", "Cisco", "CP-8841-3PCC", "11.3.7", StatusOutdated, "cisco-mpp-web-rce", "11.3.7SR1", "CVE-2023-20078"},
		{"Cisco MPP fixed for one flaw, not the other", "Cisco Systems", "8841-3PCC", "11.3.7SR2", StatusOutdated, "cisco-mpp-web-dos", "", "newer than 12.0.4"},
		{"Cisco MPP maintenance release", "Cisco", "7841", "11.3.1 MSR2-6", StatusOutdated, "cisco-mpp-web-rce", "11.3.7SR1", "below 11.3.7SR1"},
		{"Cisco MPP past both", "Cisco", "6851-3PCC", "12.0.5", StatusCurrent, "cisco-mpp-web-rce", "", "CVE-2024-20376"},
		{"Cisco SPA500 is end of life whatever it runs", "Cisco", "SPA504G", "7.6.2SR7", StatusEndOfLife, "cisco-spa300-500", "", "replace it"},
		{"Cisco SPA300 without a version", "Linksys", "SPA303", "", StatusEndOfLife, "cisco-spa300-500", "", "no longer gets security fixes"},
		{"Cisco SPA112 adapter", "Cisco", "SPA112", "1.4.1(SR5)", StatusEndOfLife, "cisco-spa112", "", "CVE-2023-20126"},
		{"Yealink T38G", "Yealink", "SIP-T38G", "38.70.0.125", StatusEndOfLife, "yealink-t38g", "", "replace it"},
		{"Yealink newest known build", "Yealink Network Technology Co., Ltd.", "SIP-T46S", "66.86.0.15", StatusCurrent, "yealink-t4xs", "", "newest build we know of is 66.86.0.15"},
		{"Yealink older build says a newer one exists", "yealink", "t46s", "66.85.0.5", StatusCurrent, "yealink-t4xs", "", "behind the newest build we know of, 66.86.0.15"},
		{"Yealink firmware from another family", "Yealink", "T46S", "108.86.0.45", StatusUnknown, "yealink-t4xs", "", "does not follow the numbering"},
		{"Yealink vendor name repeated in the model", "Yealink", "Yealink T54W", "96.86.0.45", StatusCurrent, "yealink-t5x", "", "No known security advisory"},
		{"Snom 8.x below the OpenVPN update", "snom technology GmbH", "snom370", "8.7.3.25", StatusOutdated, "snom-8x", "8.7.5.15", "admin rights"},
		{"Snom 7xx on version 10", "Snom", "760", "10.1.54.13", StatusCurrent, "snom-8x", "", "already includes the fixes"},
		{"Polycom spelling finds Poly rows", "Polycom", "Trio 8800", "5.9.2.7727", StatusOutdated, "poly-trio-8500-8800", "7.2.8", "CVE-2026-0826"},
		{"Trio 8300 on its own line", "Poly", "RealPresence Trio 8300", "8.1.6", StatusOutdated, "poly-trio-8300", "8.1.7", "below 8.1.7"},
		{"Trio 8800 fixed", "Poly", "Trio_8800", "7.2.8", StatusCurrent, "poly-trio-8500-8800", "7.2.8", "not affected"},
		{"Poly CCX below 8.0.2.2367", "HP Poly", "CCX 500", "7.2.7.0193", StatusOutdated, "poly-ccx", "8.0.2.2367", "SYSS-2024-004"},
		{"Unify between listed lines must reach the next fix", "Unify", "CP600", "1.10.4.3", StatusOutdated, "unify-cp", "1.11.3.0", "below 1.11.3.0"},
		{"Unify on a listed line, fixed", "Atos", "OpenScape Desk Phone CP400", "1.8.2.0", StatusCurrent, "unify-cp", "1.8.2.0", "not affected"},
		{"Unify on a listed line, not fixed", "Unify", "CP700", "2.0.13.9", StatusOutdated, "unify-cp", "2.0.14.0", ""},
		{"unreadable version is never current", "Grandstream", "GXP1625", "latest", StatusUnknown, "grandstream-gxp16xx", "", "could not be read"},
		{"missing version", "Grandstream", "GXP1625", "", StatusUnknown, "grandstream-gxp16xx", "", "was not reported"},
		{"v prefix is tolerated", "Grandstream", "GXP1625", "V1.0.7.64", StatusOutdated, "grandstream-gxp16xx", "1.0.7.81", ""},
		{"no row for the model", "Fanvil", "X5U-Pro", "2.12.22.2", StatusUnknown, "", "", "no firmware data for the Fanvil X5U-Pro"},
		{"no row for the vendor", "Acme Phones", "Z1", "1.0", StatusUnknown, "", "", "no firmware data"},
		{"right model, wrong vendor", "Fanvil", "GXP1625", "1.0.7.64", StatusUnknown, "", "", "no firmware data"},
		{"nothing known at all", "", "", "", StatusUnknown, "", "", "this device"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := JudgeDevice(tt.vendor, tt.model, tt.version)
			check(t, v, tt.status, tt.family, tt.minSafe, tt.reasonHas)
		})
	}
}

func TestJudgePBX(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, product, version string
		status                 Status
		family, minSafe        string
		reasonHas              string
	}{
		{"18 below its branch fix", "Asterisk", "18.20.0", StatusOutdated, "asterisk-cve-2024-42365", "18.24.2", "CVE-2024-42365"},
		{"18 got no fix after 2025: the next line up", "Asterisk", "18.26.4", StatusOutdated, "asterisk-2026-06-security-release", "20.20.1", ""},
		{"20 judged against its own branch, not 18's", "Asterisk", "20.9.1", StatusOutdated, "asterisk-cve-2024-42365", "20.9.2", "below 20.9.2"},
		{"20 fixed", "Asterisk", "20.20.1", StatusCurrent, "asterisk-cve-2024-42365", "20.9.2", "CVE-2023-49294"},
		{"19 was never fixed: next fix up", "Asterisk", "19.8.0", StatusOutdated, "asterisk-cve-2024-42365", "20.9.2", ""},
		{"older than every fixed line", "Asterisk", "16.30.0", StatusOutdated, "asterisk-cve-2024-42365", "18.24.2", ""},
		{"newer than every affected line", "Asterisk", "22.10.1", StatusCurrent, "asterisk-cve-2024-42365", "", ""},
		{"22.10.0 misses the June 2026 security release", "Asterisk", "22.10.0", StatusOutdated, "asterisk-2026-06-security-release", "22.10.1", "below 22.10.1"},
		{"20 before the MESSAGE spoofing fix", "Asterisk", "20.14.0", StatusOutdated, "asterisk-cve-2025-47779", "20.14.1", "CVE-2025-47779"},
		{"23 judged on its own line", "Asterisk", "23.4.0", StatusOutdated, "asterisk-2026-06-security-release", "23.4.1", ""},
		{"21 got no fix in 2026: next line up", "Asterisk", "21.12.2", StatusOutdated, "asterisk-2026-06-security-release", "22.10.1", ""},
		{"21.0.0 is below both fixes and shows the later one", "Asterisk", "21.0.0", StatusOutdated, "asterisk-cve-2024-42365", "21.4.2", ""},
		{"certified train is its own line", "Asterisk", "18.9-cert5", StatusOutdated, "asterisk-cve-2024-42365", "18.9-cert11", "18.9-cert11"},
		{"certified train past every listed fix is still not known to be safe", "Certified Asterisk", "18.9-cert14", StatusUnknown, "asterisk-2026-06-security-release", "", "not on a release line"},
		{"certified prefix from the user agent", "Asterisk", "certified/20.7-cert1", StatusOutdated, "asterisk-cve-2024-42365", "20.7-cert2", ""},
		{"Asterisk development build", "Asterisk", "GIT-master-abc", StatusUnknown, "asterisk-cve-2024-42365", "", "could not be read"},
		{"Yeastar N412 affected line", "Yeastar N412", "42.19.0.26", StatusOutdated, "yeastar-n412-n824", "", "CVE-2022-47732"},
		{"no data for 3CX servers", "3CX", "18.0.9.20", StatusUnknown, "", "", "no data for 3CX"},
		{"no data for FreePBX itself", "FreePBX", "16.0.40", StatusUnknown, "", "", "no data for FreePBX"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, JudgePBX(tt.product, tt.version), tt.status, tt.family, tt.minSafe, tt.reasonHas)
		})
	}
}

func TestJudgeComponent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, product, component, version string
		status                            Status
		family, minSafe                   string
		reasonHas                         string
	}{
		{"FreePBX endpoint on the KEV list", "FreePBX", "endpoint", "16.0.88", StatusExploited, "freepbx-endpoint", "16.0.89", "already exploiting"},
		{"FreePBX endpoint 15 line", "FreePBX", "Endpoint Manager", "15.0.65", StatusExploited, "freepbx-endpoint", "15.0.66", ""},
		{"FreePBX endpoint fixed", "FreePBX", "endpoint", "17.0.6", StatusCurrent, "freepbx-endpoint", "17.0.3", ""},
		{"FreePBX endpoint past the KEV fix but not the October 2025 one", "FreePBX", "endpoint", "17.0.3", StatusOutdated, "freepbx-endpoint-2025-10", "17.0.6", "CVE-2025-61675"},
		{"FreePBX filestore on the KEV list", "FreePBX", "filestore", "17.0.2.36", StatusExploited, "freepbx-filestore-cve-2025-64328", "17.0.3", "CVE-2025-64328"},
		{"FreePBX filestore before the flaw", "FreePBX", "filestore", "17.0.2.35", StatusCurrent, "freepbx-filestore-cve-2025-64328", "", "not affected"},
		{"FreePBX filestore on 16 never had it", "FreePBX", "filestore", "16.0.40", StatusCurrent, "freepbx-filestore-cve-2025-64328", "", "not affected"},
		{"FreePBX framework sign-in bypass", "FreePBX", "framework", "17.0.22", StatusOutdated, "freepbx-framework-cve-2025-66039", "17.0.23", "CVE-2025-66039"},
		{"FreePBX cdr between its two fixes", "FreePBX", "cdr", "16.0.49", StatusOutdated, "freepbx-cdr-cve-2026-44238", "16.0.50", "CVE-2026-44238"},
		{"FreePBX logfiles", "FreePBX", "logfiles", "17.0.4", StatusOutdated, "freepbx-logfiles-cve-2026-28284", "17.0.5", ""},
		{"FreePBX backup", "FreePBX", "backup", "16.0.70", StatusOutdated, "freepbx-backup-cve-2026-26978", "16.0.71", "CVE-2026-26978"},
		{"FreePBX api module", "FreePBX", "api", "17.0.7", StatusOutdated, "freepbx-api", "17.0.8", "CVE-2026-44237"},
		{"FreePBX api module fixed", "FreePBX", "api", "17.0.8", StatusCurrent, "freepbx-api", "17.0.8", ""},
		{"Yealink Device Management on KEV", "Yealink", "YDMP", "3.6.0.20", StatusExploited, "yealink-device-management", "", "CVE-2021-27561"},
		{"Yealink Device Management newer", "Yealink", "Device Management", "3.6.0.21", StatusCurrent, "yealink-device-management", "", ""},
		{"component of another product", "Asterisk", "endpoint", "16.0.88", StatusUnknown, "", "", "no data"},
		{"unknown module", "FreePBX", "voicemail", "16.0.1", StatusUnknown, "", "", "no data for FreePBX voicemail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, JudgeComponent(tt.product, tt.component, tt.version), tt.status, tt.family, tt.minSafe, tt.reasonHas)
		})
	}
}

func TestJudgeSoftphone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, app, version string
		status             Status
		reasonHas          string
	}{
		{"Windows build with malware", "3CX DesktopApp", "18.12.416", StatusCompromised, "contain malware"},
		{"Mac-only bad build", "3CXDesktopApp", "18.11.1213", StatusCompromised, ""},
		{"cleared build", "3CX DesktopApp", "18.12.425", StatusCurrent, "not one of the builds"},
		{"version missing", "3CX DesktopApp", "", StatusUnknown, "not reported"},
		{"other softphone", "Zoiper", "5.6.1", StatusUnknown, "no data for Zoiper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := JudgeSoftphone(tt.app, tt.version)
			family := "3cx-desktopapp"
			if tt.app == "Zoiper" {
				family = ""
			}
			check(t, v, tt.status, family, "", tt.reasonHas)
		})
	}
}

func check(t *testing.T, v Verdict, status Status, family, minSafe, reasonHas string) {
	t.Helper()
	if v.Status != status {
		t.Errorf("status = %q, want %q (reason: %s)", v.Status, status, v.Reason)
	}
	if v.Family != family {
		t.Errorf("family = %q, want %q", v.Family, family)
	}
	if v.MinSafe != minSafe {
		t.Errorf("min safe = %q, want %q", v.MinSafe, minSafe)
	}
	if !strings.Contains(strings.ToLower(v.Reason), strings.ToLower(reasonHas)) {
		t.Errorf("reason %q does not mention %q", v.Reason, reasonHas)
	}
	if v.Reason == "" || !strings.HasSuffix(v.Reason, ".") {
		t.Errorf("reason %q is not a finished sentence", v.Reason)
	}
	if family != "" && (v.Source == "" || v.Checked == "") {
		t.Errorf("a verdict from row %q must carry its source and date, got %q %q", family, v.Source, v.Checked)
	}
}

func TestCanonicalVendor(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"Polycom":                              "Poly",
		"HP Poly":                              "Poly",
		"Plantronics, Inc.":                    "Poly",
		"Cisco Systems":                        "Cisco",
		"cisco systems, inc.":                  "Cisco",
		"Linksys":                              "Cisco",
		"Yealink Network Technology Co., Ltd.": "Yealink",
		"YEALINK":                              "Yealink",
		"Grandstream Networks, Inc.":           "Grandstream",
		"snom technology GmbH":                 "Snom",
		"Digium":                               "Sangoma",
		"  Acme Phones ":                       "Acme Phones",
		"":                                     "",
	}
	for in, want := range tests {
		if got := canonicalVendor(in); got != want {
			t.Errorf("canonicalVendor(%q) = %q, want %q", in, got, want)
		}
	}
}

// A verdict's advisory list belongs to the caller: changing it must not change
// the next verdict.
func TestVerdictDoesNotShareTheTable(t *testing.T) {
	t.Parallel()
	v := JudgeDevice("Grandstream", "GXP1625", "1.0.7.64")
	v.Advisories[0] = "changed"
	if again := JudgeDevice("Grandstream", "GXP1625", "1.0.7.64"); again.Advisories[0] != "CVE-2026-2329" {
		t.Fatalf("table was changed through a verdict: %v", again.Advisories)
	}
}

func BenchmarkJudgeDevice(b *testing.B) {
	devices := [][3]string{
		{"Yealink", "SIP-T46S", "66.86.0.15"},
		{"Grandstream", "GXP1625", "1.0.7.64"},
		{"Cisco", "8841-3PCC", "11.3.7SR2"},
		{"Polycom", "VVX 450", "6.4.3.5018"},
		{"Fanvil", "X5U-Pro", "2.12.22.2"},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d := devices[i%len(devices)]
		_ = JudgeDevice(d[0], d[1], d[2])
	}
}

// Being behind the maker's newest build is a verdict of its own, apart from a
// known flaw and from end of life.
func TestDeviceClass(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                           string
		vendor, model, version, latest string
		class                          Class
		latestWant                     string
	}{
		{"an old T46S build with no advisory is outdated", "Yealink", "SIP-T46S", "66.84.0.125", "", ClassOutdated, "66.86.0.15"},
		{"the newest T46S build is current", "Yealink", "SIP-T46S", "66.86.0.15", "", ClassCurrent, "66.86.0.15"},
		{"the phone system's offered build wins over the table", "Yealink", "SIP-T46S", "66.86.0.15", "66.86.0.20", ClassOutdated, "66.86.0.20"},
		{"at the phone system's offered build", "Yealink", "SIP-T46S", "66.86.0.20", "66.86.0.20", ClassCurrent, "66.86.0.20"},
		{"offered build for a model with no row still tells", "Fanvil", "X4U", "2.12.1", "2.12.22", ClassOutdated, "2.12.22"},
		{"a known flaw outranks being behind", "Grandstream", "GXP1625", "1.0.7.64", "", ClassVulnerable, "1.0.7.81"},
		{"end of life is never merely outdated", "Cisco", "SPA504G", "7.6.2", "7.6.3", ClassEndOfLife, ""},
		{"no data and no offered build", "Fanvil", "X4U", "2.12.1", "", ClassUnknown, ""},
		{"an offered build from another firmware family falls back to the table", "Yealink", "SIP-T46S", "66.84.0.125", "108.86.0.90", ClassOutdated, "66.86.0.15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := JudgeDeviceLatest(tt.vendor, tt.model, tt.version, tt.latest)
			if v.Class() != tt.class || v.Latest != tt.latestWant {
				t.Errorf("class %q latest %q, want %q %q (%s)", v.Class(), v.Latest, tt.class, tt.latestWant, v.Reason)
			}
		})
	}
}

// Cisco's enterprise (CUCM) firmware and its multiplatform firmware are
// separate products: an advisory for one must never judge the other.
func TestCiscoFirmwareFamiliesKeptApart(t *testing.T) {
	t.Parallel()
	for _, d := range []struct {
		model, version string
		status         Status
	}{
		{"CP7821", "10.3.1", StatusOutdated}, {"8841", "12.6.1", StatusOutdated}, {"CP-8865NR", "14.2.1", StatusCurrent},
		{"CP-6841", "11.3.6", StatusUnknown},
	} {
		v := JudgeDevice("Cisco", d.model, d.version)
		if strings.HasPrefix(v.Family, "cisco-mpp") || v.Status != d.status {
			t.Errorf("enterprise %s %s judged %s by %q, want %s: %s", d.model, d.version, v.Status, v.Family, d.status, v.Reason)
		}
	}
	id, _ := ParseUserAgent("Cisco-CP7821/10.3.1")
	if v := JudgeDevice(id.Vendor, id.Model, id.Version); v.Family != "cisco-enterprise-web-auth" {
		t.Errorf("Cisco-CP7821/10.3.1 judged %s by %q: %s", v.Status, v.Family, v.Reason)
	}
	for _, d := range []struct{ model, version string }{
		{"CP-8841-3PCC", "11.3.6"}, {"8841", "11.3.1 MSR2-6"}, {"CP-7821", "sip78xx.11-3-6MPP0001-35"},
	} {
		if v := JudgeDevice("Cisco", d.model, d.version); !strings.HasPrefix(v.Family, "cisco-mpp") || v.Advisories[0] == "CVE-2023-20018" {
			t.Errorf("multiplatform %s %s not judged by the multiplatform rows: %s", d.model, d.version, v.Reason)
		}
	}
}

// CVE-2024-20378 came out beside CVE-2024-20376 and affects the same releases.
func TestCiscoMultiplatformAdvisoriesBothListed(t *testing.T) {
	t.Parallel()
	found := map[string]bool{}
	for _, a := range Advisories() {
		for _, id := range a.Advisories {
			if (id == "CVE-2024-20376" || id == "CVE-2024-20378") && a.AffectedMax == "12.0.4" {
				found[id] = true
			}
		}
	}
	if !found["CVE-2024-20376"] || !found["CVE-2024-20378"] {
		t.Errorf("multiplatform advisories up to 12.0.4: %v", found)
	}
	if v := JudgeDevice("Cisco", "CP-8841-3PCC", "12.0.4"); v.Status != StatusOutdated {
		t.Errorf("12.0.4 is affected by both: %s (%s)", v.Status, v.Reason)
	}
}
