package csvinv

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// twentyOnePhones is an inventory of 21 phones, ten of them end-of-life Cisco
// SPA504Gs listed after a row whose model cell opens a quote it never closes.
func twentyOnePhones() string {
	var b strings.Builder
	b.WriteString("Vendor,Model,Firmware,MAC,Extension,Owner\n")
	for i := range 10 {
		fmt.Fprintf(&b, "Yealink,SIP-T54W,96.86.0.100,80:5E:C0:00:00:%02X,%d,Person %d\n", i, 200+i, i)
	}
	b.WriteString("Yealink,\"SIP-T54W 12in,96.86.0.100,80:5E:C0:00:01:00,299,Stray Quote\n")
	for i := range 10 {
		fmt.Fprintf(&b, "Cisco,SPA504G,7.6.2,00:1D:7E:00:00:%02X,%d,Old %d\n", i, 300+i, i)
	}
	return b.String()
}

func TestAStrayQuoteCostsOneRowNotTheRest(t *testing.T) {
	t.Parallel()
	inv, problems := mustRead(t, twentyOnePhones())
	spa := 0
	for _, d := range inv.Devices {
		if d.Model == "SPA504G" {
			spa++
		}
	}
	if len(inv.Devices) != 20 || spa != 10 {
		t.Errorf("%d devices of which %d SPA504G, want 20 and 10 (problems %v)", len(inv.Devices), spa, problems)
	}
	if len(problems) != 1 || problems[0].Line != 12 || !strings.Contains(problems[0].Reason, "quote") {
		t.Errorf("problems %v, want line 12 named for its quote", problems)
	}
}

func TestSpreadsheetEncodingsAreRead(t *testing.T) {
	t.Parallel()
	text := "Make\tModel\tMAC\tExt\tUser\r\nYealink\tT46S\t80:5E:C0:00:00:01\t201\tRenée Zoë\r\n"
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(text)
	cp1252, err := charmap.Windows1252.NewEncoder().String(strings.ReplaceAll(text, "\t", ";"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"UTF-16 LE": utf16, "UTF-16 BE": utf16be, "Windows-1252": cp1252, "UTF-8 BOM": "\uFEFF" + text} {
		inv, problems, err := Read(strings.NewReader(data), "phones.csv")
		if err != nil || len(problems) != 0 || len(inv.Extensions) != 1 || inv.Extensions[0].Name != "Renée Zoë" {
			t.Errorf("%s: err %v, problems %v, extensions %+v", name, err, problems, inv.Extensions)
		}
	}
}

// TestALongLineIsSkippedInBoundedMemory feeds a 48 MB line with no quotes
// between two good rows.
func TestALongLineIsSkippedInBoundedMemory(t *testing.T) {
	// Not parallel: it measures the whole process's heap.
	head := "Model,MAC,Owner\nT46S,80:5E:C0:00:00:01,Reception\n"
	tail := "\nT46S,80:5E:C0:00:00:02,Kitchen\n"
	long := bytes.Repeat([]byte("x,"), 24<<20)
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	inv, problems, err := Read(io_multi(head, long, tail), "phones.csv")
	runtime.ReadMemStats(&m1)
	if err != nil || len(inv.Devices) != 2 || len(problems) != 1 || problems[0].Line != 3 {
		t.Fatalf("err %v, %d devices, problems %v", err, len(inv.Devices), problems)
	}
	if grown := m1.TotalAlloc - m0.TotalAlloc; grown > 16<<20 {
		t.Errorf("reading a 48 MB line allocated %d MB", grown>>20)
	}
}

func io_multi(head string, long []byte, tail string) *multi {
	return &multi{parts: [][]byte{[]byte(head), long, []byte(tail)}}
}

// multi reads its parts in turn without copying them.
type multi struct{ parts [][]byte }

func (m *multi) Read(p []byte) (int, error) {
	for len(m.parts) > 0 && len(m.parts[0]) == 0 {
		m.parts = m.parts[1:]
	}
	if len(m.parts) == 0 {
		return 0, io.EOF
	}
	n := copy(p, m.parts[0])
	m.parts[0] = m.parts[0][n:]
	return n, nil
}
