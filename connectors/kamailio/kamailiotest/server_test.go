package kamailiotest

import (
	"bytes"
	"encoding/json"
	"testing"
)

type dump struct {
	Result struct {
		Domains []struct {
			Domain struct {
				AoRs []struct {
					Info struct {
						AoR      string
						Contacts []struct {
							Contact struct {
								Address   string
								UserAgent string `json:"User-Agent"`
							}
						}
					}
				}
			}
		}
	} `json:"result"`
}

func TestRegisterShowsInDump(t *testing.T) {
	s := Start(t)
	if s.Version == "" {
		t.Fatal("core.version gave no version")
	}
	s.Register(t, "1001", "Yealink SIP-T46S 66.86.0.15", "udp")
	s.Register(t, "1001", "Yealink SIP-T46S 66.80.0.110", "tcp")
	s.Register(t, "1002", "Grandstream GXP2160 1.0.11.79", "udp")
	var d dump
	raw := s.Dump(t)
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("ul.dump: %v\n%s", err, raw)
	}
	agents := map[string][]string{}
	for _, dom := range d.Result.Domains {
		for _, aor := range dom.Domain.AoRs {
			for _, c := range aor.Info.Contacts {
				agents[aor.Info.AoR] = append(agents[aor.Info.AoR], c.Contact.UserAgent)
			}
		}
	}
	if len(agents["1001"]) != 2 || len(agents["1002"]) != 1 {
		t.Fatalf("want 2 contacts on 1001 and 1 on 1002, got %v\n%s", agents, raw)
	}
	if !bytes.Contains(raw, []byte("Yealink SIP-T46S 66.80.0.110")) {
		t.Fatalf("the TCP phone's user agent is missing from ul.dump:\n%s", raw)
	}
}

// Two servers at once get their own ports and their own location tables.
func TestServersAreSeparate(t *testing.T) {
	a, b := Start(t), Start(t)
	if a.SIPUDP == b.SIPUDP || a.RPCURL == b.RPCURL {
		t.Fatalf("two servers share an address: %s %s / %s %s", a.SIPUDP, a.RPCURL, b.SIPUDP, b.RPCURL)
	}
	a.Register(t, "2001", "Polycom/5.9.5.0614 SoundPointIP-SPIP_650", "udp")
	if bytes.Contains(b.Dump(t), []byte("2001")) {
		t.Fatal("a registration on one server shows in the other's table")
	}
}

// A server ends with the test that started it, and only that one: another
// test's server, started earlier and still running, keeps answering.
func TestStopsOnlyItsOwnServer(t *testing.T) {
	outer := Start(t)
	var inner *Server
	t.Run("inner", func(t *testing.T) { inner = Start(t) })
	if inner == nil {
		t.Fatal("the inner test started no server")
	}
	if _, err := inner.version(); err == nil {
		t.Errorf("the inner server still answers JSON-RPC at %s after its test ended", inner.RPCURL)
	}
	if err := options(inner.SIPUDP); err == nil {
		t.Errorf("the inner server still answers SIP at %s after its test ended", inner.SIPUDP)
	}
	if _, err := outer.version(); err != nil {
		t.Errorf("stopping the inner server stopped the outer one too: %v", err)
	}
	outer.Register(t, "3001", "Yealink SIP-T46S 66.86.0.15", "udp")
}

// BenchmarkStart measures how long the harness takes to bring a server up
// and see it answer JSON-RPC and SIP; each one is stopped before the next.
func BenchmarkStart(b *testing.B) {
	if err := supported(); err != nil {
		unavailable(b, err.Error())
	}
	bin, err := Binary()
	if err != nil {
		unavailable(b, err.Error())
	}
	for b.Loop() {
		_, stop, err := launch(b, bin, config)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		stop()
		b.StartTimer()
	}
}
