package main

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsearch/bilingual/internal/diskfault"
)

// TestIndexerFailsFastOnWriteError runs the indexer on a disk that refuses
// its writes: it must exit with status 2 and a message naming the index
// directory and the cause (it used to wait forever), keep what it had
// committed, and a re-run once the cause is gone must complete the job.
func TestIndexerFailsFastOnWriteError(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the indexer: not in -short")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "indexer")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	const first, all = 200, 3000
	head, input := filepath.Join(tmp, "head.jsonl"), filepath.Join(tmp, "all.jsonl")
	writeCorpus(t, head, first)
	writeCorpus(t, input, all)
	for _, tc := range []struct {
		name, reason string
		make         func(*testing.T, string) (string, func(), func())
	}{
		{"disk full", "disk full", diskfault.Tmpfs},
		{"file size limit", "file size limit reached", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			cause, cure := func() {}, func() {}
			second := exec.Command(bin, "--index", dir, "--batch-size", "100", input)
			if tc.make != nil {
				dir, cause, cure = tc.make(t, t.TempDir())
				second = exec.Command(bin, "--index", dir, "--batch-size", "100", input)
			} else {
				// The limit is the indexer's own: the test's files are not its.
				second = diskfault.LimitedCommand(64, bin, "--index", dir, "--batch-size", "100", input)
			}
			if out, err := exec.Command(bin, "--index", dir, head).CombinedOutput(); err != nil {
				t.Fatalf("first run: %v\n%s", err, out)
			}
			cause()
			// A hang is what this guards against: the deadline only bounds it.
			timer := time.AfterFunc(2*time.Minute, func() { _ = second.Process.Kill() })
			out, err := second.CombinedOutput()
			if !timer.Stop() {
				t.Fatalf("the indexer hung on a disk refusing writes:\n%s", out)
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 2 {
				t.Fatalf("exit: %v; want status 2\n%s", err, out)
			}
			msg := string(out)
			if !strings.Contains(msg, "index "+dir) || !strings.Contains(msg, tc.reason) {
				t.Errorf("message does not name the index %s and %q:\n%s", dir, tc.reason, msg)
			}
			if n, ok := countDocs(dir); !ok || n < first {
				t.Errorf("after the failure the index holds %d documents (opened: %v); want the first %d kept", n, ok, first)
			}

			cure()
			if out, err := exec.Command(bin, "--index", dir, input).CombinedOutput(); err != nil {
				t.Fatalf("re-run after the cure: %v\n%s", err, out)
			}
			if n, ok := countDocs(dir); !ok || n != all {
				t.Errorf("after the re-run the index holds %d documents; want %d", n, all)
			}
		})
	}
}
