//go:build unix

package tabulartest

import (
	"syscall"
	"time"
)

// CPUTime is the processor time this process has used, user and system. On a
// shared machine it measures a benchmark's own work far more steadily than
// the wall clock does.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
