package diskfault

import (
	"fmt"
	"syscall"
	"unsafe"
)

// LimitProcess sets the file size limit (RLIMIT_FSIZE) of the running
// process pid to kib KiB, so its writes past that fail with EFBIG, and
// returns the function that lifts it again: a fault a test can put on a
// running server and take away, whoever runs it.
func LimitProcess(pid, kib int) (lift func() error, err error) {
	var was syscall.Rlimit
	if err := prlimit(pid, nil, &was); err != nil {
		return nil, err
	}
	lim := syscall.Rlimit{Cur: uint64(kib) << 10, Max: was.Max}
	if err := prlimit(pid, &lim, nil); err != nil {
		return nil, err
	}
	return func() error { return prlimit(pid, &was, nil) }, nil
}

func prlimit(pid int, set, get *syscall.Rlimit) error {
	_, _, errno := syscall.RawSyscall6(syscall.SYS_PRLIMIT64, uintptr(pid), syscall.RLIMIT_FSIZE,
		uintptr(unsafe.Pointer(set)), uintptr(unsafe.Pointer(get)), 0, 0)
	if errno != 0 {
		return fmt.Errorf("prlimit %d: %w", pid, errno)
	}
	return nil
}
