// Package yeastarfake is a fake Yeastar P-Series OpenAPI for tests, here and
// in the conformance suites.
package yeastarfake

// A fake Yeastar P-Series OpenAPI, built from the request and response shapes
// in Yeastar's developer guides for the P-Series (help.yeastar.com, "Developer
// Guide" of the Appliance, Software and Cloud editions):
//
//   - get-access-token.html: POST /openapi/v1.0/get_token with a JSON
//     {username, password}; access_token (1800 s) and refresh_token (86400 s);
//     a User-Agent header is required on every request.
//   - authorization-rule.html, api-interfaces-and-events-summary.html:
//     POST refresh_token; GET del_token revokes; GET extension/delete deletes.
//   - query-extension-list.html: GET extension/list?page&page_size&access_token
//     with total_number and data[{id, number, caller_id_name, email_addr, ...}].
//   - extension/getpassword?id&type=vm_pin: the PIN in Base64 (YCM guide,
//     call-cloud-pbx-get-api.html, shows the same interface).
//   - search-specific-ip-phones.html: phone/search with data[{id, mac, vendor,
//     model, firmware, ip, assigned_ext_num ("Unassigned" when none)}].
//   - query-cdr-list.html: cdr/list, page_size up to 10,000, data[{id, time,
//     timestamp, call_from, call_to, talk_duration, disposition, call_type}].
//   - query-pbx-information.html: system/information with data{model_name,
//     firmware_version}.
//   - revoke-access-token.html: GET del_token?access_token revokes that token;
//     an application may hold a handful of live tokens (8, per the reference
//     notes), and a sign-in beyond them fails with 60002.
//   - Errors: HTTP 200 with a non-zero errcode (10004 token expired, 10005
//     access denied, 60002 too many tokens), per /work/shared/reference/pbx-apis.md.
//
// It fails the test on any request other than the two token requests and the
// five read addresses the connector is allowed, and on any without a User-Agent.

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
)

// Ext is one extension; PINB64 is its voicemail PIN as Yeastar sends it.
type Ext struct {
	ID            int
	Number, Name  string
	Email, PINB64 string
}

// Phone is one auto-provisioned phone; Owner "" is unassigned.
type Phone struct {
	ID                                int
	MAC, Vendor, Model, FW, IP, Owner string
}

// Server is the fake. Set its fields before serving; read the counters after.
type Server struct {
	ClientID, Secret string
	Model, Firmware  string
	Exts             []Ext
	Phones           []Phone
	CDRs             []map[string]any
	ExpireAfter      int             // an access token dies after this many reads; 0 never
	Deny             map[string]bool // paths answered with 10005
	TooManyTokens    bool
	// MaxLive is how many access tokens may be live at once; a sign-in
	// beyond it is refused with 60002, as Yeastar refuses a ninth.
	MaxLive    int
	IgnorePage bool // every list answers with its first page, whatever page was asked for

	t         testing.TB
	mu        sync.Mutex
	access    map[string]int // live access token -> reads served
	refresh   map[string]bool
	Issued    int            // tokens issued, by sign-in or refresh
	Refreshes int            // refreshes granted
	Reads     map[string]int // reads served, by path
	Released  int            // tokens handed back with del_token
}

// The credentials the fake accepts.
const (
	ClientID = "UEnH9Dmv-test-id"
	Secret   = "ZLcX-yeastar-Secret-9"
)

// Error codes, as Yeastar documents them.
const (
	codeTokenExpired = 10004
	codeDenied       = 10005
	codeTooMany      = 60002
)

// readPaths are the addresses the connector may read; any other request fails
// the test.
var readPaths = map[string]bool{
	"system/information": true, "extension/list": true, "extension/getpassword": true,
	"phone/search": true, "cdr/list": true,
}

// New returns an empty fake that accepts ClientID and Secret.
func New() *Server {
	return &Server{ClientID: ClientID, Secret: Secret, Model: "Yeastar P550", Firmware: "37.12.0.30", MaxLive: 8,
		access: map[string]int{}, refresh: map[string]bool{}, Reads: map[string]int{}, Deny: map[string]bool{}}
}

// Handler serves the fake, failing t on any request a read-only client would
// not send.
func (f *Server) Handler(t testing.TB) http.Handler {
	f.t = t
	return f
}

// Start serves the fake on loopback for the life of the test.
func (f *Server) Start(t testing.TB) *httptest.Server {
	srv := httptest.NewServer(f.Handler(t))
	t.Cleanup(srv.Close)
	return srv
}

func (f *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.UserAgent() == "" {
		f.t.Errorf("%s %s came without a User-Agent, which Yeastar requires", r.Method, r.URL.Path)
	}
	const base = "/openapi/v1.0/"
	switch {
	case r.Method == http.MethodPost && r.URL.Path == base+"get_token":
		f.getToken(w, r)
	case r.Method == http.MethodPost && r.URL.Path == base+"refresh_token":
		f.refreshToken(w, r)
	case r.Method == http.MethodGet && r.URL.Path == base+"del_token":
		f.delToken(w, r)
	case r.Method == http.MethodGet && readPaths[r.URL.Path[min(len(base), len(r.URL.Path)):]]:
		f.read(w, r, r.URL.Path[len(base):])
	default:
		f.t.Errorf("the connector sent %s %s, which is not one of its read requests", r.Method, r.URL.Path)
		http.Error(w, "no", http.StatusMethodNotAllowed)
	}
}

func (f *Server) issue(w http.ResponseWriter) {
	f.Issued++
	a, rt := fmt.Sprintf("acc-%d", f.Issued), fmt.Sprintf("ref-%d", f.Issued)
	f.access[a] = 0
	f.refresh[rt] = true
	reply(w, map[string]any{"errcode": 0, "errmsg": "SUCCESS", "access_token_expire_time": 1800, "access_token": a,
		"refresh_token_expire_time": 86400, "refresh_token": rt})
}

func (f *Server) getToken(w http.ResponseWriter, r *http.Request) {
	var body map[string]string
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		f.t.Errorf("get_token body: %v", err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.TooManyTokens, f.MaxLive > 0 && len(f.access) >= f.MaxLive:
		reply(w, map[string]any{"errcode": codeTooMany, "errmsg": "MAX TOKEN LIMIT"})
	case body["username"] != f.ClientID || body["password"] != f.Secret:
		reply(w, map[string]any{"errcode": 40002, "errmsg": "INVALID USERNAME OR PASSWORD"})
	default:
		f.issue(w)
	}
}

// refreshToken revokes the old access token at once, as Yeastar does.
func (f *Server) refreshToken(w http.ResponseWriter, r *http.Request) {
	var body map[string]string
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		f.t.Errorf("refresh_token body: %v", err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.refresh[body["refresh_token"]] {
		reply(w, map[string]any{"errcode": codeTokenExpired, "errmsg": "REFRESH TOKEN EXPIRED"})
		return
	}
	delete(f.refresh, body["refresh_token"])
	clear(f.access) // every older access token dies
	f.Refreshes++
	f.issue(w)
}

// delToken revokes the token it is given, as Yeastar does.
func (f *Server) delToken(w http.ResponseWriter, r *http.Request) {
	tok := r.URL.Query().Get("access_token")
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.access[tok]; !ok {
		reply(w, map[string]any{"errcode": codeTokenExpired, "errmsg": "ACCESS TOKEN EXPIRED"})
		return
	}
	delete(f.access, tok)
	f.Released++
	reply(w, map[string]any{"errcode": 0, "errmsg": "SUCCESS"})
}

// Live is how many access tokens are live.
func (f *Server) Live() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.access)
}

func (f *Server) read(w http.ResponseWriter, r *http.Request, path string) {
	q := r.URL.Query()
	f.mu.Lock()
	served, live := f.access[q.Get("access_token")]
	if live && f.ExpireAfter > 0 && served >= f.ExpireAfter {
		live = false
	}
	if live {
		f.access[q.Get("access_token")]++
		f.Reads[path]++
	}
	f.mu.Unlock()
	switch {
	case !live:
		reply(w, map[string]any{"errcode": codeTokenExpired, "errmsg": "ACCESS TOKEN EXPIRED"})
		return
	case f.Deny[path]:
		reply(w, map[string]any{"errcode": codeDenied, "errmsg": "ACCESS DENIED"})
		return
	}
	page, _ := strconv.Atoi(q.Get("page"))
	size, _ := strconv.Atoi(q.Get("page_size"))
	if f.IgnorePage {
		page = 1
	}
	switch path {
	case "system/information":
		reply(w, map[string]any{"errcode": 0, "errmsg": "SUCCESS", "data": map[string]any{"device_name": "PBX", "model_name": f.Model,
			"sn": "3631A2124XXX", "firmware_version": f.Firmware, "system_date_format": "DD/MM/YYYY"}})
	case "extension/list":
		var rows []map[string]any
		for _, e := range window(f.Exts, page, size) {
			rows = append(rows, map[string]any{"id": e.ID, "number": e.Number, "caller_id_name": e.Name, "email_addr": e.Email,
				"role_name": "Employee", "presence_status": "available", "online_status": map[string]any{"sip_phone": map[string]any{"status": 1}}})
		}
		reply(w, map[string]any{"errcode": 0, "errmsg": "SUCCESS", "total_number": len(f.Exts), "data": rows})
	case "extension/getpassword":
		if q.Get("type") != "vm_pin" {
			f.t.Errorf("asked for password type %q; only vm_pin is needed", q.Get("type"))
		}
		id, _ := strconv.Atoi(q.Get("id"))
		for _, e := range f.Exts {
			if e.ID == id {
				reply(w, map[string]any{"errcode": 0, "errmsg": "SUCCESS", "password": e.PINB64})
				return
			}
		}
		reply(w, map[string]any{"errcode": 10003, "errmsg": "NO SUCH EXTENSION"})
	case "phone/search":
		var rows []map[string]any
		for _, p := range window(f.Phones, page, size) {
			owner := p.Owner
			if owner == "" {
				owner = "Unassigned"
			}
			rows = append(rows, map[string]any{"id": p.ID, "mac": p.MAC, "vendor": p.Vendor, "model": p.Model, "template_name": "default",
				"ip": p.IP, "firmware": p.FW, "assigned_ext_status": "Registered", "assigned_ext_num": owner, "assigned_ext_name": owner})
		}
		reply(w, map[string]any{"errcode": 0, "errmsg": "SUCCESS", "total_number": len(f.Phones), "data": rows})
	case "cdr/list":
		reply(w, map[string]any{"errcode": 0, "errmsg": "SUCCESS", "total_number": len(f.CDRs), "data": window(f.CDRs, page, size)})
	}
}

func window[T any](all []T, page, size int) []T {
	if page < 1 || size < 1 {
		page, size = 1, len(all)
	}
	start := min((page-1)*size, len(all))
	return all[start:min(start+size, len(all))]
}

func reply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// B64 encodes a PIN the way Yeastar sends it.
func B64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
