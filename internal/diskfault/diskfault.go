// Package diskfault makes an index directory's disk refuse writes, for the
// tests of what the indexer and searchd do then: a real full file system
// where the tests run as root, and a file size limit anywhere.
package diskfault

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TmpfsBytes is the size of the file system Tmpfs mounts.
const TmpfsBytes = 8 << 20

// Tmpfs mounts a small tmpfs under parent (unmounted when the test ends) and
// returns an index directory on it; cause fills the file system to the last
// byte, cure frees it again. It skips the test, with the reason, unless it
// runs as root and the mount succeeds.
func Tmpfs(t *testing.T, parent string) (dir string, cause, cure func()) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("a full disk needs a tmpfs mount, which needs root; the blocked-files case covers the rest")
	}
	mnt := filepath.Join(parent, "tmpfs")
	if err := os.MkdirAll(mnt, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+strconv.Itoa(TmpfsBytes), "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("mount tmpfs: %v: %s", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			// Something (a killed process's leftovers) still holds it.
			_ = exec.Command("umount", "-l", mnt).Run()
			t.Logf("umount %s: %v: %s", mnt, err, out)
		}
	})
	filler := filepath.Join(mnt, "filler")
	cause = func() {
		t.Helper()
		if err := Fill(filler); err != nil {
			t.Fatal(err)
		}
	}
	cure = func() {
		if err := os.Remove(filler); err != nil {
			t.Error(err)
		}
	}
	return filepath.Join(mnt, "idx"), cause, cure
}

// Fill writes path until the file system is full.
func Fill(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for len(chunk) > 0 {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				return fmt.Errorf("fill %s: %w", path, err)
			}
			chunk = chunk[:len(chunk)/2] // and the last crumbs
		}
	}
	return nil
}

// LimitedCommand is exec.Command(name, args...) run with a file size limit
// (RLIMIT_FSIZE) of about kib KiB, through sh's ulimit: a write past it fails
// with EFBIG ("file too large") whoever runs the test, and Go ignores the
// SIGXFSZ that comes with it.
func LimitedCommand(kib int, name string, args ...string) *exec.Cmd {
	return exec.Command("sh", append([]string{"-c", `ulimit -f "$1" && shift && exec "$@"`, "sh",
		strconv.Itoa(kib), name}, args...)...)
}

// SizeLimit returns an index directory under parent whose writes fail once
// cause is called: it sets this process's file size limit (RLIMIT_FSIZE) to
// kib KiB, so a write past it fails with EFBIG ("file too large") whoever
// runs the test; cure, and the end of the test, restore the limit. Tests
// using it must not run in parallel with others of their package.
func SizeLimit(kib int) func(t *testing.T, parent string) (dir string, cause, cure func()) {
	return func(t *testing.T, parent string) (string, func(), func()) {
		t.Helper()
		var was syscall.Rlimit
		if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &was); err != nil {
			t.Skipf("file size limit: %v", err)
		}
		restore := func() {
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &was); err != nil {
				t.Errorf("restore the file size limit: %v", err)
			}
		}
		t.Cleanup(restore)
		cause := func() {
			t.Helper()
			lim := syscall.Rlimit{Cur: uint64(kib) << 10, Max: was.Max}
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
				t.Fatalf("set the file size limit: %v", err)
			}
		}
		return filepath.Join(parent, "idx"), cause, restore
	}
}
