// Package freepbxfake is a fake FreePBX API module for tests, here and in the
// conformance suites.
package freepbxfake

// A fake FreePBX API module, built from the request and response shapes in
// the FreePBX sources (read with the repository look-up tools, not copied):
//
//   - FreePBX/api Oauth/Oauth.php, Includes/ApiBase.php: client-credentials
//     token at /admin/api/api/token with scopes such as gql:core:read;
//     GraphQL at /admin/api/api/gql with a Bearer token.
//   - FreePBX/core Api/Gql/Extensions.php: fetchAllExtensions(first, after)
//     with totalCount and the "extension" list; the resolver wraps its result
//     in "response", so pageInfo is not filled in on a real server.
//   - FreePBX/core Api/Gql/Users.php: the coreuser type (name, voicemail
//     context, "novm" for none; extPassword/password are secrets).
//   - FreePBX/voicemail Api/Gql/Voicemail.php: fetchVoiceMail(extensionId)
//     with status, message and "password" in clear text; status false and
//     "Sorry unable to fetch the status" when there is no mailbox.
//   - FreePBX/cdr Api/Gql/Cdr.php: fetchAllCdrs(first, after, orderby) with
//     calldate, timestamp, src, cnum, dst, billsec; "disposition" always "".
//   - /work/shared/reference/pbx-apis.md: errors as {"errors":[{"message",
//     "status":false}]} with HTTP 400 (16) or 200 (17); names PHP-escaped.
//
// The fake fails the test on any request that is not the token request or a
// GraphQL query, and on any query that selects a secret it should not.

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// PageMode is how the fake answers paging.
type PageMode int

const (
	PagesRelay        PageMode = iota // pageInfo filled in, as Relay intends
	PagesNullInfo                     // pageInfo null, as the wrapped resolver gives
	PagesInfoFails400                 // selecting pageInfo fails the query, FreePBX 16 style
	PagesInfoFails200                 // the same with HTTP 200, FreePBX 17 style
	PagesIgnoreAfter                  // the cursor is ignored: the first page every time
	PagesStuckCursor                  // new extensions on every page, endless, and the same endCursor each time
)

// Ext is one extension and its mailbox.
type Ext struct {
	ID, Name, VM string
	PIN          *string // nil: no mailbox even if VM is set
}

// Server is the fake. Set its fields before serving; read the counters after.
type Server struct {
	ClientID, Secret string
	Exts             []Ext
	CDRs             []map[string]any
	Mode             PageMode
	ExpireAfter      int    // the token dies after this many GraphQL requests; 0 never
	VMErrors200      string // when set, fetchVoiceMail answers with this GraphQL error and HTTP 200

	t           testing.TB
	mu          sync.Mutex
	token       string
	Tokens      int // sign-ins granted
	served      int
	Queries     []string // every GraphQL document accepted
	MailboxHits int      // fetchVoiceMail queries
	stuckPages  int
}

// PIN makes a mailbox PIN.
func PIN(s string) *string { return &s }

// Wire facts, repeated here rather than imported so that a wrong constant in
// the connector fails its tests.
const (
	tokenPath   = "/admin/api/api/token"
	graphqlPath = "/admin/api/api/gql"
	scopes      = "gql:core:read gql:voicemail:read gql:cdr:read"
)

// The credentials the fake accepts.
const (
	ClientID = "ringfence-app"
	Secret   = "s3cret-Client-Value"
)

// New returns an empty fake that accepts ClientID and Secret.
func New() *Server { return &Server{ClientID: ClientID, Secret: Secret} }

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
	switch {
	case r.Method == http.MethodPost && r.URL.Path == tokenPath:
		f.serveToken(w, r)
	case r.Method == http.MethodPost && r.URL.Path == graphqlPath:
		f.serveGraphQL(w, r)
	default:
		f.t.Errorf("the connector sent %s %s, which is neither the token request nor a GraphQL query", r.Method, r.URL.Path)
		http.Error(w, "no", http.StatusMethodNotAllowed)
	}
}

func (f *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		f.t.Errorf("token request: %v", err)
	}
	if got := r.PostForm.Get("scope"); got != scopes {
		f.t.Errorf("token request asked for scopes %q, want only %q", got, scopes)
	}
	if r.PostForm.Get("grant_type") != "client_credentials" || r.PostForm.Get("client_id") != f.ClientID || r.PostForm.Get("client_secret") != f.Secret {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"error": "invalid_client", "message": "Client authentication failed"})
		return
	}
	f.mu.Lock()
	f.Tokens++
	f.token = fmt.Sprintf("tok-%d", f.Tokens)
	f.served = 0
	tok := f.token
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"token_type": "Bearer", "expires_in": 3600, "access_token": tok})
}

func (f *Server) serveGraphQL(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Query     string         `json:"query"`
		Variables map[string]any `json:"variables"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		f.t.Errorf("GraphQL body: %v", err)
		return
	}
	q := strings.TrimSpace(req.Query)
	if !strings.HasPrefix(q, "query") || strings.Contains(q, "mutation") || strings.Contains(q, "subscription") {
		f.t.Errorf("not a plain query: %s", q)
		writeJSON(w, http.StatusBadRequest, gqlErrors("mutations are not allowed here"))
		return
	}
	if strings.Contains(q, "extPassword") || strings.Contains(q, "user {") && strings.Contains(q, "password") {
		f.t.Errorf("the query selects a SIP or login secret: %s", q)
	}
	f.mu.Lock()
	auth := r.Header.Get("Authorization")
	ok := f.token != "" && auth == "Bearer "+f.token
	if ok && f.ExpireAfter > 0 && f.served >= f.ExpireAfter {
		ok = false
		f.token = "" // expired: only a new sign-in helps
	}
	if ok {
		f.served++
		f.Queries = append(f.Queries, q)
	}
	f.mu.Unlock()
	if !ok {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"error": "access_denied", "message": "The resource owner or authorization server denied the request."})
		return
	}
	switch {
	case strings.Contains(q, "fetchAllExtensions"):
		f.extensions(w, q, req.Variables)
	case strings.Contains(q, "fetchVoiceMail"):
		f.voicemail(w, req.Variables)
	case strings.Contains(q, "fetchAllCdrs"):
		first := intVar(req.Variables, "first", len(f.CDRs))
		rows := f.CDRs[:min(first, len(f.CDRs))]
		writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"fetchAllCdrs": map[string]any{"totalCount": len(f.CDRs), "cdrs": rows}}})
	default:
		f.t.Errorf("unexpected query: %s", q)
		writeJSON(w, http.StatusBadRequest, gqlErrors("Cannot query field"))
	}
}

func (f *Server) extensions(w http.ResponseWriter, q string, vars map[string]any) {
	wantsInfo := strings.Contains(q, "pageInfo")
	switch {
	case wantsInfo && f.Mode == PagesInfoFails400:
		writeJSON(w, http.StatusBadRequest, gqlErrors(`Cannot return null for non-nullable field "ExtensionConnection.pageInfo".`))
		return
	case wantsInfo && f.Mode == PagesInfoFails200:
		body := gqlErrors(`Cannot return null for non-nullable field "ExtensionConnection.pageInfo".`)
		body["data"] = map[string]any{"fetchAllExtensions": nil}
		writeJSON(w, http.StatusOK, body)
		return
	}
	first := intVar(vars, "first", len(f.Exts))
	if f.Mode == PagesStuckCursor {
		f.mu.Lock()
		f.stuckPages++
		from := f.stuckPages * first
		f.mu.Unlock()
		nodes := []map[string]any{}
		for i := range first {
			nodes = append(nodes, map[string]any{"extensionId": strconv.Itoa(from + i), "tech": "pjsip", "user": map[string]any{"name": "", "voicemail": "novm"}})
		}
		conn := map[string]any{"totalCount": 1 << 30, "extension": nodes}
		if wantsInfo {
			conn["pageInfo"] = map[string]any{"hasNextPage": true, "endCursor": "YXJyYXljb25uZWN0aW9uOjA="}
		}
		writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"fetchAllExtensions": conn}})
		return
	}
	start := 0
	if after, _ := vars["after"].(string); after != "" && f.Mode != PagesIgnoreAfter {
		raw, err := base64.StdEncoding.DecodeString(after)
		n, err2 := strconv.Atoi(strings.TrimPrefix(string(raw), "arrayconnection:"))
		if err != nil || err2 != nil {
			f.t.Errorf("cursor %q is not one graphql-relay-php would accept", after)
		}
		start = n + 1
	}
	end := min(start+first, len(f.Exts))
	start = min(start, end)
	nodes := []map[string]any{}
	for _, e := range f.Exts[start:end] {
		nodes = append(nodes, map[string]any{"extensionId": e.ID, "tech": "pjsip", "user": map[string]any{"name": e.Name, "voicemail": e.VM}})
	}
	conn := map[string]any{"totalCount": len(f.Exts), "extension": nodes}
	if wantsInfo {
		switch f.Mode {
		case PagesRelay:
			conn["pageInfo"] = map[string]any{"hasNextPage": end < len(f.Exts), "endCursor": base64.StdEncoding.EncodeToString([]byte("arrayconnection:" + strconv.Itoa(end-1)))}
		default:
			conn["pageInfo"] = nil
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"fetchAllExtensions": conn}})
}

func (f *Server) voicemail(w http.ResponseWriter, vars map[string]any) {
	f.mu.Lock()
	f.MailboxHits++
	f.mu.Unlock()
	if f.VMErrors200 != "" {
		writeJSON(w, http.StatusOK, gqlErrors(f.VMErrors200))
		return
	}
	ext, _ := vars["ext"].(string)
	for _, e := range f.Exts {
		if e.ID == ext && e.PIN != nil {
			writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"fetchVoiceMail": map[string]any{
				"status": true, "message": "Voicemail data found successfully", "password": *e.PIN}}})
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"fetchVoiceMail": map[string]any{
		"status": false, "message": "Sorry unable to fetch the status", "password": nil}}})
}

func gqlErrors(msg string) map[string]any {
	return map[string]any{"errors": []map[string]any{{"message": msg, "status": false}}}
}

func intVar(vars map[string]any, key string, fallback int) int {
	if v, ok := vars[key].(float64); ok {
		return int(v)
	}
	return fallback
}

// writeJSON answers the way PHP's json_encode does, escaping slashes and
// everything beyond ASCII, so the connector is tested against that spelling.
func writeJSON(w http.ResponseWriter, status int, v any) {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	for _, r := range string(raw) {
		switch {
		case r == '/':
			b.WriteString(`\/`)
		case r > 0x7e && r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
}
