package httpx

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// ErrRPCRefused is a JSON-RPC answer carrying an error instead of a result.
var ErrRPCRefused = errors.New("the server refused the request")

// RPC calls one JSON-RPC method at the connector's Policy.RPC address and
// decodes the method's result into out. Only a method in Policy.RPCMethods
// is sent, and the guard checks the body again just before it goes on the
// wire. The request carries no parameters: the read methods allowed need
// none. header carries what a proxy in front of the server asks for, such as
// its sign-in. An error answer is reported by its code only, since its
// message is the server's own text.
func (c *Client) RPC(ctx context.Context, step, method string, header http.Header, out any) error {
	if !c.rpcMethodAllowed(method) {
		return c.wrap(step, fmt.Errorf("%w: %s is not one of the methods this connector may call", ErrNotReadOnly, shown(method)), "")
	}
	u, err := c.resolve(step, c.cfg.Policy.RPC, nil)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(struct {
		JSONRPC string `json:"jsonrpc"`
		Method  string `json:"method"`
		ID      int    `json:"id"`
	}{"2.0", method, 1})
	if err != nil {
		return c.fail(step, 0, errors.New("the request could not be built"))
	}
	var env struct {
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	h := http.Header{}
	for k, vs := range header {
		h[k] = vs
	}
	h.Set("Content-Type", "application/json")
	if err := c.do(ctx, request{step: step, method: http.MethodPost, url: u, header: h, body: raw, purpose: purposeRPC}, &env); err != nil {
		return err
	}
	switch {
	case len(env.Error) > 0 && string(env.Error) != "null":
		return c.fail(step, 0, fmt.Errorf("%w%s", ErrRPCRefused, rpcErrorCode(env.Error)))
	case len(env.Result) == 0 || string(env.Result) == "null":
		return c.fail(step, 0, fmt.Errorf("%w: the answer had no result", ErrBadData))
	case out == nil:
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(env.Result))
	if err := dec.Decode(out); err != nil {
		// Only the position is given: the text itself is the server's.
		return c.fail(step, 0, fmt.Errorf("%w (the result went wrong near byte %d)", ErrBadData, dec.InputOffset()))
	}
	return nil
}

// rpcErrorCode is " (JSON-RPC error -32601)" for an error object with a
// whole-number code, and "" for anything else a server might put there.
func rpcErrorCode(raw json.RawMessage) string {
	var e struct {
		Code json.RawMessage `json:"code"`
	}
	if json.Unmarshal(raw, &e) != nil {
		return ""
	}
	var code int64
	if json.Unmarshal(e.Code, &code) != nil {
		return ""
	}
	return fmt.Sprintf(" (JSON-RPC error %d)", code)
}

func (c *Client) rpcMethodAllowed(method string) bool {
	for _, m := range c.cfg.Policy.RPCMethods {
		if m == method {
			return c.cfg.Policy.RPC != ""
		}
	}
	return false
}

// checkRPCBody reads the body about to be sent and allows it only when it is
// one JSON-RPC request object, with each member at most once, calling an
// allowed method. A batch (an array) and a repeated "method" are refused
// outright: servers differ on which of two "method" members they obey
// (Kamailio takes the first, Go's decoder the last), so a check that read
// one and a server that ran the other would be no check at all.
func checkRPCBody(req *http.Request, methods map[string]bool) error {
	bad := func(why string) error { return fmt.Errorf("%w: the JSON-RPC request %s", ErrNotReadOnly, why) }
	if req.GetBody == nil {
		return bad("could not be checked")
	}
	body, err := req.GetBody()
	if err != nil {
		return bad("could not be checked")
	}
	defer body.Close()
	raw, err := io.ReadAll(io.LimitReader(body, 1<<16+1))
	if err != nil || len(raw) > 1<<16 {
		return bad("could not be checked")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return bad("is not a single request")
	}
	seen := map[string]bool{}
	var method string
	for dec.More() {
		tok, err := dec.Token()
		key, ok := tok.(string)
		if err != nil || !ok {
			return bad("could not be read")
		}
		if seen[key] {
			return bad(fmt.Sprintf("names %q twice", shown(key)))
		}
		seen[key] = true
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return bad("could not be read")
		}
		switch key {
		case "jsonrpc", "id":
		case "method":
			if err := json.Unmarshal(value, &method); err != nil {
				return bad("names no method")
			}
		case "params":
			// The allowed methods read and take nothing that could make
			// them write; parameters are still refused, so that what runs
			// is exactly what was allowed.
			return bad("carries parameters")
		default:
			return bad(fmt.Sprintf("has an unexpected member %q", shown(key)))
		}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return bad("could not be read")
	}
	if _, err := dec.Token(); err != io.EOF {
		return bad("is followed by more")
	}
	if !methods[method] {
		return fmt.Errorf("%w: %s is not one of the methods this connector may call", ErrNotReadOnly, shown(method))
	}
	return nil
}
