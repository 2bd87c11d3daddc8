package conformance

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
)

// The classifiers name each kind of request a connector sends, so that the
// redirect suite can redirect each kind in turn.

func classify3CX(r *http.Request, _ []byte) string {
	if r.Method == http.MethodPost {
		return "sign-in"
	}
	what := strings.TrimPrefix(r.URL.Path, "/xapi/v1/")
	if skip := r.URL.Query().Get("$skip"); skip != "" && skip != "0" {
		return "next page of " + what
	}
	return "read " + what
}

var operationName = regexp.MustCompile(`^\s*query\s+(\w+)`)

func classifyFreePBX(r *http.Request, body []byte) string {
	if strings.HasSuffix(r.URL.Path, "/token") {
		return "sign-in"
	}
	var env struct {
		Query     string         `json:"query"`
		Variables map[string]any `json:"variables"`
	}
	json.Unmarshal(body, &env)
	op := "anonymous query"
	if m := operationName.FindStringSubmatch(env.Query); m != nil {
		op = "query " + m[1]
	}
	if _, ok := env.Variables["after"]; ok {
		return "next page of " + op
	}
	return op
}

func classifyYeastar(r *http.Request, _ []byte) string {
	what := strings.TrimPrefix(r.URL.Path, "/openapi/v1.0/")
	switch {
	case what == "get_token":
		return "sign-in"
	case what == "refresh_token":
		return "renewal"
	case what == "del_token":
		return "release"
	}
	if p := r.URL.Query().Get("page"); p != "" && p != "1" {
		return "next page of " + what
	}
	return "read " + what
}

func classifyKamailio(_ *http.Request, body []byte) string {
	var req struct {
		Method string `json:"method"`
	}
	json.Unmarshal(body, &req)
	return "call " + req.Method
}
