// Package kamailiotest starts a real Kamailio on loopback for tests: SIP on
// UDP and TCP, JSON-RPC over HTTP, registrations kept in memory. Each call to
// Start gets its own ports, folder and process, and stops that process when
// the test ends. Tests of any package may import it.
package kamailiotest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

//go:embed testdata/kamailio.cfg
var config []byte

// Server is one running Kamailio that a test started. It answers a SIP
// OPTIONS on UDP and TCP with 200 OK and a Server header such as
// "kamailio (5.6.3 (x86_64/linux))", saves every REGISTER without asking
// for a password, and refuses every other request with 403.
type Server struct {
	SIPUDP string // host:port of SIP over UDP
	SIPTCP string // host:port of SIP over TCP (the same port as SIPUDP)
	RPCURL string // the JSON-RPC endpoint, http://127.0.0.1:port/RPC
	// Version is what core.version answers, e.g. "kamailio 5.6.3 (x86_64/linux)".
	Version string
	// StartedIn is how long the server took from launch to answering both
	// JSON-RPC and a SIP OPTIONS, for benchmarks and logs.
	StartedIn time.Duration

	logPath string
}

// How long a start may take before the test fails; generous because CI
// machines are shared, and polling ends as soon as the server answers.
const startDeadline = 30 * time.Second

// A port that was free when looked at can be taken by the time Kamailio binds
// it; a few fresh tries cover that race.
const startTries = 3

// Binary finds kamailio, also in /usr/sbin, which is often missing from the
// PATH of a non-root user. It says why when it cannot.
func Binary() (string, error) {
	if p, err := exec.LookPath("kamailio"); err == nil {
		return p, nil
	}
	for _, p := range []string{"/usr/sbin/kamailio", "/usr/local/sbin/kamailio"} {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return "", errors.New("kamailio is not installed (apt-get install kamailio kamailio-json-modules)")
}

// unavailable skips the test, or fails it when real services are required.
func unavailable(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("RINGFENCE_REQUIRE_REAL") == "1" {
		t.Fatalf("a real Kamailio is required (RINGFENCE_REQUIRE_REAL=1): %s", why)
	}
	t.Skipf("no real Kamailio: %s", why)
}

// Start runs a Kamailio for this test and returns once it answers JSON-RPC
// and SIP. The server is stopped when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	return StartConfig(t, config)
}

// StartConfig is Start with another kamailio.cfg, such as one built from the
// lines the README tells people to add. The config gets the ports as the
// defines SIP_PORT (UDP and TCP) and HTTP_PORT (JSON-RPC), and must listen on
// 127.0.0.1 only. A config that never answers SIP over UDP on SIP_PORT and
// JSON-RPC on HTTP_PORT fails the test.
func StartConfig(t testing.TB, cfg []byte) *Server {
	t.Helper()
	if err := supported(); err != nil {
		unavailable(t, err.Error())
	}
	bin, err := Binary()
	if err != nil {
		unavailable(t, err.Error())
	}
	var lastErr error
	for try := 0; try < startTries; try++ {
		s, stop, err := launch(t, bin, cfg)
		if err == nil {
			t.Cleanup(stop)
			t.Logf("kamailio ready in %s (SIP %s, RPC %s)", s.StartedIn.Round(time.Millisecond), s.SIPUDP, s.RPCURL)
			return s
		}
		var missing missingModule
		if errors.As(err, &missing) {
			unavailable(t, err.Error())
		}
		lastErr = err
		var taken portTaken
		if !errors.As(err, &taken) {
			break
		}
	}
	t.Fatalf("starting kamailio: %v", lastErr)
	return nil
}

type missingModule struct{ log string }

func (m missingModule) Error() string {
	return "a Kamailio module is missing (apt-get install kamailio kamailio-json-modules): " + m.log
}

type portTaken struct{ log string }

func (p portTaken) Error() string { return "a port was taken before Kamailio could bind it: " + p.log }

// launch starts one server and returns it with the function that stops it.
func launch(t testing.TB, bin string, text []byte) (*Server, func(), error) {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "kamailio.cfg")
	if err := os.WriteFile(cfg, text, 0o600); err != nil {
		return nil, nil, err
	}
	sipPort, httpPort, err := freePorts()
	if err != nil {
		return nil, nil, err
	}
	s := &Server{
		SIPUDP:  net.JoinHostPort("127.0.0.1", strconv.Itoa(sipPort)),
		SIPTCP:  net.JoinHostPort("127.0.0.1", strconv.Itoa(sipPort)),
		RPCURL:  "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(httpPort)) + "/RPC",
		logPath: filepath.Join(dir, "kamailio.log"),
	}
	logFile, err := os.Create(s.logPath)
	if err != nil {
		return nil, nil, err
	}
	defer logFile.Close()

	// -DD keeps the main process in the foreground as this test's child, and
	// -E sends the log to the file; the runtime folder and pid file live in
	// this test's own folder, so nothing outside it is touched.
	cmd := exec.Command(bin, "-DD", "-E",
		"-f", cfg,
		"-A", "SIP_PORT="+strconv.Itoa(sipPort),
		"-A", "HTTP_PORT="+strconv.Itoa(httpPort),
		"-Y", dir,
		"-P", filepath.Join(dir, "kamailio.pid"),
		"-w", dir,
		"-m", "32", "-M", "4",
	)
	cmd.Dir = dir
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	ownGroup(cmd)
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("running %s: %w", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		signalGroup(cmd, false)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			signalGroup(cmd, true)
			<-exited
		}
		// Workers that outlived the main process are in the same group.
		signalGroup(cmd, true)
	}

	deadline := time.Now().Add(startDeadline)
	for {
		select {
		case err := <-exited:
			stopped = true
			log := tail(s.logPath)
			switch {
			case strings.Contains(log, "could not find module") || strings.Contains(log, "cannot open shared object"):
				return nil, nil, missingModule{log}
			case strings.Contains(log, "Address already in use"):
				return nil, nil, portTaken{log}
			}
			return nil, nil, fmt.Errorf("kamailio stopped before it was ready (%v); its log ends:\n%s", err, log)
		default:
		}
		if v, err := s.version(); err == nil {
			if err := options(s.SIPUDP); err == nil {
				s.Version = v
				s.StartedIn = time.Since(began)
				return s, stop, nil
			}
		}
		if time.Now().After(deadline) {
			stop()
			return nil, nil, fmt.Errorf("kamailio did not answer within %s; its log ends:\n%s", startDeadline, tail(s.logPath))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// freePorts finds a port free for both UDP and TCP on 127.0.0.1 (for SIP) and
// another free for TCP (for JSON-RPC).
func freePorts() (sip, http int, err error) {
	for range 50 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, 0, err
		}
		port := l.Addr().(*net.TCPAddr).Port
		u, err := net.ListenPacket("udp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			l.Close()
			continue
		}
		h, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			l.Close()
			u.Close()
			return 0, 0, err
		}
		httpPort := h.Addr().(*net.TCPAddr).Port
		l.Close()
		u.Close()
		h.Close()
		return port, httpPort, nil
	}
	return 0, 0, errors.New("no port on 127.0.0.1 was free for both UDP and TCP")
}

// tail is the end of the server's log, for failure messages.
func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	const keep = 3000
	if len(b) > keep {
		b = b[len(b)-keep:]
	}
	return string(b)
}

// Log is the server's log so far, for a test that wants to show it.
func (s *Server) Log() string { return tail(s.logPath) }

var rpcClient = &http.Client{Timeout: 5 * time.Second}

// call sends one JSON-RPC request and returns the raw answer.
func (s *Server) call(method string) ([]byte, error) {
	body := fmt.Sprintf(`{"jsonrpc":"2.0","method":%q,"id":1}`, method)
	resp, err := rpcClient.Post(s.RPCURL, "application/json", strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s answered %s", method, resp.Status)
	}
	if bytes.Contains(b, []byte(`"error"`)) {
		return nil, fmt.Errorf("%s answered an error: %s", method, b)
	}
	return b, nil
}

func (s *Server) version() (string, error) {
	b, err := s.call("core.version")
	if err != nil {
		return "", err
	}
	// Parsed as JSON, since a config may keep jsonrpcs' pretty printing on.
	var answer struct {
		Result string `json:"result"`
	}
	if err := json.Unmarshal(b, &answer); err != nil || answer.Result == "" {
		return "", fmt.Errorf("core.version answered %s", b)
	}
	return strings.TrimSpace(answer.Result), nil
}

// Dump is the raw answer to ul.dump: the whole location table, as Kamailio
// writes it.
func (s *Server) Dump(t testing.TB) []byte {
	t.Helper()
	b, err := s.call("ul.dump")
	if err != nil {
		t.Fatalf("ul.dump on %s: %v", s.RPCURL, err)
	}
	return b
}
