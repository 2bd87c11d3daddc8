//go:build unix

package kamailiotest

import (
	"os/exec"
	"syscall"
)

func supported() error { return nil }

// ownGroup starts Kamailio in a process group of its own, so that stopping
// it reaches the workers it forks, and nothing else.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// signalGroup asks the server's whole group to stop, or with kill forces it.
func signalGroup(cmd *exec.Cmd, kill bool) {
	sig := syscall.SIGTERM
	if kill {
		sig = syscall.SIGKILL
	}
	_ = syscall.Kill(-cmd.Process.Pid, sig)
}
