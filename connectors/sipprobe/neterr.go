package sipprobe

import (
	"errors"
	"net"
	"os"
	"syscall"
)

func isRefused(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED)
}

// fromHere reports an error that this computer raised before anything reached
// the phone system: no route from here, a local firewall, an address family
// it lacks. It says nothing about the phone system, so the port is not tried.
// "No route to host" is not one: a firewall in front of the phone system that
// rejects with "host prohibited" (firewalld's default) gives it too, and that
// is an answer about the port.
func fromHere(err error) bool {
	for _, e := range []syscall.Errno{syscall.ENETUNREACH, syscall.EACCES, syscall.EPERM, syscall.EADDRNOTAVAIL, syscall.EAFNOSUPPORT} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// plainNetError gives the reason at the bottom of a network error, without
// the operation and addresses Go puts in front.
func plainNetError(err error) string {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		err = op.Err
	}
	var sys *os.SyscallError
	if errors.As(err, &sys) && sys.Err != nil {
		err = sys.Err
	}
	return sentence(err.Error())
}

func sentence(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	if b[len(b)-1] != '.' {
		b = append(b, '.')
	}
	return string(b)
}
