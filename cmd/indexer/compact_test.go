package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/newsearch/bilingual/index"
)

// segments counts the segments of a closed index's latest snapshot.
func segments(t *testing.T, dir string) int {
	t.Helper()
	idx, err := index.Open(dir, index.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ai, err := idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := ai.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	return len(r.(*scorch.IndexSnapshot).Segments())
}

// TestBulkBuildEndsInOneSegment checks that a build into a new index ends
// merged into one segment, with no other segment files on disk, that --no-compact leaves the batches' segments,
// and that an addition to an existing index leaves merging to Bleve.
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
	}
	fresh := filepath.Join(dir, "fresh")
	build(fresh)
	// The merged-away segments' files are gone too, not left for the next open.
	if zaps, _ := filepath.Glob(filepath.Join(fresh, "store", "*.zap")); len(zaps) != 1 {
		t.Errorf("a new index's store holds %d segment files, want 1: %v", len(zaps), zaps)
	}
	if n := segments(t, fresh); n != 1 {
		t.Errorf("a new index has %d segments, want 1", n)
	}
	kept := filepath.Join(dir, "kept")
	build(kept, "--no-compact")
	if n := segments(t, kept); n < 2 {
		t.Errorf("--no-compact left %d segment(s): the batches made several", n)
	}
	build(kept)
	if n := segments(t, kept); n < 2 {
		t.Errorf("adding to an index compacted it into %d segment(s)", n)
	}
}
