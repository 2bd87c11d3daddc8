package firmware

import (
	"strings"
	"testing"
)

// Every row in the shipped table must be usable: it loads, says where it came
// from and when it was checked, and each of its versions reads under its scheme.
func TestShippedTable(t *testing.T) {
	t.Parallel()
	list := Advisories()
	if len(list) == 0 {
		t.Fatal("no advisories shipped")
	}
	for _, a := range list {
		if !strings.HasPrefix(a.Source, "http") {
			t.Errorf("%s: source %q", a.ID, a.Source)
		}
		if a.DateChecked == "" {
			t.Errorf("%s: no date_checked", a.ID)
		}
		if (len(a.FixedIn) > 0 || a.AffectedMax != "") && a.Flaw == "" {
			t.Errorf("%s: a row that makes a version unsafe must say what the flaw lets an attacker do", a.ID)
		}
	}
}

func TestTableKeepsEndOfLifeModels(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"cisco-spa300-500", "cisco-spa112", "yealink-t38g"} {
		found := false
		for _, a := range Advisories() {
			if a.ID == id {
				found = true
				if !a.EndOfLife {
					t.Errorf("%s is not marked end of life", id)
				}
			}
		}
		if !found {
			t.Errorf("%s missing from the table", id)
		}
	}
}

func TestAdvisoriesReturnsACopy(t *testing.T) {
	t.Parallel()
	list := Advisories()
	for i := range list {
		if list[i].ID == "grandstream-gxp16xx" {
			list[i].FixedIn["1.0"] = "0.0.0.1"
			list[i].Models[0] = "NOTHING"
		}
	}
	if v := JudgeDevice("Grandstream", "GXP1625", "1.0.7.64"); v.Status != StatusOutdated || v.MinSafe != "1.0.7.81" {
		t.Fatalf("changing Advisories() output changed the judge: %+v", v)
	}
}

func TestParseTableRejects(t *testing.T) {
	t.Parallel()
	const good = `
- id: a
  kind: device
  vendor: Acme
  family: Acme phones
  models: ['A1']
  scheme: dotted
  fixed_in: {"1": "1.2"}
  advisories: [CVE-0000-0001]
  flaw: it breaks
  source: https://example.org/a
  date_checked: "2026-11-22"
`
	if _, err := parseTable([]byte(good)); err != nil {
		t.Fatalf("good row rejected: %v", err)
	}
	tests := map[string]string{
		"duplicate id":          good + strings.Replace(good, "\n", "\n", 1),
		"bad version":           strings.Replace(good, `"1.2"`, `"1.2b"`, 1),
		"no scheme":             strings.Replace(good, "  scheme: dotted\n", "", 1),
		"no source":             strings.Replace(good, "https://example.org/a", "somewhere", 1),
		"bad date":              strings.Replace(good, "2026-11-22", "22/11/2026", 1),
		"bad pattern":           strings.Replace(good, "'A1'", "'A1('", 1),
		"unknown kind":          strings.Replace(good, "kind: device", "kind: toaster", 1),
		"unsafe without reason": strings.Replace(strings.Replace(good, "  advisories: [CVE-0000-0001]\n", "", 1), "  flaw: it breaks\n", "", 1),
		"not yaml":              "- id: [",
	}
	for name, doc := range tests {
		if _, err := parseTable([]byte(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
