//go:build !unix

package kamailiotest

import (
	"errors"
	"os/exec"
)

func supported() error { return errors.New("Kamailio runs only on Linux and other Unix-like systems") }

func ownGroup(*exec.Cmd) {}

func signalGroup(cmd *exec.Cmd, _ bool) { _ = cmd.Process.Kill() }
