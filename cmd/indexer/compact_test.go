package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zapFiles counts the segment files in a closed index's store. Compact
// removes the merged-away ones before the indexer exits, so this is the
// number of segments.
func zapFiles(t *testing.T, idx string) int {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(idx, "store", "*.zap"))
	if err != nil {
		t.Fatal(err)
	}
	return len(m)
}

// TestBulkBuildEndsInOneSegment checks that a build into a new index ends
// merged into one segment, with no other segment files left on disk, that
// --no-compact leaves the batches' segments, and that an addition to an
// existing index leaves merging to Bleve.
func TestBulkBuildEndsInOneSegment(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 60 {
		fmt.Fprintf(&b, `{"id":"d%02d","text":"Article %d: the lockdown in Delhi is extended, police say."}`+"\n", i, i)
	}
	in := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	build := func(idx string, extra ...string) {
		t.Helper()
		var out, errb bytes.Buffer
		args := append([]string{"-q", "--batch-size", "10", "--index", idx}, extra...)
		if code := run(append(args, in), &out, &errb); code != 0 {
			t.Fatalf("indexer %v: exit %d: %s", args, code, errb.String())
		}
		if !strings.Contains(out.String(), "indexed=60 ") {
			t.Fatalf("indexer %v: %s", args, out.String())
		}
	}
	fresh := filepath.Join(dir, "fresh")
	build(fresh)
	if n := zapFiles(t, fresh); n != 1 {
		t.Errorf("a new index has %d segment files, want 1", n)
	}
	kept := filepath.Join(dir, "kept")
	build(kept, "--no-compact")
	if n := zapFiles(t, kept); n < 2 {
		t.Errorf("--no-compact left %d segment file(s): the batches made several", n)
	}
	build(kept)
	if n := zapFiles(t, kept); n < 2 {
		t.Errorf("adding to an index compacted it into %d segment file(s)", n)
	}
}
