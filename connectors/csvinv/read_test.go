package csvinv

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// A small accountancy practice's phone list as its IT provider keeps it, with
// the problems such lists really have: an old Grandstream known only by its
// user agent, an end-of-life Yealink, a phone nobody owns, one unplugged since
// the spring, and rows with typos.
const practiceSheet = `Make,Model,FW,MAC Address,IP,Ext,User,E-mail,User Agent,Type,Last seen
Yealink,SIP-T54W,96.86.0.100,80:5e:c0:11:22:01,192.168.1.21,201,Priya Shah,priya@example.co.uk,,desk phone,2025-06-01
Yealink,SIP-T38G,38.70.0.185,00-15-65-11-22-02,192.168.1.22,202,Tom Reed,tom@example.co.uk,,,2025-06-01
,,,000B82AABB03,192.168.1.23,203,Jo Blake,,Grandstream GXP1625 1.0.4.140,,31/05/2025
Yealink,SIP-T46S,66.86.0.15,80:5E:C0:11:22:04,192.168.1.24,,,,,desk phone,2025-06-01
Yealink,SIP-T46S,66.86.0.15,80:5E:C0:11:22:05,192.168.1.25,205,Sam Old,,,desk phone,2024-11-02
Cisco,SPA112,1.4.1,00:1D:7E:11:22:06,192.168.1.30,290,Fax line,,,fax,2025-06-01
,,,zz:11:22:33:44:55,192.168.1.40,206,Ann Lee,,,,
Yealink,SIP-T46S,66.86.0.15,80:5E:C0:11:22:07,192.168.1.300,207,Bo Chen,bo-at-example,,,
Yealink,SIP-T46S,66.86.0.15,80:5e:c0:11:22:01,192.168.1.41,208,Copy Paste,,,,
,,,,,209,Dee Park,dee@example.co.uk,,,
,,,,,,,,,,

Yealink,SIP-T46S,66.86.0.15,80:5E:C0:11:22:09,192.168.1.42,210,Eve Moss,,,toaster,last Tuesday
`

var testNow = time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)

func mustRead(t *testing.T, data string) (inventory.Inventory, []RowError) {
	t.Helper()
	inv, problems, err := Read(strings.NewReader(data), "phones.csv")
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return inv, problems
}

func TestReadPracticeSheet(t *testing.T) {
	t.Parallel()
	inv, problems := mustRead(t, practiceSheet)

	wantProblems := []string{
		"line 8: MAC 'zz:11:22:33:44:55' is not a MAC address",
		"line 9: IP '192.168.1.300' is not an IP address; e-mail 'bo-at-example' is not an e-mail address",
		"line 10: MAC 80:5E:C0:11:22:01 is already listed on line 2",
		"line 14: type 'toaster' is not a device type Ringfence knows (desk phone, DECT, softphone, ATA, gateway or PBX); last seen 'last Tuesday' is not a date; write it as 2024-03-31 or 31/03/2024",
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Error())
	}
	if !slices.Equal(got, wantProblems) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
	}

	if n := len(inv.Devices); n != 6 {
		t.Fatalf("%d devices, want 6: %+v", n, inv.Devices)
	}
	gs := inv.Devices[2]
	if gs.Vendor != "Grandstream" || gs.Model != "GXP1625" || gs.Firmware != "1.0.4.140" || gs.MAC != "00:0B:82:AA:BB:03" || gs.Owner != "203" {
		t.Errorf("user agent not used to fill the blanks: %+v", gs)
	}
	if want := time.Date(2025, 5, 31, 0, 0, 0, 0, time.UTC); !gs.LastSeen.Equal(want) {
		t.Errorf("UK date read as %v, want %v", gs.LastSeen, want)
	}
	if d := inv.Devices[1]; d.MAC != "00:15:65:11:22:02" || d.Kind != inventory.DeviceDeskPhone {
		t.Errorf("dashed MAC or default kind: %+v", d)
	}
	if d := inv.Devices[5]; d.Kind != inventory.DeviceATA {
		t.Errorf("fax adapter kind %q", d.Kind)
	}

	var numbers []string
	for _, e := range inv.Extensions {
		numbers = append(numbers, e.Number)
	}
	if want := []string{"201", "202", "203", "205", "290", "209"}; !slices.Equal(numbers, want) {
		t.Errorf("extensions %v, want %v", numbers, want)
	}
	if e := inv.Extensions[0]; e.Name != "Priya Shah" || e.Email != "priya@example.co.uk" || !e.Enabled || e.Type != inventory.ExtUser {
		t.Errorf("extension 201: %+v", e)
	}
	if e := inv.Extensions[4]; e.Type != inventory.ExtService {
		t.Errorf("the fax line should be a service extension: %+v", e)
	}
	if !inv.Has(inventory.FacetDevices) || !inv.Has(inventory.FacetExtensions) || inv.Has(inventory.FacetVoicemail) {
		t.Errorf("facets %v", inv.Source.Collected)
	}
	if inv.Source.Connector != "csv" || !strings.Contains(inv.Source.Detail, "phones.csv") {
		t.Errorf("source %+v", inv.Source)
	}
}

func TestPracticeSheetFailsTheRightChecks(t *testing.T) {
	t.Parallel()
	inv, _ := mustRead(t, practiceSheet)
	results := checklist.Evaluate(checklist.Builtin(), &inv, nil, nil, testNow)
	status := map[string]checklist.Result{}
	for _, r := range results {
		status[r.CheckID] = r
	}
	for id, wantAffected := range map[string][]string{
		"EP-01": {"80:5E:C0:11:22:04"},                      // the phone nobody owns
		"EP-03": {"00:15:65:11:22:02", "00:1D:7E:11:22:06"}, // T38G and SPA112 are end of life
		"FW-01": {"00:0B:82:AA:BB:03"},                      // the old Grandstream
		"EP-07": {"205", "80:5E:C0:11:22:05"},               // unused since November
	} {
		r := status[id]
		if r.Status != checklist.StatusFail {
			t.Errorf("%s is %s (%s), want fail", id, r.Status, r.Evidence)
			continue
		}
		var ids []string
		for _, it := range r.Affected {
			ids = append(ids, it.ID)
		}
		if !slices.Equal(ids, wantAffected) {
			t.Errorf("%s affects %v, want %v", id, ids, wantAffected)
		}
	}
	if r := status["PIN-01"]; r.Status != checklist.StatusUnknown {
		t.Errorf("a spreadsheet says nothing of PINs, yet PIN-01 is %s", r.Status)
	}
}

func TestDelimitersAndBOM(t *testing.T) {
	t.Parallel()
	rows := [][]string{
		{"Manufacturer", "Model", "Software version", "MAC", "Extension number", "Name"},
		{"Snom", "D785", "10.1.54.13", "00:04:13:AA:BB:01", "301", "Ola Nordmann"},
		{"Poly", "VVX 450", "6.4.3.5018", "64:16:7F:AA:BB:02", "302", "Kari, Nordmann"},
	}
	for name, sep := range map[string]string{"comma": ",", "semicolon": ";", "tab": "\t"} {
		for _, bom := range []bool{false, true} {
			var b strings.Builder
			if bom {
				b.WriteString("\uFEFF")
			}
			for _, r := range rows {
				cells := slices.Clone(r)
				for i, c := range cells {
					if strings.Contains(c, sep) {
						cells[i] = `"` + c + `"`
					}
				}
				b.WriteString(strings.Join(cells, sep) + "\r\n")
			}
			inv, problems := mustRead(t, b.String())
			if len(problems) > 0 || len(inv.Devices) != 2 {
				t.Errorf("%s (BOM %v): %d devices, problems %v", name, bom, len(inv.Devices), problems)
				continue
			}
			if d := inv.Devices[0]; d.Vendor != "Snom" || d.Firmware != "10.1.54.13" || d.Owner != "301" {
				t.Errorf("%s (BOM %v): first device %+v", name, bom, d)
			}
			if e := inv.Extensions[1]; e.Name != "Kari, Nordmann" {
				t.Errorf("%s (BOM %v): quoted name read as %q", name, bom, e.Name)
			}
		}
	}
}

func TestTitleRowAboveTheHeader(t *testing.T) {
	t.Parallel()
	inv, problems := mustRead(t, "Phone inventory - March\n\nModel,MAC,Owner\nT46S,80:5E:C0:00:00:01,Reception\n")
	if len(problems) != 0 || len(inv.Devices) != 1 || inv.Devices[0].Owner != "Reception" {
		t.Fatalf("devices %+v, problems %v", inv.Devices, problems)
	}
	if inv.Has(inventory.FacetExtensions) {
		t.Error("a sheet without an extension column cannot vouch for extensions")
	}
}

func TestWholeFileRefusals(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"binary":    {[]byte("\x01\x00\x02\x03\x00\x00\x00\x05"), "phones.csv is not a CSV file: line 1 contains NUL bytes"},
		"xlsx":      {[]byte("PK\x03\x04rest"), "is an Excel workbook (.xlsx)"},
		"xls":       {[]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1}, "is an old Excel workbook (.xls)"},
		"empty":     {[]byte("\uFEFF \r\n"), "phones.csv is empty"},
		"no header": {[]byte("a,b,c\n1,2,3\n"), `no header row Ringfence recognises (the first row reads "a, b, c")`},
	} {
		_, _, err := Read(bytes.NewReader(tc.data), "phones.csv")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to say %q", name, err, tc.want)
		}
	}
}

func TestTooManyProblemsAreCounted(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("MAC,Extension,Owner\n")
	for i := 0; i < maxRowErrors+5; i++ {
		b.WriteString("nope,1,A\n")
	}
	_, problems := mustRead(t, b.String())
	if len(problems) != maxRowErrors+1 || !strings.Contains(problems[maxRowErrors].Reason, "5 more rows had problems") {
		t.Fatalf("%d problems, last %v", len(problems), problems[len(problems)-1])
	}
}

func TestSourceReadsTheFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "phones.csv")
	if err := os.WriteFile(path, []byte(practiceSheet), 0o600); err != nil {
		t.Fatal(err)
	}
	src := New(path)
	if err := src.Test(t.Context()); err != nil {
		t.Fatalf("Test: %v", err)
	}
	inv, err := src.Fetch(t.Context(), nil)
	if err != nil || len(inv.Devices) != 6 || len(inv.Import.Skips) != 4 {
		t.Fatalf("Fetch: %v, %d devices, %d problems", err, len(inv.Devices), len(inv.Import.Skips))
	}

	for name, p := range map[string]string{
		"missing": filepath.Join(dir, "nope.csv"),
		"folder":  dir,
		"none":    "",
	} {
		if _, err := New(p).Fetch(t.Context(), nil); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("MAC,Owner\nnope,A\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := New(bad).Test(t.Context()); err == nil || !strings.Contains(err.Error(), "line 2: MAC 'nope'") {
		t.Errorf("Test on a file of bad rows: %v", err)
	}
}

func TestRegisteredKind(t *testing.T) {
	t.Parallel()
	k, ok := lookupKind()
	if !ok {
		t.Fatal("csv is not registered")
	}
	if _, err := k.New(checklist.Site{Name: "Acme"}, ""); err == nil {
		t.Error("a site with no file was accepted")
	}
	src, err := k.New(checklist.Site{Name: "Acme", Connector: checklist.ConnectorSettings{Kind: "csv", File: "/tmp/x.csv"}}, "")
	if err != nil || src.Name() != "csv" {
		t.Fatalf("New: %v", err)
	}
}
