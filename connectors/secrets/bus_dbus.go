//go:build linux || freebsd || openbsd || netbsd || dragonfly

package secrets

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

var errNoBus = errors.New("no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is unset and there is no $XDG_RUNTIME_DIR/bus")

// noSessionBus says why the keyring cannot be reached, or returns nil when
// there is a session bus to reach it through. Without this check the D-Bus
// library starts a bus of its own (dbus-launch), and that bus starts the
// keyring daemon; both outlive Ringfence, one pair for every run.
func noSessionBus(getenv func(string) string) error {
	addr := getenv("DBUS_SESSION_BUS_ADDRESS")
	if addr != "" && !strings.HasPrefix(addr, "autolaunch:") {
		return nil
	}
	if dir := getenv("XDG_RUNTIME_DIR"); dir != "" {
		if info, err := os.Stat(filepath.Join(dir, "bus")); err == nil && info.Mode()&os.ModeSocket != 0 {
			return nil
		}
	}
	return &UnavailableError{Reason: noSessionReason, Err: errNoBus}
}
