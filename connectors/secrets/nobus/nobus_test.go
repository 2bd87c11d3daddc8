//go:build linux

// Package nobus checks that, on a machine with no desktop session, asking the
// keyring for a secret never starts a D-Bus session bus (and the keyring
// daemon it would wake) that outlives Ringfence. It runs the real keyring in
// a child process, since go-keyring's mock is global to a test binary.
package nobus

import (
	"bytes"
	"crypto/rand"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/ringfence/ringfence/connectors/secrets"
)

// TestHelperKeyringUser runs in the child: it does what connect, audit and
// forget do with the keyring and reports what it was told.
func TestHelperKeyringUser(t *testing.T) {
	if os.Getenv("RINGFENCE_NOBUS_CHILD") != "1" {
		t.Skip("run as a child process by TestNoSessionBusIsStarted")
	}
	setErr := realKeyring.Set("No Bus Ltd", "3cx", "not-a-real-secret")
	_, getErr := realKeyring.Get("No Bus Ltd", "3cx")
	delErr := realKeyring.Delete("No Bus Ltd", "3cx")
	for _, err := range []error{setErr, getErr, delErr} {
		if !errors.Is(err, secrets.ErrUnavailable) {
			t.Errorf("without a session bus the keyring should be unavailable, got %v", err)
		}
	}
	if setErr != nil && !strings.Contains(setErr.Error(), secrets.EnvVar) {
		t.Errorf("the message should point to %s: %v", secrets.EnvVar, setErr)
	}
}

func TestNoSessionBusIsStarted(t *testing.T) {
	// The D-Bus library starts a bus through dbus-launch, which runs
	// dbus-daemon; without both nothing could be left running.
	for _, tool := range []string{"dbus-daemon", "dbus-launch"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("RINGFENCE_REQUIRE_REAL") == "1" {
				t.Fatalf("%s (packages dbus and dbus-x11) is needed for this test and RINGFENCE_REQUIRE_REAL=1 is set", tool)
			}
			t.Skipf("%s is not installed, so nothing could start a session bus; install dbus and dbus-x11 to run this test", tool)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find the test binary: %v", err)
	}
	// Every process the child starts inherits this mark, so anything it leaves
	// running can be found afterwards however it was detached.
	mark := "RINGFENCE_NOBUS_MARK=" + rand.Text()
	runtimeDir := t.TempDir() // no "bus" socket in it
	cmd := exec.Command(exe, "-test.run=^TestHelperKeyringUser$", "-test.count=1", "-test.v")
	cmd.Env = []string{"RINGFENCE_NOBUS_CHILD=1", mark, "XDG_RUNTIME_DIR=" + runtimeDir, "HOME=" + t.TempDir(),
		"PATH=" + os.Getenv("PATH")}
	out, err := cmd.CombinedOutput()
	left := marked(t, mark)
	for _, pid := range left {
		_ = syscall.Kill(pid, syscall.SIGKILL) // started by this test's child
	}
	if err != nil {
		t.Errorf("child: %v\n%s", err, out)
	}
	if len(left) > 0 {
		t.Errorf("asking the keyring without a session bus left %d processes running: %s", len(left), names(left))
	}
}

// marked lists processes of this user whose environment carries mark.
func marked(t *testing.T, mark string) []int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skipf("cannot list processes: %v", err)
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err != nil {
			continue
		}
		for kv := range bytes.SplitSeq(env, []byte{0}) {
			if string(kv) == mark {
				pids = append(pids, pid)
				break
			}
		}
	}
	return pids
}

func names(pids []int) string {
	var out []string
	for _, pid := range pids {
		comm, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "comm"))
		out = append(out, strings.TrimSpace(string(comm))+" ("+strconv.Itoa(pid)+")")
	}
	return strings.Join(out, ", ")
}

// realKeyring is the system keyring, reached as the program reaches it.
var realKeyring = secrets.Keyring{Getenv: os.Getenv}
