// Package xapifake is a fake 3CX v20 XAPI server for tests, built from the
// request and response shapes in 3CX's own XAPI description:
// github.com/3cx/xapi-tutorial, swagger.yaml (Pbx.User, Pbx.UserGroup,
// Pbx.Rights, Pbx.SipDevice, Pbx.PhoneRegistrar, Pbx.OutboundRule,
// Pbx.CountryCodes, Pbx.Trunk, the /connect/token flow in auth.ts) and the
// OData conventions it follows ($select, $expand, $top, $skip, $count,
// @odata.nextLink).
//
// Like a real 3CX it returns every property, secrets included, when a request
// does not $select, and 400 for a property it does not know; so a connector
// that forgets to select, or selects a secret, shows up in the leak tests.
// It fails the test on any request that only reads nothing: anything but GET
// and the token POST.
package xapifake

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// User is one 3CX user (an extension with a person behind it).
type User struct {
	ID                             int
	Number, FirstName, LastName    string
	Email                          string
	Enabled, Require2FA, Enable2FA bool
	VMEnabled, VMDisablePinAuth    bool
	VMPIN                          string
	AuthPassword                   string   // the SIP password: must never be fetched
	Roles                          []string // Rights.RoleName of each group membership
}

// Device is one entry of /SipDevices.
type Device struct {
	ID                                                     int
	Extension                                              string
	Vendor, Model, MAC, UserAgent, IP, Firmware, Available string
	PhoneWebPassword                                       string // the phone's admin password: must never be fetched
}

// Rule is one outbound rule. Blocked rules have no route.
type Rule struct {
	ID         int
	Name       string
	Prefix     string
	Blocked    bool
	GroupIDs   []int
	DNRangeLow string // non-empty when the rule applies to a range of extensions only
}

// Trunk is one SIP trunk.
type Trunk struct {
	ID                int
	Number            string
	SimultaneousCalls int
	Outbound          bool
	AuthPassword      string
}

// Call is one outbound call segment of CallHistoryView.
type Call struct {
	Start, End time.Time
	From, To   string
	Answered   bool
}

// PBX is the phone system the fake serves.
type PBX struct {
	ClientID, Secret string
	Version          string
	Users            []User
	Devices          []Device
	Rules            []Rule
	Trunks           []Trunk
	CountryCodes     []string
	Calls            []Call
	LicenseKey       string
	// PageLimit is the most entities returned at once; a client asking for
	// more is given @odata.nextLink, as OData servers do. Zero means 100.
	PageLimit int
	// TokenUses is how many data requests one token answers before it
	// expires with 401; zero means it never does. It stands in for expires_in
	// without making the test depend on the clock.
	TokenUses int
	// Missing names resources (such as "SystemStatus" or "Trunks") that
	// answer 404, as they do on some versions and licences.
	Missing map[string]bool

	mu     sync.Mutex
	tokens map[string]int // token -> uses left (-1: unlimited)
	built  map[string][]record
	// Counts of what was asked, for tests.
	TokensIssued int
	Requests     map[string]int
}

// Handler serves the PBX. Requests that are not GET or the token POST fail t.
func (p *PBX) Handler(t testing.TB) http.Handler {
	p.tokens = map[string]int{}
	p.Requests = map[string]int{}
	mux := http.NewServeMux()
	mux.HandleFunc("/connect/token", p.token(t))
	mux.HandleFunc("/xapi/v1/", p.xapi(t))
	return mux
}

func (p *PBX) token(t testing.TB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			t.Errorf("xapifake: %s to the token endpoint", r.Method)
			http.Error(w, "", http.StatusMethodNotAllowed)
			return
		}
		if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "unsupported_grant_type"})
			return
		}
		if r.PostForm.Get("client_id") != p.ClientID || r.PostForm.Get("client_secret") != p.Secret {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_client"})
			return
		}
		tok := rand.Text()
		p.mu.Lock()
		p.TokensIssued++
		uses := -1
		if p.TokenUses > 0 {
			uses = p.TokenUses
		}
		p.tokens[tok] = uses
		p.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{"token_type": "Bearer", "expires_in": 60, "access_token": tok, "refresh_token": nil})
	}
}

func (p *PBX) authorised(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	left, ok := p.tokens[tok]
	switch {
	case !ok || left == 0:
		return false
	case left > 0:
		p.tokens[tok] = left - 1
	}
	return true
}

func (p *PBX) xapi(t testing.TB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			t.Errorf("xapifake: %s %s reached the PBX", r.Method, r.URL.Path)
			http.Error(w, "", http.StatusMethodNotAllowed)
			return
		}
		if !p.authorised(r) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		name := strings.TrimPrefix(r.URL.Path, "/xapi/v1/")
		p.mu.Lock()
		p.Requests[name]++
		p.mu.Unlock()
		q := r.URL.Query()
		if p.Missing[name] {
			writeJSON(w, http.StatusNotFound, map[string]any{"error": map[string]string{"message": "No route"}})
			return
		}
		switch name {
		case "Users":
			withGroups := expands(q.Get("$expand"), "Groups")
			p.collection(t, w, r, q, p.cached(fmt.Sprint("users", withGroups), func() []record { return p.userRecords(withGroups) }))
		case "SipDevices":
			withDN := expands(q.Get("$expand"), "DN")
			p.collection(t, w, r, q, p.cached(fmt.Sprint("devices", withDN), func() []record { return p.deviceRecords(withDN) }))
		case "OutboundRules":
			p.collection(t, w, r, q, p.ruleRecords())
		case "Trunks":
			p.collection(t, w, r, q, p.trunkRecords())
		case "CountryCodes":
			p.single(t, w, q, record{"CountryCodes": slices.Clone(p.CountryCodes)})
		case "CallHistoryView":
			p.collection(t, w, r, q, p.callRecords())
		case "SystemStatus":
			p.single(t, w, q, record{"Version": p.Version, "FQDN": "pbx.example.com", "LicenseKey": p.LicenseKey, "MaxSimCalls": 8})
		default:
			writeJSON(w, http.StatusNotFound, map[string]any{"error": map[string]string{"message": "No route"}})
		}
	}
}

type record = map[string]any

// cached builds a collection's records once, so that paging through a large
// PBX costs the fake little and a benchmark measures the connector.
func (p *PBX) cached(key string, build func() []record) []record {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.built == nil {
		p.built = map[string][]record{}
	}
	if recs, ok := p.built[key]; ok {
		return recs
	}
	recs := build()
	p.built[key] = recs
	return recs
}

func (p *PBX) userRecords(withGroups bool) []record {
	out := make([]record, 0, len(p.Users))
	for _, u := range p.Users {
		rec := record{
			"Id": u.ID, "Number": u.Number, "FirstName": u.FirstName, "LastName": u.LastName,
			"EmailAddress": u.Email, "Enabled": u.Enabled, "Require2FA": u.Require2FA, "Enable2FA": u.Enable2FA,
			"VMEnabled": u.VMEnabled, "VMDisablePinAuth": u.VMDisablePinAuth, "VMPIN": u.VMPIN,
			"AuthID": u.Number, "AuthPassword": u.AuthPassword, "IsRegistered": true,
		}
		if withGroups {
			groups := []record{}
			for i, role := range u.Roles {
				groups = append(groups, record{"GroupId": i + 1, "Name": "DEFAULT", "Rights": record{"RoleName": role}})
			}
			rec["Groups"] = groups
		}
		out = append(out, rec)
	}
	return out
}

func (p *PBX) deviceRecords(withDN bool) []record {
	out := make([]record, 0, len(p.Devices))
	for _, d := range p.Devices {
		rec := record{"Id": d.ID, "Registrar": record{
			"Vendor": d.Vendor, "Model": d.Model, "MAC": d.MAC, "UserAgent": d.UserAgent, "IpAddress": d.IP,
			"FirmwareVersion": d.Firmware, "FirmwareAvailable": d.Available, "PhoneWebPassword": d.PhoneWebPassword,
			"ProvLink": "https://pbx.example.com/provisioning/" + d.PhoneWebPassword,
		}}
		if withDN {
			rec["DN"] = record{"Id": d.ID, "Number": d.Extension, "Type": "Extension"}
		}
		out = append(out, rec)
	}
	return out
}

func (p *PBX) ruleRecords() []record {
	out := []record{}
	for _, r := range p.Rules {
		routes := []record{}
		if !r.Blocked {
			routes = append(routes, record{"TrunkId": 1, "TrunkName": "Carrier", "Prepend": "", "StripDigits": 0})
		}
		ranges := []record{}
		if r.DNRangeLow != "" {
			ranges = append(ranges, record{"From": r.DNRangeLow, "To": r.DNRangeLow})
		}
		out = append(out, record{"Id": r.ID, "Name": r.Name, "Prefix": r.Prefix, "Priority": r.ID,
			"GroupIds": nonNil(r.GroupIDs), "DNRanges": ranges, "Routes": routes})
	}
	return out
}

func (p *PBX) trunkRecords() []record {
	out := []record{}
	for _, tr := range p.Trunks {
		out = append(out, record{"Id": tr.ID, "Number": tr.Number, "SimultaneousCalls": tr.SimultaneousCalls,
			"EnableOutboundCalls": tr.Outbound, "AuthPassword": tr.AuthPassword})
	}
	return out
}

func (p *PBX) callRecords() []record {
	out := []record{}
	for i, c := range p.Calls {
		out = append(out, record{"SegmentId": i + 1, "SegmentStartTime": c.Start, "SegmentEndTime": c.End,
			"SrcDn": c.From, "SrcExternal": false, "DstDn": "10000", "DstCallerNumber": c.To, "DstExternal": true,
			"CallAnswered": c.Answered, "CallTime": "PT1M"})
	}
	return out
}

func nonNil(ids []int) []int {
	if ids == nil {
		return []int{}
	}
	return ids
}

// collection pages and projects a list the way an OData server does.
func (p *PBX) collection(t testing.TB, w http.ResponseWriter, r *http.Request, q url.Values, all []record) {
	limit := p.PageLimit
	if limit <= 0 {
		limit = 100
	}
	top, skip := limit, 0
	if v := q.Get("$top"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			writeError(w, "The query parameter '$top' is invalid.")
			return
		}
		top = n
	}
	if v := q.Get("$skip"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			writeError(w, "The query parameter '$skip' is invalid.")
			return
		}
		skip = n
	}
	page := min(top, limit)
	start := min(skip, len(all))
	end := min(start+page, len(all))
	items := make([]record, 0, end-start)
	for _, rec := range all[start:end] {
		projected, err := project(rec, q.Get("$select"))
		if err != nil {
			writeError(w, err.Error())
			return
		}
		refuseSecrets(t, r.URL.Path, projected)
		items = append(items, projected)
	}
	body := record{"@odata.context": "https://pbx.example.com/xapi/v1/$metadata", "value": items}
	if q.Get("$count") == "true" {
		body["@odata.count"] = len(all)
	}
	if page < top && end < len(all) {
		next := *r.URL
		next.Scheme, next.Host = "https", r.Host
		nq := next.Query()
		nq.Set("$skip", strconv.Itoa(end))
		nq.Set("$top", strconv.Itoa(top-page))
		next.RawQuery = nq.Encode()
		body["@odata.nextLink"] = next.String()
	}
	writeJSON(w, http.StatusOK, body)
}

func (p *PBX) single(t testing.TB, w http.ResponseWriter, q url.Values, rec record) {
	projected, err := project(rec, q.Get("$select"))
	if err != nil {
		writeError(w, err.Error())
		return
	}
	refuseSecrets(t, "single", projected)
	writeJSON(w, http.StatusOK, projected)
}

// secretProperties are the credentials 3CX hands out to a client that does
// not $select with care. VMPIN is not among them: the audit must judge it.
var secretProperties = []string{"AuthID", "AuthPassword", "AccessPassword", "DeskphonePassword", "SIPID",
	"PhoneWebPassword", "ProvLink", "InterfaceLink", "LicenseKey"}

// refuseSecrets fails the test when the fake is about to send a secret: a
// connector must never fetch one, even if it would then drop it.
func refuseSecrets(t testing.TB, where string, rec record) {
	for _, name := range secretProperties {
		if _, ok := rec[name]; ok {
			t.Errorf("xapifake: %s: the client's $select fetched the secret %s", where, name)
		}
		if reg, ok := rec["Registrar"].(record); ok {
			if _, ok := reg[name]; ok {
				t.Errorf("xapifake: %s: the client's $select fetched the secret Registrar/%s", where, name)
			}
		}
	}
}

// project keeps the selected properties. "Registrar/Vendor" selects one
// property of a complex value; navigation properties (expanded) are kept.
func project(rec record, sel string) (record, error) {
	if sel == "" {
		return rec, nil
	}
	out := record{}
	for _, name := range strings.Split(sel, ",") {
		name = strings.TrimSpace(name)
		head, tail, nested := strings.Cut(name, "/")
		v, ok := rec[head]
		if !ok {
			return nil, fmt.Errorf("Could not find a property named '%s' on type 'Pbx'.", head)
		}
		if !nested {
			out[head] = v
			continue
		}
		inner, ok := v.(record)
		if !ok {
			return nil, fmt.Errorf("Property '%s' is not a complex type.", head)
		}
		if _, ok := inner[tail]; !ok {
			return nil, fmt.Errorf("Could not find a property named '%s' on type 'Pbx.%s'.", tail, head)
		}
		sub, _ := out[head].(record)
		if sub == nil {
			sub = record{}
		}
		sub[tail] = inner[tail]
		out[head] = sub
	}
	for _, nav := range []string{"Groups", "DN"} {
		if v, ok := rec[nav]; ok {
			out[nav] = v
		}
	}
	return out, nil
}

func expands(expand, nav string) bool {
	for _, part := range strings.Split(expand, ",") {
		if part == nav || strings.HasPrefix(part, nav+"(") {
			return true
		}
	}
	return false
}

func writeError(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusBadRequest, record{"error": record{"code": "", "message": msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; odata.metadata=minimal")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
