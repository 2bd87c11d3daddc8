package firmware

import (
	"bufio"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var hexEscape = regexp.MustCompile(`\\x[0-9a-fA-F]{2}`)

// corpusRow is one real user agent or model string with what the device is.
type corpusRow struct {
	line                               int
	source, ua, vendor, model, version string
}

func readCorpus(t *testing.T) []corpusRow {
	t.Helper()
	f, err := os.Open("testdata/useragents.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []corpusRow
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cells := strings.Split(text, "\t")
		if len(cells) != 5 {
			t.Fatalf("testdata/useragents.tsv line %d: %d cells, want 5", n, len(cells))
		}
		if cells[0] == "" {
			t.Fatalf("testdata/useragents.tsv line %d: no source", n)
		}
		// A byte the source printed as \xNN (a phone's stray zero byte) is put back.
		ua := hexEscape.ReplaceAllStringFunc(cells[1], func(esc string) string {
			b, _ := strconv.ParseUint(esc[2:], 16, 8)
			return string([]byte{byte(b)})
		})
		rows = append(rows, corpusRow{n, cells[0], ua, cells[2], cells[3], cells[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// identifyString reads a string the way Ringfence meets it: as a user agent, or
// else as a spreadsheet's Model cell with the maker written in front.
func identifyString(s string) (Identity, bool) {
	if id, ok := ParseUserAgent(s); ok {
		return id, true
	}
	id := Identify("", s, "", "")
	return id, id.Vendor != "" && id.Model != ""
}

// A wrong vendor, model or version is worse than none: it passes a phone that
// should fail, or blames the wrong advisory. Unknowns are allowed and counted.
func TestUserAgentCorpus(t *testing.T) {
	t.Parallel()
	rows := readCorpus(t)
	if len(rows) < 450 {
		t.Fatalf("corpus has %d rows; it should hold at least 450 real strings", len(rows))
	}
	right, misread, unknown := 0, 0, 0
	for _, r := range rows {
		id, ok := identifyString(r.ua)
		switch {
		case !ok:
			unknown++
			if r.vendor != "" {
				t.Logf("line %d: %s %s not identified from %q", r.line, r.vendor, r.model, r.ua)
			}
		case r.vendor == "":
			misread++
			t.Errorf("line %d: %q is not a device Ringfence knows, but was read as %+v", r.line, r.ua, id)
		case id.Vendor != r.vendor || !strings.EqualFold(nameKey(id.Model), nameKey(r.model)) || id.Version != r.version:
			misread++
			t.Errorf("line %d: %q read as %s / %s / %q, want %s / %s / %q (%s)",
				r.line, r.ua, id.Vendor, id.Model, id.Version, r.vendor, r.model, r.version, r.source)
		default:
			right++
		}
	}
	t.Logf("user-agent corpus: %d rows, %d read right, %d misread, %d unknown", len(rows), right, misread, unknown)
}
