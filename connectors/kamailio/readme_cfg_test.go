package kamailio

import (
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/connectors/kamailio/kamailiotest"
)

// readmeKamailioLines is the kamailio.cfg block the README tells people to
// add, as written there.
func readmeKamailioLines(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "#### Kamailio")
	if !ok {
		t.Fatal("the README has no Kamailio section")
	}
	_, block, ok := strings.Cut(section, "```\n")
	if !ok {
		t.Fatal("the README's Kamailio section has no kamailio.cfg lines")
	}
	block, _, _ = strings.Cut(block, "```")
	return block
}

// readmeBase is a kamailio.cfg as Debian ships it, cut down to what takes
// registrations: like Debian's, it has no listen line of its own, so Kamailio
// would take SIP on every address the server has.
const readmeBase = `#!KAMAILIO
debug=2
log_stderror=yes
fork=yes
children=2
tcp_children=2
dns=no
rev_dns=no
auto_aliases=no

loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
modparam("usrloc", "db_mode", 0)

`

const readmeRoutes = `
request_route {
	if (is_method("REGISTER")) {
		save("location");
		exit;
	}
	if (is_method("OPTIONS")) {
		sl_send_reply("200", "OK");
		exit;
	}
	sl_send_reply("403", "Not here");
	exit;
}
`

// TestREADMEKamailioLinesOnARealServer adds the README's lines, as written,
// to a config like Debian's and runs it: the phones must still reach SIP,
// Ringfence must reach JSON-RPC, and JSON-RPC must not answer on the SIP port.
// Only the README's example addresses and ports are swapped for the test's
// own, all on 127.0.0.1.
func TestREADMEKamailioLinesOnARealServer(t *testing.T) {
	t.Parallel()
	lines := readmeKamailioLines(t)
	lines = strings.ReplaceAll(lines, "5071", "HTTP_PORT")
	lines = strings.ReplaceAll(lines, "192.0.2.10:5060", "127.0.0.1:SIP_PORT")
	cfg := readmeBase + lines + readmeRoutes
	// StartConfig fails unless SIP answers OPTIONS over UDP on SIP_PORT and
	// core.version answers on the JSON-RPC address.
	s := kamailiotest.StartConfig(t, []byte(cfg))
	s.Register(t, "1001", "Yealink SIP-T46S 66.86.0.15", "tcp")
	// Debian's jsonrpcs prints its answers pretty unless told otherwise, and
	// the README does not tell it: the connector must read them as they come.
	src, err := New(Config{URL: s.RPCURL})
	if err != nil {
		t.Fatal(err)
	}
	res, err := src.Fetch(t.Context(), nil)
	if err != nil {
		t.Fatalf("fetch through the README's lines: %v", err)
	}
	if len(res.Inventory.Devices) != 1 || res.Inventory.Devices[0].Owner != "1001" || res.Inventory.PBX.Version == "" {
		t.Errorf("through the README's lines: PBX %+v, devices %+v", res.Inventory.PBX, res.Inventory.Devices)
	}
	// The SIP port takes HTTP too (xhttp serves every TCP listener), so the
	// README's lines must refuse JSON-RPC there.
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Post("http://"+s.SIPTCP+"/RPC", "application/json", strings.NewReader(`{"jsonrpc":"2.0","method":"core.version","id":1}`))
	if err != nil {
		t.Fatalf("JSON-RPC over the SIP port: %v", err)
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || strings.Contains(string(body), "result") {
		t.Errorf("JSON-RPC over the SIP port answered %s: %s", resp.Status, body)
	}
}
