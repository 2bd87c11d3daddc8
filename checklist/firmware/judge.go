package firmware

import (
	"fmt"
	"slices"
	"strings"
)

// Status is the verdict on one version of one product.
type Status string

const (
	// StatusCurrent: at or above the first safe release, or no known issue for
	// the family.
	StatusCurrent Status = "current"
	// StatusOutdated: a release known to be affected; update it.
	StatusOutdated Status = "outdated"
	// StatusEndOfLife: the vendor no longer fixes this model; replace it.
	StatusEndOfLife Status = "end_of_life"
	// StatusExploited: affected by a flaw on the CISA Known Exploited
	// Vulnerabilities list, so criminals are already using it.
	StatusExploited Status = "exploited"
	// StatusCompromised: a build known to carry malicious code.
	StatusCompromised Status = "compromised"
	// StatusUnknown: no data for this product, or a version that cannot be read.
	// Never to be counted as a pass.
	StatusUnknown Status = "unknown"
)

// rank orders verdicts when several rows match one product: the worst wins, and
// unknown outranks current because a version we cannot read is not a safe one.
func (s Status) rank() int {
	switch s {
	case StatusExploited:
		return 6
	case StatusCompromised:
		return 5
	case StatusEndOfLife:
		return 4
	case StatusOutdated:
		return 3
	case StatusUnknown:
		return 2
	case StatusCurrent:
		return 1
	}
	return 0
}

// Verdict is what a judge concluded, with enough to explain it in a report.
type Verdict struct {
	Status Status `json:"status"`
	// Family is the advisory row ID behind the verdict; empty when no row matched.
	Family string `json:"family,omitempty"`
	// MinSafe is the first safe release on this version's release line, when known.
	MinSafe    string   `json:"min_safe,omitempty"`
	Advisories []string `json:"advisories,omitempty"`
	// Reason is one plain sentence for the report.
	Reason string `json:"reason"`
	// Source is the public page the row was checked against.
	Source string `json:"source,omitempty"`
	// Checked is when the row was last checked (YYYY-MM-DD).
	Checked string `json:"checked,omitempty"`
	// Latest is the newest build known for this model: the one the phone system
	// offers for it when it says, else the newest in the advisory table.
	Latest string `json:"latest,omitempty"`
	// LatestFrom says where Latest came from: "phone system" or "advisory table".
	LatestFrom string `json:"latest_from,omitempty"`
	// LatestChecked is true when the version could be compared with Latest.
	LatestChecked bool `json:"latest_checked,omitempty"`
	// Behind is true when the version is older than Latest: the maker has a
	// newer build for this model, whether or not a known flaw is fixed in it.
	Behind bool `json:"behind,omitempty"`
}

// Class is the one-word verdict people and other tools act on.
type Class string

const (
	ClassCurrent    Class = "current"     // the newest build known, or no newer one known, and no known flaw
	ClassOutdated   Class = "outdated"    // a newer build exists, but no known flaw affects this one
	ClassVulnerable Class = "vulnerable"  // a known flaw affects this version (or it is a malicious build)
	ClassEndOfLife  Class = "end_of_life" // the maker no longer fixes this model
	ClassUnknown    Class = "unknown"     // not enough is known to say
)

// Class reduces a verdict to one word. A known flaw outranks being behind; being
// behind outranks not knowing, because a newer build is a fact either way.
func (v Verdict) Class() Class {
	switch v.Status {
	case StatusOutdated, StatusExploited, StatusCompromised:
		return ClassVulnerable
	case StatusEndOfLife:
		return ClassEndOfLife
	}
	switch {
	case v.Behind:
		return ClassOutdated
	case v.Status == StatusCurrent:
		return ClassCurrent
	}
	return ClassUnknown
}

// JudgeDevice judges the firmware of a desk phone, DECT base or handset, or
// analogue adapter, found by vendor and model.
func JudgeDevice(vendor, model, version string) Verdict {
	return JudgeDeviceLatest(vendor, model, version, "")
}

// JudgeDeviceLatest is JudgeDevice for a source that also says which build it
// offers for the device (3CX's "firmware available"); that build, when given,
// is the one the device is measured against to tell whether it is behind.
func JudgeDeviceLatest(vendor, model, version, latest string) Verdict {
	t := loadTable()
	maker := canonicalVendor(vendor)
	if maker == "Cisco" {
		// Enterprise and multiplatform firmware are patched separately: the
		// model carries the mark that keeps one's advisories off the other.
		model = ciscoModel(model, version)
	}
	full, short := modelKeys(vendor, model)
	rows := t.byVendor[maker]
	v, matched := judge(rows, func(r *row) bool {
		return r.model.MatchString(full) || r.model.MatchString(short)
	}, version, func() string {
		name := strings.TrimSpace(maker + " " + strings.TrimSpace(model))
		if name == "" {
			name = "this device"
		}
		if maker == "Cisco" && ciscoDeskPhone.MatchString(model) && !strings.HasSuffix(model, "-3PCC") {
			return fmt.Sprintf("The %s did not show that it runs Cisco's multiplatform firmware, and there is no data yet for Cisco's enterprise (CUCM) firmware, which is patched separately; its firmware cannot be checked.", name)
		}
		return fmt.Sprintf("There is no firmware data for the %s yet, so its firmware cannot be checked.", name)
	})
	return withLatest(v, matched, cleanVersion(version), cleanVersion(latest))
}

// withLatest records the newest build known for the device and whether the
// version is behind it. The phone system's own word wins over the table.
func withLatest(v Verdict, matched []*row, version, offered string) Verdict {
	if v.Status == StatusEndOfLife || version == "" {
		return v
	}
	scheme := SchemeDotted
	if len(matched) > 0 {
		scheme = matched[0].Scheme
	}
	if offered != "" {
		v.Latest, v.LatestFrom = offered, "phone system"
		// Under the model's own numbering only: a build from another firmware
		// family (Yealink 108.x offered for a 66.x phone) cannot be ordered.
		c, err := Compare(scheme, version, offered)
		switch {
		case err == nil:
			v.LatestChecked, v.Behind = true, c < 0
		case strings.EqualFold(version, offered):
			v.LatestChecked = true
		default:
			v.Latest, v.LatestFrom = "", ""
		}
	}
	if !v.LatestChecked {
		for _, r := range matched {
			if r.LatestKnown == "" {
				continue
			}
			c, err := Compare(r.Scheme, version, r.LatestKnown)
			if err != nil {
				continue
			}
			if newer, _ := Compare(r.Scheme, r.LatestKnown, v.Latest); v.Latest == "" || newer > 0 {
				v.Latest, v.LatestFrom = r.LatestKnown, "advisory table"
				v.LatestChecked, v.Behind = true, c < 0
			}
		}
	}
	if v.Behind && v.Latest != v.MinSafe {
		from := "the newest build we know of"
		if v.LatestFrom == "phone system" {
			from = "the build your phone system offers for it"
		}
		v.Reason += fmt.Sprintf(" It is behind %s, %s.", from, v.Latest)
	}
	return v
}

// JudgePBX judges the phone system software itself, e.g. ("Asterisk", "18.20.0").
func JudgePBX(product, version string) Verdict {
	key := nameKey(product)
	version = strings.TrimPrefix(strings.TrimSpace(version), "certified/")
	v, _ := judge(loadTable().byKind[KindPBX], func(r *row) bool {
		return r.model.MatchString(key)
	}, version, func() string {
		return fmt.Sprintf("There is no data for %s yet, so its version cannot be checked.", nameOr(product, "this phone system"))
	})
	return v
}

// JudgeComponent judges a separately versioned part of a PBX or a vendor's
// management server, e.g. ("FreePBX", "endpoint", "16.0.88").
func JudgeComponent(product, component, version string) Verdict {
	pkey, ckey := nameKey(product), nameKey(component)
	v, _ := judge(loadTable().byKind[KindComponent], func(r *row) bool {
		return r.product.MatchString(pkey) && r.model.MatchString(ckey)
	}, version, func() string {
		name := strings.TrimSpace(strings.TrimSpace(product) + " " + strings.TrimSpace(component))
		return fmt.Sprintf("There is no data for %s yet, so its version cannot be checked.", nameOr(name, "this component"))
	})
	return v
}

// JudgeSoftphone judges a softphone app, e.g. ("3CX DesktopApp", "18.12.416").
func JudgeSoftphone(app, version string) Verdict {
	key := nameKey(app)
	v, _ := judge(loadTable().byKind[KindSoftphone], func(r *row) bool {
		return r.model.MatchString(key)
	}, version, func() string {
		return fmt.Sprintf("There is no data for %s yet, so its version cannot be checked.", nameOr(app, "this app"))
	})
	return v
}

func nameOr(s, fallback string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return fallback
}

// judge runs every matching row and keeps the worst verdict. When several rows
// say the version is fine, their advisories are listed together.
func judge(rows []*row, match func(*row) bool, version string, noData func() string) (Verdict, []*row) {
	version = cleanVersion(version)
	var best Verdict
	var bestRow *row
	var matched []*row
	for _, r := range rows {
		if !match(r) {
			continue
		}
		matched = append(matched, r)
		v := evaluate(r, version)
		switch {
		case bestRow == nil || v.Status.rank() > best.Status.rank():
			best, bestRow = v, r
		case v.Status == StatusCurrent && best.Status == StatusCurrent && len(v.Advisories) > 0:
			for _, a := range v.Advisories {
				if !slices.Contains(best.Advisories, a) {
					best.Advisories = append(best.Advisories, a)
				}
			}
			best.Reason = notAffected(subject(bestRow), version, best.Advisories)
		}
	}
	if bestRow == nil {
		return Verdict{Status: StatusUnknown, Reason: noData()}, nil
	}
	return best, matched
}

// cleanVersion drops the "v" some vendors print in front of the number.
func cleanVersion(v string) string {
	v = strings.TrimSpace(v)
	if len(v) > 1 && (v[0] == 'v' || v[0] == 'V') && v[1] >= '0' && v[1] <= '9' {
		v = v[1:]
	}
	return v
}

func subject(r *row) string {
	if r.Kind == KindDevice {
		return "Firmware"
	}
	return r.Family
}

// evaluate judges one version against one row.
func evaluate(r *row, version string) Verdict {
	v := Verdict{
		Family:     r.ID,
		Advisories: slices.Clone(r.Advisories),
		Source:     r.Source,
		Checked:    r.DateChecked,
	}
	subj := subject(r)
	if r.EndOfLife {
		v.Status = StatusEndOfLife
		v.Reason = fmt.Sprintf("The %s no longer gets security fixes, and known flaws such as %s remain open (%s); replace it.",
			r.Family, firstOr(r.Advisories, "these"), r.Flaw)
		return v
	}
	if version == "" {
		v.Status = StatusUnknown
		v.Reason = fmt.Sprintf("The version of this %s was not reported, so it cannot be checked.", r.Family)
		return v
	}
	if len(r.BadVersions) > 0 {
		if slices.Contains(r.BadVersions, version) {
			v.Status = StatusCompromised
			v.Reason = fmt.Sprintf("%s %s is one of the builds known to contain malware (%s: %s); uninstall it and have the computer checked.",
				subj, version, firstOr(r.Advisories, "supply-chain attack"), r.Flaw)
			return v
		}
		v.Status = StatusCurrent
		v.Reason = fmt.Sprintf("%s %s is not one of the builds known to contain malware (%s).", subj, version, strings.Join(r.Advisories, ", "))
		return v
	}
	if _, err := parseVersion(r.Scheme, version); err != nil {
		v.Status = StatusUnknown
		v.Reason = fmt.Sprintf("%s version %q could not be read, so it cannot be checked.", subj, version)
		return v
	}

	if r.AffectedMin != "" {
		if c, err := Compare(r.Scheme, version, r.AffectedMin); err == nil && c < 0 {
			v.Status = StatusCurrent
			v.Reason = fmt.Sprintf("%s %s is older than %s, the first release with %s, so it is not affected.", subj, version, r.AffectedMin, firstOr(r.Advisories, "the flaw"))
			return v
		}
	}
	affected, comparable := false, true
	if len(r.FixedIn) > 0 {
		minSafe, onLine, ok := fixFor(r, version)
		switch {
		case !ok:
			comparable = false
		case minSafe != "":
			affected, v.MinSafe = true, minSafe
		case onLine != "":
			v.MinSafe = onLine
		}
	}
	if r.AffectedMax != "" {
		if c, err := Compare(r.Scheme, version, r.AffectedMax); err != nil {
			comparable = false
		} else if c <= 0 {
			affected = true
		}
	}
	for _, b := range r.AffectedBranches {
		if onBranch(version, b) {
			affected = true
		}
	}

	switch {
	case affected:
		v.Status = StatusOutdated
		if r.KEV {
			v.Status = StatusExploited
		}
		v.Reason = affectedReason(r, subj, version, v.MinSafe)
	case !comparable:
		v.Status = StatusUnknown
		v.Reason = fmt.Sprintf("%s %s is not on a release line that %s covers, so it cannot be checked against it.", subj, version, firstOr(r.Advisories, "the advisory for the "+r.Family))
	case len(r.Advisories) > 0 || r.Flaw != "":
		v.Status = StatusCurrent
		v.Reason = fmt.Sprintf("%s %s already includes the fixes for the known flaws in the %s.", subj, version, r.Family)
		if len(r.Advisories) > 0 {
			v.Reason = notAffected(subj, version, r.Advisories)
		}
	default:
		return latestKnown(r, v, subj, version)
	}
	return v
}

// fixFor finds the fix that applies to version. On a listed release line it is
// that line's fix; on a line the table does not list (Asterisk 19, say) it is the
// lowest fix above the version, since the vendor fixed only newer lines. It
// returns minSafe when the version is below its fix, onLine when the version is
// on a listed line and already safe, and ok=false when no fix can be compared
// with the version at all (another firmware family).
func fixFor(r *row, version string) (minSafe, onLine string, ok bool) {
	best := ""
	for line := range r.FixedIn {
		if onBranch(version, line) && len(line) > len(best) {
			if _, err := Compare(r.Scheme, version, r.FixedIn[line]); err == nil {
				best = line
			}
		}
	}
	if best != "" {
		fix := r.FixedIn[best]
		if c, _ := Compare(r.Scheme, version, fix); c < 0 {
			return fix, "", true
		}
		return "", fix, true
	}
	for _, fix := range r.FixedIn {
		c, err := Compare(r.Scheme, version, fix)
		if err != nil {
			continue
		}
		ok = true
		if c < 0 {
			if lower, _ := Compare(r.Scheme, fix, minSafe); minSafe == "" || lower < 0 {
				minSafe = fix
			}
		}
	}
	return minSafe, "", ok
}

// onBranch reports whether version is on the release line: "18" holds 18.20.0,
// "1.11" holds 1.11.2.0 but not 1.1.5, and "18.9-cert" holds 18.9-cert5.
func onBranch(version, line string) bool {
	if strings.HasSuffix(line, "-cert") {
		return strings.HasPrefix(strings.ToLower(version), line)
	}
	return version == line || strings.HasPrefix(version, line+".") || strings.HasPrefix(version, line+"-")
}

func affectedReason(r *row, subj, version, minSafe string) string {
	ref := flawRef(r)
	switch {
	case minSafe != "":
		return fmt.Sprintf("%s %s is below %s, which fixes %s.", subj, version, minSafe, ref)
	case r.FixedAfterMax:
		return fmt.Sprintf("%s %s is affected by %s; it is fixed only in releases newer than %s.", subj, version, ref, r.AffectedMax)
	case r.NoFixKnown:
		return fmt.Sprintf("%s %s is affected by %s, and no fixed release was known when this was checked.", subj, version, ref)
	}
	return fmt.Sprintf("%s %s is affected by %s; update it to the newest release from %s.", subj, version, ref, r.Vendor)
}

// flawRef names the advisory and says in plain words what it allows.
func flawRef(r *row) string {
	ref := firstOr(r.Advisories, "known flaws")
	if r.KEV {
		ref += ", a flaw criminals are already exploiting"
	}
	if r.Flaw != "" {
		ref += " (" + r.Flaw + ")"
	}
	return ref
}

func notAffected(subj, version string, advisories []string) string {
	return fmt.Sprintf("%s %s is not affected by the known advisories (%s).", subj, version, strings.Join(advisories, ", "))
}

// latestKnown handles a row with no advisory: the version is judged current, and
// the reason says whether a newer build is known to exist.
func latestKnown(r *row, v Verdict, subj, version string) Verdict {
	c, err := Compare(r.Scheme, version, r.LatestKnown)
	switch {
	case err != nil:
		v.Status = StatusUnknown
		v.Reason = fmt.Sprintf("%s %s does not follow the numbering used for the %s, so it cannot be checked.", subj, version, r.Family)
	case c < 0:
		// Being behind the newest build is said once, by withLatest.
		v.Status = StatusCurrent
		v.Reason = fmt.Sprintf("No known security advisory for the %s.", r.Family)
	default:
		v.Status = StatusCurrent
		v.Reason = fmt.Sprintf("No known security advisory for the %s; the newest build we know of is %s.", r.Family, r.LatestKnown)
	}
	return v
}

func firstOr(list []string, fallback string) string {
	if len(list) > 0 {
		return list[0]
	}
	return fallback
}
