package firmware

import (
	_ "embed"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

// Kind says what an advisory row is about, and so which judge reads it.
type Kind string

const (
	KindDevice    Kind = "device"    // desk phones, DECT bases and handsets, analogue adapters
	KindPBX       Kind = "pbx"       // the phone system itself
	KindComponent Kind = "component" // a separately versioned part of a PBX, or a management server
	KindSoftphone Kind = "softphone"
)

// Advisory is one row of the advisory table, exported so that reports can show
// where a verdict came from.
type Advisory struct {
	ID     string `yaml:"id"`
	Kind   Kind   `yaml:"kind"`
	Vendor string `yaml:"vendor"`
	// Family is the name people know the products by, e.g. "Grandstream GXP1600 series".
	Family string `yaml:"family"`
	// Product is the parent product a component row belongs to (a pattern).
	Product string `yaml:"product,omitempty"`
	// Models are regular expressions matched against the whole model, product or
	// component name, ignoring case, spaces, hyphens and underscores.
	Models []string `yaml:"models"`
	Scheme Scheme   `yaml:"scheme,omitempty"`
	// FixedIn maps a release line ("18", "1.11", "18.9-cert") to its first safe release.
	FixedIn map[string]string `yaml:"fixed_in,omitempty"`
	// AffectedMin is the oldest release known to be affected (inclusive); older
	// releases never had the flaw. Empty means every older release has it.
	AffectedMin string `yaml:"affected_min,omitempty"`
	// AffectedMax is the newest release known to be affected (inclusive).
	AffectedMax string `yaml:"affected_max,omitempty"`
	// FixedAfterMax is true when a release after AffectedMax fixes the flaw but the
	// first fixed release is not confirmed.
	FixedAfterMax bool `yaml:"fixed_after_max,omitempty"`
	// NoFixKnown is true when the source says no fixed release had been published.
	NoFixKnown bool `yaml:"no_fix_known,omitempty"`
	// AffectedBranches are whole release lines affected with no fix known.
	AffectedBranches []string `yaml:"affected_branches,omitempty"`
	// BadVersions are exact builds known to be malicious.
	BadVersions []string `yaml:"bad_versions,omitempty"`
	EndOfLife   bool     `yaml:"end_of_life,omitempty"`
	// KEV is true when the flaw is on the CISA Known Exploited Vulnerabilities list.
	KEV        bool     `yaml:"kev,omitempty"`
	Advisories []string `yaml:"advisories,omitempty"`
	// Flaw says in plain words what an attacker can do.
	Flaw string `yaml:"flaw,omitempty"`
	// LatestKnown is the newest build seen in a public source, not a promise that
	// nothing newer exists.
	LatestKnown string   `yaml:"latest_known,omitempty"`
	Source      string   `yaml:"source"`
	MoreSources []string `yaml:"more_sources,omitempty"`
	DateChecked string   `yaml:"date_checked"`
	Note        string   `yaml:"note,omitempty"`
}

//go:embed advisories.yaml
var advisoriesYAML []byte

// row is an Advisory with its patterns compiled once.
type row struct {
	Advisory
	model   *regexp.Regexp
	product *regexp.Regexp // components only
	vendor  string         // canonical vendor key
}

type table struct {
	// checkedUpTo is the newest date_checked in the table: the day the
	// advisories were last reviewed against their sources.
	checkedUpTo time.Time
	rows        []*row
	byVendor    map[string][]*row // device rows by canonical vendor
	byKind      map[Kind][]*row   // the other kinds: few rows, scanned in order
}

// loadTable is run once: the embedded table is fixed at build time, so a broken
// row is a bug that the package tests catch before release.
var loadTable = sync.OnceValue(func() *table {
	t, err := parseTable(advisoriesYAML)
	if err != nil {
		panic("firmware: embedded advisories.yaml: " + err.Error())
	}
	return t
})

func parseTable(data []byte) (*table, error) {
	var list []Advisory
	if err := yaml.Unmarshal(data, &list); err != nil {
		return nil, err
	}
	t := &table{byVendor: map[string][]*row{}, byKind: map[Kind][]*row{}}
	seen := map[string]bool{}
	for i, a := range list {
		if err := validate(a); err != nil {
			return nil, fmt.Errorf("row %d (%s): %w", i+1, a.ID, err)
		}
		if seen[a.ID] {
			return nil, fmt.Errorf("row %d: duplicate id %q", i+1, a.ID)
		}
		seen[a.ID] = true
		if d, _ := time.Parse(time.DateOnly, a.DateChecked); d.After(t.checkedUpTo) {
			t.checkedUpTo = d
		}
		r := &row{Advisory: a, vendor: canonicalVendor(a.Vendor)}
		var err error
		if r.model, err = compileNames(a.Models); err != nil {
			return nil, fmt.Errorf("row %s: %w", a.ID, err)
		}
		if a.Kind == KindComponent {
			if r.product, err = compileNames([]string{a.Product}); err != nil {
				return nil, fmt.Errorf("row %s: %w", a.ID, err)
			}
		}
		t.rows = append(t.rows, r)
		if a.Kind == KindDevice {
			t.byVendor[r.vendor] = append(t.byVendor[r.vendor], r)
		} else {
			t.byKind[a.Kind] = append(t.byKind[a.Kind], r)
		}
	}
	return t, nil
}

func compileNames(patterns []string) (*regexp.Regexp, error) {
	if len(patterns) == 0 || slices.Contains(patterns, "") {
		return nil, fmt.Errorf("empty name pattern")
	}
	return regexp.Compile(`(?i)^(?:` + strings.Join(patterns, "|") + `)$`)
}

func validate(a Advisory) error {
	switch {
	case a.ID == "":
		return fmt.Errorf("no id")
	case a.Vendor == "" || a.Family == "":
		return fmt.Errorf("vendor and family are required")
	case !strings.HasPrefix(a.Source, "https://") && !strings.HasPrefix(a.Source, "http://"):
		return fmt.Errorf("source %q is not a URL", a.Source)
	case a.Kind == KindComponent && a.Product == "":
		return fmt.Errorf("a component row needs its product")
	}
	switch a.Kind {
	case KindDevice, KindPBX, KindComponent, KindSoftphone:
	default:
		return fmt.Errorf("unknown kind %q", a.Kind)
	}
	if _, err := time.Parse(time.DateOnly, a.DateChecked); err != nil {
		return fmt.Errorf("date_checked %q is not YYYY-MM-DD", a.DateChecked)
	}
	versions := slices.Collect(maps.Values(a.FixedIn))
	versions = append(versions, a.AffectedMin, a.AffectedMax, a.LatestKnown)
	for _, v := range versions {
		if v == "" {
			continue
		}
		if _, err := parseVersion(a.Scheme, v); err != nil {
			return err
		}
	}
	affects := len(a.FixedIn) > 0 || a.AffectedMax != "" || len(a.AffectedBranches) > 0 || len(a.BadVersions) > 0 || a.EndOfLife
	if affects && len(a.Advisories) == 0 && a.Flaw == "" {
		return fmt.Errorf("a row that marks versions as unsafe must name its advisories or flaw")
	}
	if !affects && a.LatestKnown == "" {
		return fmt.Errorf("a row with no advisory must at least give latest_known")
	}
	return nil
}

// CheckedUpTo is the day the advisory table was last checked against its
// sources (the newest date_checked of its rows), at midnight UTC. A build
// judges firmware only as well as this date allows: advisories published later
// are not in it.
func CheckedUpTo() time.Time { return loadTable().checkedUpTo }

// Advisories returns a copy of the whole table, in file order.
func Advisories() []Advisory {
	t := loadTable()
	out := make([]Advisory, len(t.rows))
	for i, r := range t.rows {
		a := r.Advisory
		a.Models = slices.Clone(a.Models)
		a.FixedIn = maps.Clone(a.FixedIn)
		a.AffectedBranches = slices.Clone(a.AffectedBranches)
		a.BadVersions = slices.Clone(a.BadVersions)
		a.Advisories = slices.Clone(a.Advisories)
		a.MoreSources = slices.Clone(a.MoreSources)
		out[i] = a
	}
	return out
}
